using Myna.Core.Identifiers;

namespace Myna.Core.Contracts;

/// <summary>
/// The national side's answer to a card's continuation after a move (§8.6): continued, with the day the
/// certificates that followed the card expire (for the destination's records), or why not.
/// </summary>
public sealed record CardContinuation(bool Continued, string? Refusal, DateOnly? CertificatesExpiry);

/// <summary>A card's standing on the national side (DOMAIN §7.4, §8): its state, a call-centre case and its certificates.</summary>
public sealed record CardStanding(string Serial, string State, string? SuspensionReference, DateTimeOffset? SuspendedAt, DateOnly Expiry,
    IReadOnlyList<CertificateStanding> Certificates)
{
    public bool Suspended => SuspensionReference is not null;
}

/// <summary>The kinds of certificate a card holds, as <see cref="CertificateStanding.Kind"/> names them (DOMAIN §7.1).</summary>
public static class CertificateKinds
{
    public const string Signature = "sign", UserAuthentication = "auth";
}

/// <summary>One certificate of a card, as the holder's municipality may see it (no personal data).</summary>
public sealed record CertificateStanding(string Kind, string Serial, string Status, DateTimeOffset NotAfter);

/// <summary>A national-side step in a card's life (a call-centre suspension), for the resident's timeline.</summary>
public sealed record NationalCardEvent(DateTimeOffset At, string Kind, string? Reference, string Detail);

/// <summary>What the register says about the holder now, for new certificates and the chip's input-assist data.</summary>
/// <remarks>
/// <see cref="StayUntil"/>: the last day of a foreign resident's period of stay as the register holds it now (null: none). An
/// endorsement (§8.5) applies it to the card's expiry — the cap of §8.1, moved by an extension of the period.
/// </remarks>
public sealed record HolderData(ResidentCode ResidentCode, string Name, string? NameAltFlags, string Address, string? AddressAltFlags, DateOnly BirthDate, int Sex,
    DateOnly? StayUntil = null);

/// <summary>The card lifecycle operations a municipality asks of the national side (DOMAIN §8).</summary>
public interface ICardLifecycle
{
    /// <summary>The outbox kind of a card continuation (<see cref="ContinueAsync"/>), the same on both sides.</summary>
    public const string ContinuationKind = "card.continue";

    Task<CardStanding> StandingAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default);

    Task<IReadOnlyList<NationalCardEvent>> HistoryAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default);

    /// <summary>Found after a loss report (§8.3): the card and its certificates back to good. Identity was verified at the window.</summary>
    Task LiftSuspensionAsync(MunicipalityCode municipality, string serial, string verification, string actor, CancellationToken ct = default);

    /// <summary>廃止 (§7.4, §8.3, §8.6): the card can no longer be used and every certificate on it is revoked. Idempotent.</summary>
    Task AbolishAsync(MunicipalityCode municipality, string serial, string reason, bool superseded, string actor, CancellationToken ct = default);

    /// <summary>
    /// 追記 (§8.5): the chip's input-assist data now says what the register says, and the card's expiry follows the
    /// register's period of stay (§8.1: the birthday rule capped at its last day, from the card's own production date).
    /// </summary>
    Task EndorseAsync(MunicipalityCode municipality, string serial, HolderData holder, string actor, CancellationToken ct = default);

    /// <summary>
    /// Certificate renewal at the window (§8.2): new key pairs made on the chip, new certificates, the old
    /// ones revoked as superseded. The signature certificate only when wanted and the holder is 15 or older.
    /// Returns whether the card now needs a signature PIN set (it had none).
    /// </summary>
    Task<bool> RenewCertificatesAsync(MunicipalityCode municipality, string serial, HolderData holder, bool signature, string actor,
        CancellationToken ct = default);

    /// <summary>A locked or forgotten PIN reset at the window after identity verification (§6.6); a PIN the policy refuses sets nothing.</summary>
    Task<PinSetting> ResetPinAsync(MunicipalityCode municipality, string serial, Issuance.PinKind kind, string pin, string verification, string actor,
        CancellationToken ct = default);

    /// <summary>
    /// 継続利用 (§8.6): the card now belongs to the destination. Its certificates follow the holder; the
    /// signature certificate is revoked because the address changed (§7.4), and the chip's
    /// input-assist data takes the new address. A card no longer valid at the origin is not continued:
    /// that is an answer, not a failure. Delivered through the destination's outbox, so once per
    /// <paramref name="messageId"/>: a repeat changes nothing and gets the same answer.
    /// </summary>
    Task<CardContinuation> ContinueAsync(MunicipalityCode origin, MunicipalityCode destination, string serial, HolderData holder, string actor, Guid messageId,
        CancellationToken ct = default);

    /// <summary>
    /// 国外継続利用 on the move date (§8.6, §7.4): the signature certificate is revoked (the holder left the register), the
    /// user certificate is kept, the card stays valid to its expiry and from now on belongs to <paramref name="responsible"/>
    /// (the municipality of the family register), linked to the holder there. With <paramref name="signatureAbroad"/>, a signature
    /// certificate for people abroad is issued on <paramref name="attachment"/> (the family-register attachment's data: the place of
    /// the family register as the address). Once per <paramref name="messageId"/>: a repeat revokes nothing more and gets the same answer. A card no longer
    /// valid is not continued: that is an answer, not a failure.
    /// </summary>
    Task<CardContinuation> ContinueAbroadAsync(MunicipalityCode municipality, string serial, MunicipalityCode responsible, HolderData attachment,
        bool signatureAbroad, DateOnly movedOn, string actor, Guid messageId, CancellationToken ct = default);

    /// <summary>Certificates of this municipality's holders revoked since <paramref name="since"/>, newest first (for the supervisor's dashboard).</summary>
    Task<IReadOnlyList<Revocation>> RevocationsSinceAsync(MunicipalityCode municipality, DateTimeOffset since, CancellationToken ct = default);
}

