using Myna.Core.Text.Messages;

namespace Myna.Core.Certificates;

/// <summary>Why a J-LIS operator's status change of an electronic certificate is refused (DOMAIN §7.4).</summary>
[MessageCatalogue]
public static class CertificateRuleMessages
{
    public static readonly MessageText HoldIsNotRevocation = new("certificate-rule.hold-is-not-revocation",
        "一時保留は失効ではありません。「一時保留」を使ってください。", "a suspension is not a revocation: suspend instead");
    public static readonly MessageText NoCertificate = new("certificate-rule.no-certificate", "この種類・シリアル番号（{0}）の電子証明書はありません。",
        "there is no certificate of this kind with serial {0}");
    public static readonly MessageText AlreadyRevoked = new("certificate-rule.already-revoked", "この電子証明書はすでに失効しています。",
        "the certificate is already revoked");
    public static readonly MessageText NotGood = new("certificate-rule.not-good", "一時保留にできるのは有効な電子証明書だけです（この証明書は「{0}」）。",
        "only a good certificate can be suspended (this one is {0})");
    public static readonly MessageText NotSuspended = new("certificate-rule.not-suspended",
        "一時保留を解除できるのは一時保留中の電子証明書だけです（この証明書は「{0}」）。", "only a suspended certificate can be released (this one is {0})");

    // A certificate's status as named in a refusal.
    public static readonly MessageText Pending = new("certificate-rule.status.pending", "未署名（発行途中）", "pending (never signed)");
    public static readonly MessageText Good = new("certificate-rule.status.good", "有効", "good");
    public static readonly MessageText Suspended = new("certificate-rule.status.suspended", "一時保留", "suspended");
    public static readonly MessageText Revoked = new("certificate-rule.status.revoked", "失効", "revoked");
}
