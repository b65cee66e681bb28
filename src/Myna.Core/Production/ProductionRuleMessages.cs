using Myna.Core.Text.Messages;

namespace Myna.Core.Production;

/// <summary>Why the national production side refuses a request to remake a card (DOMAIN §5).</summary>
[MessageCatalogue]
public static class ProductionRuleMessages
{
    public static readonly MessageText SayWhy = new("production-rule.remake.reason", "再作製の理由を入力してください。", "say why the card goes back for remaking");
    public static readonly MessageText NoSuchCard = new("production-rule.remake.no-card", "市区町村 {1} 向けに製造されたカード {0} はありません。",
        "no card {0} was made for {1}");
    public static readonly MessageText CannotRemake = new("production-rule.remake.state", "カード {0} は「{1}」のため、再作製に回せません。",
        "card {0} is {1} and cannot go back for remaking");

    // A produced card's state as named in a refusal.
    public static readonly MessageText Making = new("production-rule.state.making", "製造中", "being made");
    public static readonly MessageText Voided = new("production-rule.state.voided", "無効化済み", "voided");
    public static readonly MessageText Abolished = new("production-rule.state.abolished", "廃止済み", "abolished");
}
