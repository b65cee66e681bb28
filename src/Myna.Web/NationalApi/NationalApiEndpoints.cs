using Myna.Core.Contracts;
using Myna.Hosting;
using Myna.Hosting.Network;
using static Myna.Web.NationalApi.NationalCalls;

namespace Myna.Web.NationalApi;

/// <summary>
/// Every operation of the national contracts (<c>Myna.Core/Contracts</c>) under <c>/national-api/v1</c>, for municipal hosts
/// over mutual TLS (ARCHITECTURE principle 1). Served only on the national endpoint (<see cref="NationalEndpointFilter"/>),
/// never through staff sign-in; each answers from the in-process national implementation of this host.
/// </summary>
public static class NationalApiEndpoints
{
    public static void MapNationalApi(this IEndpointRouteBuilder app, int nationalPort)
    {
        var api = app.MapGroup(NationalWire.Prefix).WithTags("national").AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(new NationalEndpointFilter(nationalPort));

        // ICardProduction (DOMAIN §5): the message ID is the idempotency key.
        api.MapPost("/production/requests", (HttpContext http, MynaRuntime r) => ChangeAsync<ProductionRequest>(http, "production.enqueue",
            async (caller, b, ct) => { await r.CardProduction().EnqueueAsync(b, Key(http), ct); return null; }, b => b.MunicipalityCode));
        api.MapPost("/production/remakes", (HttpContext http, MynaRuntime r) => ChangeAsync<RemakeBody>(http, "production.remake",
            async (caller, b, ct) => { await r.CardProduction().RequestRemakeAsync(caller, b.Serial, b.Reason, b.Actor, Key(http), ct); return null; }));

        // ICardService (DOMAIN §6)
        api.MapGet("/cards/{serial}/face", (HttpContext http, string serial, MynaRuntime r) => ReadAsync(http, (caller, ct) => r.CardService().ReadFaceAsync(caller, serial, ct)));
        api.MapPost("/cards/{serial}/certificate-wishes", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<CertificateWishesBody>(http, "card.certificate-wishes",
            async (caller, b, ct) => await r.CardService().ApplyCertificateWishesAsync(caller, serial, b.Signature, b.User, b.Actor, ct)));
        api.MapPost("/cards/{serial}/destruction", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<DestroyBody>(http, "card.destroy",
            async (caller, b, ct) => { await r.CardService().DestroyAsync(caller, serial, b.Reason, b.Actor, ct); return null; }));
        api.MapPost("/cards/{serial}/pins", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<SetPinsBody>(http, "card.pins",
            async (caller, b, ct) => await r.CardService().SetPinsAsync(caller, serial, b.FourDigitPins, b.SignaturePin, b.Actor, ct)));

        // ICardLifecycle (DOMAIN §8)
        api.MapGet("/cards/{serial}/standing", (HttpContext http, string serial, MynaRuntime r) => ReadAsync(http, (caller, ct) => r.CardLifecycle().StandingAsync(caller, serial, ct)));
        api.MapGet("/cards/{serial}/history", (HttpContext http, string serial, MynaRuntime r) => ReadAsync(http, (caller, ct) => r.CardLifecycle().HistoryAsync(caller, serial, ct)));
        api.MapPost("/cards/{serial}/suspension-lifted", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<LiftSuspensionBody>(http, "card.lift-suspension",
            async (caller, b, ct) => { await r.CardLifecycle().LiftSuspensionAsync(caller, serial, b.Verification, b.Actor, ct); return null; }));
        api.MapPost("/cards/{serial}/abolition", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<AbolishBody>(http, "card.abolish",
            async (caller, b, ct) => { await r.CardLifecycle().AbolishAsync(caller, serial, b.Reason, b.Superseded, b.Actor, ct); return null; }));
        api.MapPost("/cards/{serial}/endorsement", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<EndorseBody>(http, "card.endorse",
            async (caller, b, ct) => { await r.CardLifecycle().EndorseAsync(caller, serial, b.Holder, b.Actor, ct); return null; }));
        api.MapPost("/cards/{serial}/certificate-renewal", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<RenewBody>(http, "card.renew-certificates",
            async (caller, b, ct) => new RenewAnswer(await r.CardLifecycle().RenewCertificatesAsync(caller, serial, b.Holder, b.Signature, b.Actor, ct))));
        api.MapPost("/cards/{serial}/pin-reset", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<ResetPinBody>(http, "card.reset-pin",
            async (caller, b, ct) => await r.CardLifecycle().ResetPinAsync(caller, serial, b.Kind, b.Pin, b.Verification, b.Actor, ct)));
        api.MapPost("/cards/continuations", (HttpContext http, MynaRuntime r) => ChangeAsync<ContinueBody>(http, "card.continue",
            async (caller, b, ct) => await r.CardLifecycle().ContinueAsync(b.Origin, caller, b.Serial, b.Holder, b.Actor, Key(http), ct)));
        api.MapPost("/cards/{serial}/continuation-abroad", (HttpContext http, string serial, MynaRuntime r) => ChangeAsync<ContinueAbroadBody>(http, "card.continue-abroad",
            async (caller, b, ct) => await r.CardLifecycle().ContinueAbroadAsync(caller, serial, b.Responsible, b.Attachment, b.SignatureAbroad, b.MovedOn, b.Actor,
                Key(http), ct)));
        api.MapGet("/revocations", (HttpContext http, DateTimeOffset since, MynaRuntime r) => ReadAsync(http, (caller, ct) => r.CardLifecycle().RevocationsSinceAsync(caller, since, ct)));

        // ICertificateEvents (DOMAIN §7.4)
        api.MapPost("/certificate-events", (HttpContext http, MynaRuntime r) => ChangeAsync<HolderChangedBody>(http, "certificate.holder-changed",
            async (caller, b, ct) => new RevokedCount(await r.CertificateEvents().HolderChangedAsync(caller, b.ResidentCode, b.Change, b.Note, ct))));

        // INationalNumbering (DOMAIN §1.3): numbers only in bodies, and their answers are never kept (the contract is idempotent).
        api.MapPost("/numbering/assignments", (HttpContext http, MynaRuntime r) => ChangeAsync<AssignBody>(http, "numbering.assign",
            async (caller, b, ct) => new NumbersAnswer(await r.NationalNumbering().AssignAsync(caller, b.Codes, ct)), keepAnswer: false));
        api.MapPost("/numbering/changes", (HttpContext http, MynaRuntime r) => ChangeAsync<ChangeBody>(http, "numbering.change",
            async (caller, b, ct) => new NumberAnswer(await r.NationalNumbering().ChangeAsync(caller, b.ResidentCode, Key(http), ct)), keepAnswer: false));
        api.MapPost("/numbering/moves", (HttpContext http, MynaRuntime r) => ChangeAsync<MovedBody>(http, "numbering.moved",
            async (caller, b, ct) => { await r.NationalNumbering().MovedAsync(b.Origin, caller, b.ResidentCode, Key(http), ct); return null; }));

        // IAuditCheckpoints (DOMAIN §12)
        api.MapPost("/audit-checkpoints", (HttpContext http, MynaRuntime r) => ChangeAsync<AuditCheckpoint>(http, "audit-checkpoint.record",
            async (caller, b, ct) => { await r.AuditCheckpoints().RecordAsync(caller, b, ct); return null; }));
        api.MapGet("/audit-checkpoints/latest", (HttpContext http, MynaRuntime r) => ReadAsync(http, (caller, ct) => r.AuditCheckpoints().LatestAsync(caller, ct)));
        api.MapPost("/audit-checkpoints/acceptance", (HttpContext http, MynaRuntime r) => ChangeAsync<AcceptCheckpointBody>(http, "audit-checkpoint.accept",
            async (caller, b, ct) => { await r.AuditCheckpoints().AcceptAsync(caller, b.Checkpoint, b.Reason, ct); return null; }));
    }

    /// <summary>The idempotency key, already checked to be a GUID; it is the contract's message ID where the contract takes one.</summary>
    private static Guid Key(HttpContext http) => Guid.Parse(http.Request.Headers[NationalWire.IdempotencyHeader].ToString());
}
