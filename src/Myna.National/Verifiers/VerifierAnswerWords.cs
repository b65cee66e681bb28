using Myna.Pki.Verification;

namespace Myna.National.Verifiers;

/// <summary>
/// The words the verifier answer log (DOMAIN §7.5) stores for each request and outcome: stable, so the log stays
/// evidence across versions, and listed here so the operator's page can show each in the screen's language.
/// </summary>
public static class VerifierAnswerWords
{
    public const string Status = "status", Consent = "consent", FourInformation = "four-information";

    public const string Unknown = "unknown", Recorded = "recorded", Withdrawn = "withdrawn", NoneInForce = "none in force",
        Unchanged = "unchanged", ChangedNoSuccessor = "changed: no successor", UnknownCertificate = "unknown certificate",
        NoConsent = "no consent";

    private const string ProvidedPrefix = "provided ", RefusedPrefix = "refused: ";

    public static IReadOnlyList<string> Requests { get; } = [Status, Consent, FourInformation];

    /// <summary>Outcomes stored as a single word: a certificate's status, or what became of a consent or a provision.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        ["good", "suspended", "revoked", Unknown, Recorded, Withdrawn, NoneInForce, Unchanged, ChangedNoSuccessor];

    /// <summary>Why a request was refused: no such certificate, no consent, or a consent whose signature failed (§7.6).</summary>
    public static IReadOnlyList<string> Refusals { get; } =
        [UnknownCertificate, NoConsent, .. Enum.GetNames<SignatureFailure>().Where(n => n != nameof(SignatureFailure.None))];

    public static string Provided(string successorSerial) => ProvidedPrefix + successorSerial;

    public static string Refused(string why) => RefusedPrefix + why;

    /// <summary>Splits a stored outcome into its kind ("provided", "refused" or the word itself) and its detail.</summary>
    public static (string Kind, string? Detail) Read(string outcome) =>
        outcome.StartsWith(ProvidedPrefix, StringComparison.Ordinal) ? ("provided", outcome[ProvidedPrefix.Length..])
        : outcome.StartsWith(RefusedPrefix, StringComparison.Ordinal) ? ("refused", outcome[RefusedPrefix.Length..])
        : (outcome, null);
}
