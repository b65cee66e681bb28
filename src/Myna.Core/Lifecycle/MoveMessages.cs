using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>Why a move between municipalities (転出・転入, DOMAIN §8.6) cannot be recorded as entered.</summary>
[MessageCatalogue]
public static class MoveMessages
{
    public static readonly MessageText WithinMunicipality = new("move-rule.destination.here",
        "転出先がこの市区町村です。市区町村内の住所の変更は「転居」で記録してください。", "a move within the municipality is an address change (転居), not a move-out");
    public static readonly MessageText MoveInDates = new("move-rule.move-in.dates",
        "転入日は届出日以前の日付で、どちらも未来の日付にはできません。", "the move-in date must be on or before the notification date, and neither in the future");
    public static readonly MessageText NewAddress = new("move-rule.move-in.address", "新しい住所（町名と番地）を入力してください。", "enter the new address (town and block)");
    public static readonly MessageText NoAdvance = new("move-rule.advance.none", "転出証明書情報（番号 {0}）が届いていません。", "no advance move-out information {0}");
    public static readonly MessageText AlreadyMovedIn = new("move-rule.move-in.done", "この転入は記録済みです。", "this move-in is already registered");
    public static readonly MessageText AlreadyInRegister = new("move-rule.move-in.in-register", "この方は既に住民登録があります。", "this person is already in the register");
}
