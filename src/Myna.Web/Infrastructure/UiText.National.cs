using Myna.Core.Identifiers;
using Myna.National.Jpki;
using Myna.National.Verifiers;

namespace Myna.Web.Infrastructure;

public sealed partial class UiText
{
    /// <summary>
    /// The J-LIS operators' refusals (national pages: certificates, call centre, verifiers), keyed by the
    /// stable codes the national side throws with, so a Japanese screen never shows an English sentence. The
    /// certificate and verifier refusals carry their catalogue message (certificate-rule.*, verifier-rule.*);
    /// the "other" words stand in for a refusal that has none.
    /// </summary>
    private static Dictionary<string, (string Ja, string En)> NationalTexts => new(StringComparer.Ordinal)
    {
        ["national.error.cert.other"] = ("この操作はできませんでした。証明書の状態を確認してください。", "The change could not be made. Check the certificate's status."),
        ["national.error.verifier.other"] = ("この操作はできませんでした。", "The change could not be made."),
        ["national.error.identifier.Empty"] = ("入力されていません。", "nothing was entered."),
        ["national.error.identifier.Length"] = ("桁数が正しくありません。", "the number of digits is wrong."),
        ["national.error.identifier.NonDigit"] = ("数字以外の文字が含まれています。", "it contains a character that is not a digit."),
        ["national.error.identifier.CheckDigit"] = ("検査用数字が一致しません。", "the check digit does not match."),
        // The verifier answer log (DOMAIN §7.5): requests and outcomes are stored as stable words and shown here.
        ["verifier.request.status"] = ("失効情報の照会", "Status query"),
        ["verifier.request.consent"] = ("本人同意の記録", "Consent"),
        ["verifier.request.four-information"] = ("基本4情報の提供", "Four-information provision"),
        ["verifier.outcome.good"] = ("有効", "good"),
        ["verifier.outcome.suspended"] = ("一時保留", "suspended"),
        ["verifier.outcome.revoked"] = ("失効", "revoked"),
        ["verifier.outcome.unknown"] = ("該当なし", "unknown"),
        ["verifier.outcome.recorded"] = ("記録", "recorded"),
        ["verifier.outcome.withdrawn"] = ("撤回", "withdrawn"),
        ["verifier.outcome.none in force"] = ("有効な同意なし", "none in force"),
        ["verifier.outcome.unchanged"] = ("変更なし", "unchanged"),
        ["verifier.outcome.changed: no successor"] = ("変更あり（新しい証明書なし）", "changed: no successor"),
        ["verifier.outcome.provided"] = ("提供（新しい証明書 {0}）", "provided (new certificate {0})"),
        ["verifier.outcome.refused"] = ("拒否：{0}", "refused: {0}"),
        ["verifier.refusal.unknown certificate"] = ("証明書なし", "unknown certificate"),
        ["verifier.refusal.no consent"] = ("本人同意なし", "no consent"),
        ["verifier.refusal.NotCms"] = ("署名データではない", "not a CMS signature"),
        ["verifier.refusal.ContentMissing"] = ("署名対象なし", "content missing"),
        ["verifier.refusal.SignerCount"] = ("署名者が1名でない", "not exactly one signer"),
        ["verifier.refusal.SignerCertificateMissing"] = ("署名者の証明書なし", "signer certificate missing"),
        ["verifier.refusal.SignatureMismatch"] = ("署名値が一致しない", "signature mismatch"),
        ["verifier.refusal.NotASignatureCertificate"] = ("署名用電子証明書でない", "not a signature certificate"),
        ["verifier.refusal.Untrusted"] = ("信頼できない発行者", "untrusted issuer"),
        ["verifier.refusal.NotValidAtSigningTime"] = ("有効期間外", "not valid at the verification time"),
        ["verifier.refusal.Revoked"] = ("失効", "revoked"),
        ["verifier.refusal.Suspended"] = ("一時保留", "suspended"),
        ["verifier.refusal.RevocationUndetermined"] = ("失効状態を確認できない", "revocation undetermined"),
    };

    public bool Has(string key) => Texts.ContainsKey(key);
}

/// <summary>The operators' refusals in the page's language, from the codes the national side throws with.</summary>
public static class NationalWords
{
    public static string Refusal(UiText text, IssuanceException e) => e.Text is { } message ? text[message] : Pick(text, "national.error.cert.", e.Refusal);

    public static string Refusal(UiText text, VerifierException e) => e.Text is { } message ? text[message] : Pick(text, "national.error.verifier.", e.Code);

    /// <summary>An identifier the operator typed (municipality code, resident code): which field, and why, never the digits (DOMAIN §12).</summary>
    public static string Identifier(UiText text, string fieldKey, IdentifierProblem problem) =>
        text[fieldKey] + ": " + text["national.error.identifier." + problem.Error];

    /// <summary>A verifier request's kind as stored in the answer log, in the page's language (the stored word if unknown).</summary>
    public static string VerifierRequest(UiText text, string kind) => text.Has("verifier.request." + kind) ? text["verifier.request." + kind] : kind;

    /// <summary>
    /// A stored verifier outcome in the page's language: a status, a provision with its new certificate, or a refusal
    /// with its reason. A word this page does not know is shown as stored rather than hidden: the log is evidence (§7.5).
    /// </summary>
    public static string VerifierOutcome(UiText text, string outcome)
    {
        var (kind, detail) = VerifierAnswerWords.Read(outcome);
        return kind switch
        {
            "provided" => text.Format("verifier.outcome.provided", detail!),
            "refused" => text.Format("verifier.outcome.refused", text.Has("verifier.refusal." + detail) ? text["verifier.refusal." + detail] : detail!),
            _ => text.Has("verifier.outcome." + outcome) ? text["verifier.outcome." + outcome] : outcome,
        };
    }

    private static string Pick(UiText text, string prefix, string code) => text[text.Has(prefix + code) ? prefix + code : prefix + "other"];
}
