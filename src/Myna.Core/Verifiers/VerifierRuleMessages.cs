using Myna.Core.Text.Messages;

namespace Myna.Core.Verifiers;

/// <summary>Why the registration, renewal or disabling of a verifier organisation is refused (DOMAIN §7.5).</summary>
[MessageCatalogue]
public static class VerifierRuleMessages
{
    public static readonly MessageText Name = new("verifier-rule.name", "組織の名称を入力してください（200文字以内）。",
        "the organisation's name is required (at most 200 characters)");
    public static readonly MessageText Kind = new("verifier-rule.kind", "種別は署名検証者、利用者証明検証者、またはその両方です。",
        "the kind is signature, user-authentication or both");
    public static readonly MessageText CorporateNumber = new("verifier-rule.corporate-number", "法人番号が正しくありません：{0}",
        "the corporate number is not valid: {0}");
    public static readonly MessageText UnknownVerifier = new("verifier-rule.unknown-verifier", "この検証者は登録されていません。", "there is no such verifier");
}
