namespace Myna.Core.Audit;

/// <summary>
/// One entry of the append-only audit log (DOMAIN §12). <see cref="Hash"/> is an HMAC over
/// the record's fields and the previous record's hash, so altering, removing or reordering
/// records breaks the chain; only a holder of the audit key could rebuild it.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>1, 2, 3, … without gaps.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    /// <summary>What the action was about, e.g. "resident:123" — never an individual number.</summary>
    public required string Subject { get; set; }
    /// <summary>The registered purpose (事務) for number displays and exports.</summary>
    public string? Purpose { get; set; }
    public string? Detail { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>Action names written to the audit log.</summary>
public static class AuditActions
{
    public const string NumberRevealed = "number.reveal";
    public const string NumbersExported = "number.export";
    public const string NumbersAssigned = "number.assign";
    public const string NumberChanged = "number.change";
    /// <summary>A number change asked of the national side (in the outbox); <see cref="NumberChanged"/> follows its acknowledgement.</summary>
    public const string NumberChangeRequested = "number.change-request";
    public const string ResidentsImported = "residents.import";
    public const string ResidentsExported = "residents.export";
    public const string SignIn = "staff.sign-in";
    public const string SignInFailed = "staff.sign-in-failed";
    public const string SignOut = "staff.sign-out";
    public const string AccountDisabled = "staff.disabled";
    public const string AccountEnabled = "staff.enabled";
    public const string AccountLocked = "staff.locked";
    public const string ResidentSearchedByNumber = "resident.search-by-number";
    public const string NoticesGenerated = "notices.generate";
    public const string NoticesPrinted = "notices.print";
    public const string ResidenceRegistered = "residence.register";
    public const string ResidenceEnded = "residence.end";
    public const string AddressProtectionChanged = "resident.address-protection";
    public const string AdultWardChanged = "resident.adult-ward";
    public const string ProtectedAddressRefused = "resident.protected-address-refused";
    /// <summary>A protected address used to serve the person themself (their letter, the window with identity verified): allowed and logged (§9).</summary>
    public const string ProtectedAddressServed = "resident.protected-address-served";
    public const string SupportMeasureCreated = "support-measure.create";
    public const string SupportMeasureExtended = "support-measure.extend";
    public const string SupportMeasureMemberAdded = "support-measure.add-member";
    public const string SupportMeasureOffenderAdded = "support-measure.add-offender";
    public const string SupportMeasureRelaxed = "support-measure.relax";
    public const string SupportMeasureLifted = "support-measure.lift";
    /// <summary>A certificate request about a protected person refused by the support-measure check (§9): who asked, for whom, which measure.</summary>
    public const string CertificateRequestRefused = "support-measure.certificate-refused";
    /// <summary>A certificate request about a protected person that the check sent to strict examination or to the court (§9).</summary>
    public const string CertificateRequestChecked = "support-measure.certificate-checked";
    /// <summary>A measure forwarded to another municipality (§9): recorded with the desk's change, acknowledged later.</summary>
    public const string SupportMeasureForwarded = "support-measure.forward";
    public const string SupportMeasureForwardAcknowledged = "support-measure.forward-acknowledged";
    /// <summary>A measure received from another municipality (forwarded, or with the advance move-out information).</summary>
    public const string SupportMeasureReceived = "support-measure.receive";
    public const string MailStateChanged = "mail.state";
    public const string ApplicationReceived = "application.receive";
    public const string ApplicationReviewed = "application.review";
    public const string ApplicationQueued = "application.queue";
    public const string ApplicationsBulk = "application.bulk";
    public const string CertificateIssued = "certificate.issue";
    public const string CertificateStatusChanged = "certificate.status";
    public const string CaCreated = "ca.create";
    public const string VerifierRegistered = "verifier.register";
    public const string CardCreated = "card.create";
    public const string CardPinsSet = "card.pins";
    public const string CardPinChanged = "card.pin.change";
    public const string CardPinChangeRefused = "card.pin.change-refused";
    public const string CardPinReset = "card.pin.reset";
    public const string CardPinFailed = "card.pin.failed";
    public const string CardPinLocked = "card.pin.locked";
    public const string VerifierKeyRenewed = "verifier.key";
    public const string VerifierDisabled = "verifier.disable";
    public const string VerifierEnabled = "verifier.enable";
    public const string CardProduced = "card.produce";
    public const string CardVoided = "card.void";
    public const string DeliveryListIssued = "delivery.list";
    public const string DeliveryListImported = "delivery.import";
    public const string CardReceived = "card.receive";
    public const string CardReturned = "card.return";
    public const string CardSetUp = "card.setup";
    public const string CardCertificatesApplied = "card.certificates";
    public const string IssuanceNoticesSent = "issuance.notices";
    public const string IssuanceRemindersSent = "issuance.reminders";
    public const string CardDestroyed = "card.destroy";
    public const string CardIssued = "card.issue";
    /// <summary>A hand-over at the window stopped for a reason of DOMAIN §6.4–§6.5; its booking was released.</summary>
    public const string IssuanceStopped = "issuance.stop";
    public const string ApplicationIdentityVerified = "application.identity";
    public const string CardMailed = "card.mail";
    public const string CardSuspended = "card.suspend";
    public const string CardSuspensionLifted = "card.suspension-lift";
    public const string CardAbolished = "card.abolish";
    public const string CardEndorsed = "card.endorse";
    public const string CardCertificatesRenewed = "card.certificates.renew";
    public const string CardContinued = "card.continue";
    public const string ReplacementStarted = "card.replacement";
    public const string ExpiryNoticesSent = "card.expiry-notices";
    public const string MoveOutSent = "move.out";
    public const string MoveOutReceived = "move.out.received";
    public const string MoveIn = "move.in";
    public const string MoveCardsInvalidated = "move.invalidate";
    public const string MoveAbroadNotified = "move.abroad";
    public const string MoveAbroadCompleted = "move.abroad.done";
    public const string AuditEndAccepted = "audit.end-accepted";
}