/// <summary>One certificate revocation, as a municipality may see it: when, which certificate, why (no personal data).</summary>
public sealed record Revocation(DateTimeOffset At, string Kind, string Serial, string? CardSerial, string Reason, string? Note);

/// <summary>The advance move-out information of DOMAIN §8.6, as it travels between municipalities.</summary>
public sealed record AdvanceMoveOut(
    MunicipalityCode Origin,
    MunicipalityCode Destination,
    ResidentCode ResidentCode,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    DateOnly BirthDate,
    int Sex,
    string Relationship,
    IndividualNumber? Number,
    string DestinationAddress,
    DateOnly PlannedOn,
    string? CardSerial,
    DateOnly? CardExpiry,
    int CardEndorsements,
    IReadOnlyList<ForwardedSupportMeasure>? SupportMeasures = null,
    Notices.NumberNotification? Notification = null);

/// <summary>
/// A support measure as it travels to another municipality (DOMAIN §9 forwarding, and with every move-out, §8.6): the
/// reference, kind, basis, dates, the people covered (resident code and name) and the offenders as far as known. It has
/// no field for a covered person's address: the protected address never travels with the measure.
/// </summary>
public sealed record ForwardedSupportMeasure(
    string Reference,
    SupportMeasures.SupportMeasureKind Kind,
    string ApplicantResidentCode,
    string ApplicantName,
    SupportMeasures.SupportBasisKind BasisKind,
    string BasisBody,
    DateOnly BasisDate,
    string? BasisNote,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool Lifted,
    DateOnly? LiftedOn,
    string? LiftReason,
    IReadOnlyList<ForwardedPerson> People,
    IReadOnlyList<ForwardedOffender> Offenders);

public sealed record ForwardedPerson(string ResidentCode, string Name, SupportMeasures.SupportPersonRole Role, DateOnly CoveredFrom, DateOnly? CoveredUntil);

/// <summary>An offender as far as known (their own address included: it is what a request from them is recognised by).</summary>
public sealed record ForwardedOffender(string Name, string? NameKana, DateOnly? BirthDate, string? Address, string? Relationship);

/// <summary>The receiver's acknowledgement of a forward: kept until when, and whether a covered person lives there now (the measure applied at once).</summary>
public sealed record ForwardReceipt(DateOnly KeepUntil, bool AppliesToResident);

/// <summary>
/// What municipalities tell each other about a move (DOMAIN §8.6): never by reading each other's
/// database, only through this contract.
/// </summary>
public interface IMunicipalExchange
{
    /// <summary>
    /// Delivers the advance move-out information to the destination; throws <see cref="MunicipalityUnreachableException"/> when it cannot.
    /// The destination keeps each message ID once.
    /// </summary>
    Task SendAdvanceMoveOutAsync(AdvanceMoveOut information, Guid messageId, CancellationToken ct = default);

    /// <summary>The destination tells the origin the move-in was notified (転入通知) and whether the card continued; once per message ID.</summary>
    Task SendMoveInNotifiedAsync(MunicipalityCode origin, MunicipalityCode destination, ResidentCode code, DateOnly movedInOn, bool cardContinued,
        Guid messageId, CancellationToken ct = default);

    /// <summary>
    /// Forwards a support measure (DOMAIN §9) to a related municipality, which keeps it a year and applies it to the person by
    /// resident code; once per message ID (a repeat gets the same receipt). Throws <see cref="MunicipalityUnreachableException"/>
    /// when the destination cannot be reached (the forward is retried).
    /// </summary>
    Task<ForwardReceipt> ForwardSupportMeasureAsync(MunicipalityCode origin, MunicipalityCode destination, ForwardedSupportMeasure measure, Guid messageId,
        CancellationToken ct = default);
}

public sealed class MunicipalityUnreachableException(string message) : InvalidOperationException(message);
