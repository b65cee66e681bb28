using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;

namespace Myna.Hosting.Network;

/// <summary>
/// The national contracts over HTTPS with mutual TLS (ARCHITECTURE principle 1): the municipal side's implementation of
/// every contract when <c>Myna:National:Url</c> is set. The municipality a call is made for chooses the client certificate
/// (the national host takes the caller from it); each state-changing call carries an idempotency key, the message ID where
/// the contract has one, so a retry after a lost answer never acts twice (principle 3).
/// </summary>
public sealed class NationalClient(NationalTransport transport)
    : ICardProduction, ICardService, ICardLifecycle, ICertificateEvents, INationalNumbering, IAuditCheckpoints
{
    private static string Card(string serial) => "cards/" + Uri.EscapeDataString(serial);

    private static Guid NewKey() => Guid.NewGuid();

    // ICardProduction
    public Task EnqueueAsync(ProductionRequest request, Guid messageId, CancellationToken ct = default) =>
        transport.SendAsync(MunicipalityCode.Parse(request.MunicipalityCode), HttpMethod.Post, "production/requests", request, messageId, ct);

    public Task RequestRemakeAsync(MunicipalityCode municipality, string serial, string reason, string actor, Guid messageId, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, "production/remakes", new RemakeBody(serial, reason, actor), messageId, ct);

    // ICardService
    public Task<CardFace> ReadFaceAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default) =>
        transport.SendAsync<CardFace>(municipality, HttpMethod.Get, Card(serial) + "/face", null, null, ct);

    public Task<CertificateSetup> ApplyCertificateWishesAsync(MunicipalityCode municipality, string serial, bool signature, bool user, string actor,
        CancellationToken ct = default) =>
        transport.SendAsync<CertificateSetup>(municipality, HttpMethod.Post, Card(serial) + "/certificate-wishes", new CertificateWishesBody(signature, user, actor), NewKey(), ct);

    public Task DestroyAsync(MunicipalityCode municipality, string serial, string reason, string actor, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, Card(serial) + "/destruction", new DestroyBody(reason, actor), NewKey(), ct);

    public Task<PinSetting> SetPinsAsync(MunicipalityCode municipality, string serial, FourDigitPins fourDigitPins, string? signaturePin, string actor,
        CancellationToken ct = default) =>
        transport.SendAsync<PinSetting>(municipality, HttpMethod.Post, Card(serial) + "/pins", new SetPinsBody(fourDigitPins, signaturePin, actor), NewKey(), ct);

    // ICardLifecycle
    public Task<CardStanding> StandingAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default) =>
        transport.SendAsync<CardStanding>(municipality, HttpMethod.Get, Card(serial) + "/standing", null, null, ct);

    public Task<IReadOnlyList<NationalCardEvent>> HistoryAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default) =>
        transport.SendAsync<IReadOnlyList<NationalCardEvent>>(municipality, HttpMethod.Get, Card(serial) + "/history", null, null, ct);

    public Task LiftSuspensionAsync(MunicipalityCode municipality, string serial, string verification, string actor, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, Card(serial) + "/suspension-lifted", new LiftSuspensionBody(verification, actor), NewKey(), ct);

    public Task AbolishAsync(MunicipalityCode municipality, string serial, string reason, bool superseded, string actor, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, Card(serial) + "/abolition", new AbolishBody(reason, superseded, actor), NewKey(), ct);

    public Task EndorseAsync(MunicipalityCode municipality, string serial, HolderData holder, string actor, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, Card(serial) + "/endorsement", new EndorseBody(holder, actor), NewKey(), ct);

    public async Task<bool> RenewCertificatesAsync(MunicipalityCode municipality, string serial, HolderData holder, bool signature, string actor,
        CancellationToken ct = default) =>
        (await transport.SendAsync<RenewAnswer>(municipality, HttpMethod.Post, Card(serial) + "/certificate-renewal", new RenewBody(holder, signature, actor), NewKey(), ct))
        .SignaturePinNeeded;

    public Task<PinSetting> ResetPinAsync(MunicipalityCode municipality, string serial, PinKind kind, string pin, string verification, string actor,
        CancellationToken ct = default) =>
        transport.SendAsync<PinSetting>(municipality, HttpMethod.Post, Card(serial) + "/pin-reset", new ResetPinBody(kind, pin, verification, actor), NewKey(), ct);

    /// <summary>Sent by the destination, which the card comes to: its certificate is the caller.</summary>
    public Task<CardContinuation> ContinueAsync(MunicipalityCode origin, MunicipalityCode destination, string serial, HolderData holder, string actor, Guid messageId,
        CancellationToken ct = default) =>
        transport.SendAsync<CardContinuation>(destination, HttpMethod.Post, "cards/continuations", new ContinueBody(origin, serial, holder, actor), messageId, ct);

    public Task<CardContinuation> ContinueAbroadAsync(MunicipalityCode municipality, string serial, MunicipalityCode responsible, HolderData attachment,
        bool signatureAbroad, DateOnly movedOn, string actor, Guid messageId, CancellationToken ct = default) =>
        transport.SendAsync<CardContinuation>(municipality, HttpMethod.Post, Card(serial) + "/continuation-abroad",
            new ContinueAbroadBody(responsible, attachment, signatureAbroad, movedOn, actor), messageId, ct);

    public Task<IReadOnlyList<Revocation>> RevocationsSinceAsync(MunicipalityCode municipality, DateTimeOffset since, CancellationToken ct = default) =>
        transport.SendAsync<IReadOnlyList<Revocation>>(municipality, HttpMethod.Get,
            "revocations?since=" + Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), null, null, ct);

    // ICertificateEvents
    public async Task<int> HolderChangedAsync(MunicipalityCode municipality, ResidentCode code, HolderChange change, string note, CancellationToken ct = default) =>
        (await transport.SendAsync<RevokedCount>(municipality, HttpMethod.Post, "certificate-events", new HolderChangedBody(code, change, note), NewKey(), ct)).Revoked;

    // INationalNumbering: numbers come back in the body only.
    public async Task<IReadOnlyList<IndividualNumber>> AssignAsync(MunicipalityCode municipality, IReadOnlyList<ResidentCode> codes, CancellationToken ct = default) =>
        (await transport.SendAsync<NumbersAnswer>(municipality, HttpMethod.Post, "numbering/assignments", new AssignBody(codes), NewKey(), ct)).Numbers;

    public async Task<IndividualNumber> ChangeAsync(MunicipalityCode municipality, ResidentCode code, Guid messageId, CancellationToken ct = default) =>
        (await transport.SendAsync<NumberAnswer>(municipality, HttpMethod.Post, "numbering/changes", new ChangeBody(code), messageId, ct)).Number;

    /// <summary>Sent by the destination the resident moved in at: its certificate is the caller.</summary>
    public Task MovedAsync(MunicipalityCode origin, MunicipalityCode destination, ResidentCode code, Guid messageId, CancellationToken ct = default) =>
        transport.SendAsync(destination, HttpMethod.Post, "numbering/moves", new MovedBody(origin, code), messageId, ct);

    // IAuditCheckpoints
    public Task RecordAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, "audit-checkpoints", checkpoint, NewKey(), ct);

    public Task<AuditCheckpoint?> LatestAsync(MunicipalityCode municipality, CancellationToken ct = default) =>
        transport.SendAsync<AuditCheckpoint?>(municipality, HttpMethod.Get, "audit-checkpoints/latest", null, null, ct);

    public Task AcceptAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, string reason, CancellationToken ct = default) =>
        transport.SendAsync(municipality, HttpMethod.Post, "audit-checkpoints/acceptance", new AcceptCheckpointBody(checkpoint, reason), NewKey(), ct);
}
