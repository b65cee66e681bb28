using System.Collections.Concurrent;
using Myna.Core.Audit;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Core.Notices;
using Myna.Core.Protection;
using Myna.Municipal;
using Myna.Municipal.Applications;
using Myna.Municipal.Notices;
using Myna.Municipal.Numbering;
using Myna.Municipal.Residents;
using Myna.National.Audit;
using Myna.National.Numbering;
using Myna.National.Production;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Hosting;

/// <summary>
/// Everything a host needs to work on its stores, built once from <see cref="MynaOptions"/>:
/// the stores, the key directory, and per-municipality services bound to that municipality's
/// own keys. Shared by the web host, the CLI and the tests.
/// </summary>
public sealed class MynaRuntime
{
    public MynaRuntime(MynaOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        if (options.Municipalities.Count == 0)
        {
            options.Municipalities.Add(MynaOptions.Demo);
        }
        var municipalities = options.Municipalities.Select(m =>
        {
            if (!MunicipalityCode.TryParse(m.Code, out var code, out var problem))
            {
                throw new InvalidOperationException($"Myna:Municipalities: '{m.Code}' is not a municipality code: {problem.Message}");
            }
            return new Municipality(code, m.Name, m.Prefecture);
        }).ToList();
        // DOMAIN §12: an installation made before files were created owner-only is tightened at start.
        PrivateFiles.TightenExisting(options.Database.DataDirectory);
        PrivateFiles.TightenExisting(options.KeyDirectory);
        Stores = new Stores(options.Database, municipalities);
        Keys = new KeyDirectory(options.KeyDirectory);
        Purposes = new PurposeCatalog(options.Purposes.Count > 0 ? options.Purposes : PurposeCatalog.Defaults);
        remote = new(() => options.National.Remote
            ? new Network.NationalClient(new Network.NationalTransport(new Network.NationalConnections(options.National, options.KeyDirectory)))
            : null);
    }

    // ARCHITECTURE principle 1: with Myna:National:Url the contracts are the national host's, over mutual TLS; without it, in process.
    // Every contract accessor below asks this first, so the switch lives here and nowhere else.
    private readonly Lazy<Network.NationalClient?> remote;

    /// <summary>The network client of the national contracts, or null when the national side is in this process.</summary>
    public Network.NationalClient? NationalRemote => remote.Value;

    /// <summary>Numbering as a municipality reaches it: the national host, or <see cref="NationalNumbering"/> in process.</summary>
    public Core.Contracts.INationalNumbering NumberingContract() => (Core.Contracts.INationalNumbering?)NationalRemote ?? NationalNumbering();

    /// <summary>The production queue as a municipality reaches it: the national host, or <see cref="CardProduction"/> in process.</summary>
    public Core.Contracts.ICardProduction ProductionContract() => (Core.Contracts.ICardProduction?)NationalRemote ?? CardProduction();

    public MynaOptions Options { get; }
    public TimeProvider Time { get; }
    public Stores Stores { get; }
    public KeyDirectory Keys { get; }
    public PurposeCatalog Purposes { get; }

    public Municipality Municipality(MunicipalityCode code) => Stores.Municipality(code);

    /// <summary>Creates every missing key; returns "scope/name" of those created.</summary>
    public IReadOnlyList<string> EnsureKeys()
    {
        var created = Keys.EnsureKeys(KeyDirectory.NationalScope, KeyDirectory.NationalKeys)
            .Select(k => $"{KeyDirectory.NationalScope}/{k}").ToList();
        foreach (var m in Stores.Municipalities)
        {
            created.AddRange(Keys.EnsureKeys(m.Code.Value, KeyDirectory.MunicipalKeys).Select(k => $"{m.Code.Value}/{k}"));
        }
        return created;
    }

    // Keys are read from their files once per host, not once per request: desks are light objects built per call, their keys are not.
    private readonly ConcurrentDictionary<(string Scope, string Name), byte[]> keyCache = new();
    private readonly ConcurrentDictionary<string, AuditLog> audits = new(StringComparer.Ordinal);

    private byte[] Key(string scope, string name) => keyCache.GetOrAdd((scope, name), k => Keys.Read(k.Scope, k.Name));
    private readonly ConcurrentDictionary<MunicipalityCode, NumberProtector> protectors = new();

    public AuditLog MunicipalAudit(MunicipalityCode code) =>
        audits.GetOrAdd(code.Value, NewAudit);

    public AuditLog NationalAudit() =>
        audits.GetOrAdd(KeyDirectory.NationalScope, NewAudit);

    private AuditLog NewAudit(string scope)
    {
        var key = Keys.Read(scope, KeyDirectory.Audit);
        var anchor = new AuditAnchor(Keys.AnchorPath(scope), key);
        // A municipality's log is also checkpointed on the national side (DOMAIN §12); the
        // national log has its signed anchor file only.
        return scope == KeyDirectory.NationalScope
            ? new AuditLog(key, Time, anchor)
            : new AuditLog(key, Time, anchor, new NationalWitness(MunicipalityCode.Parse(scope), AuditCheckpoints()));
    }

    /// <summary>The national side's copies of the municipal audit logs' ends.</summary>
    public Core.Contracts.IAuditCheckpoints AuditCheckpoints() => (Core.Contracts.IAuditCheckpoints?)NationalRemote ?? new NationalAuditCheckpoints(Stores.National, Time);

    public NumberProtector Protector(MunicipalityCode code) =>
        protectors.GetOrAdd(code, c => NumberProtector.FromKeys(Keys, c.Value));

    public NationalNumbering NationalNumbering() => new(Stores.National, Keys, Time);

    public NumberAssignment NumberAssignment(MunicipalityCode code) =>
        new(NumberingContract(), MunicipalAudit(code), Protector(code), Time, Outbox(code));

    /// <summary>
    /// Whether desks deliver their outbox right after committing (the normal path). A test turns it off
    /// to stand for a process that died between the two sides.
    /// </summary>
    public bool DeliverAfterCommit { get; init; } = true;

    /// <summary>
    /// A municipality's outbox (ARCHITECTURE principle 3) and the handlers of every kind of message it sends:
    /// to the national side (number changes, production hand-overs, remakes, moved resident codes, cards continued after a move-in) and to
    /// other municipalities (advance move-out information with the measures the person carries, 転入通知, forwarded support measures).
    /// </summary>
    public Storage.Outbox.OutboxDispatcher Outbox(MunicipalityCode code) => new(() => Stores.OpenMunicipal(code),
    [
        new NumberChangeMessages(code, NumberingContract(), Protector(code), MunicipalAudit(code), Time),
        new ResidentMovedMessages(code, NumberingContract()),
        new ProductionMessages(code, ProductionContract(), ResidentQueries(code), MunicipalAudit(code), Time),
        new Municipal.Issuance.RemakeMessages(code, ProductionContract()),
        new Municipal.Lifecycle.AdvanceMoveOutMessages(Exchange(), Key(code.Value, KeyDirectory.DataEncryption), MunicipalAudit(code), Time),
        new Municipal.Lifecycle.MoveInNotifiedMessages(Exchange()),
        new Municipal.Lifecycle.CardContinuationMessages(code, CardLifecycle(), LifecycleDesk(code), Time),
        new Municipal.SupportMeasures.SupportMeasureForwardMessages(Exchange(), MunicipalAudit(code), Time),
    ], Time, code.Value) { DeliverAfterCommit = DeliverAfterCommit };

    public ResidentImporter ResidentImporter(MunicipalityCode code) => new(MunicipalAudit(code), Time);

    public NoticeGeneration NoticeGeneration(MunicipalityCode code) => new(Municipality(code), MunicipalAudit(code), Time, AddressRule(code));

    public NoticePrintData NoticePrintData(MunicipalityCode code) => new(Protector(code), MunicipalAudit(code), AddressRule(code));

    /// <summary>The CA certificates (public) and encrypted CA keys of the national side.</summary>
    public string CaFolder => Path.Combine(Keys.Root, KeyDirectory.NationalScope, "ca");

    public Pki.Keys.ICaKeyStore CaKeyStore() => new Pki.Keys.PasswordFileKeyStore(CaFolder,
        Options.CaKeyStorePassword is { Length: > 0 } password ? password : Convert.ToBase64String(Key(KeyDirectory.NationalScope, KeyDirectory.CaStore)));

    private readonly ConcurrentDictionary<Pki.Authorities.CaKind, Pki.Authorities.CertificateAuthority> authorities = new();

    /// <summary>
    /// An authority loaded once per host (unlocking a key costs a deliberate PBKDF2 run) and
    /// shared; callers must not dispose it. Throws until <c>myna ca init</c> has run.
    /// </summary>
    public Pki.Authorities.CertificateAuthority Authority(Pki.Authorities.CaKind kind) =>
        authorities.GetOrAdd(kind, k => Pki.Authorities.CaSetup.Load(CaKeyStore(), CaFolder, k, Time.GetUtcNow()));

    public National.Jpki.CertificateIssuance CertificateIssuance() =>
        new(Authority, Key(KeyDirectory.NationalScope, KeyDirectory.CertificateHolders), NationalAudit(), Time, Options.PublicUrl);

    public National.Jpki.CertificateStatusService CertificateStatus() => new(NationalAudit(), Time);

    public National.Jpki.CertificateQueries CertificateQueries() => new(CertificateIssuance());

    /// <summary>Without the holder key no certificate can have been issued, so there is nothing to revoke.</summary>
    public Core.Contracts.ICertificateEvents CertificateEvents() => NationalRemote is { } national ? national
        : Keys.Exists(KeyDirectory.NationalScope, KeyDirectory.CertificateHolders)
        ? new National.Jpki.NationalCertificateEvents(Stores.National, CertificateIssuance(), CertificateStatus())
        : new NoCertificatesYet();

    private sealed class NoCertificatesYet : Core.Contracts.ICertificateEvents
    {
        public Task<int> HolderChangedAsync(MunicipalityCode municipality, Core.Identifiers.ResidentCode code, Core.Contracts.HolderChange change, string note,
            CancellationToken ct = default) => Task.FromResult(0);
    }

    /// <summary>
    /// Register events of a municipality, wired to the national side for the certificate consequences (§7.4)
    /// and to the card lifecycle: endorsements, death, advance move-out information (§8.5, §8.6).
    /// </summary>
    public ResidentRegister ResidentRegister(MunicipalityCode code) => NationalRemote is not null || Keys.Exists(KeyDirectory.NationalScope, KeyDirectory.CertificateHolders)
        ? new(Time, CertificateEvents(), code, LifecycleDesk(code), MoveDesk(code))
        : new(Time, CertificateEvents(), code);

    /// <summary>The national side of the card lifecycle (DOMAIN §8), as municipalities reach it.</summary>
    public Core.Contracts.ICardLifecycle CardLifecycle() => (Core.Contracts.ICardLifecycle?)NationalRemote ??
        new National.Cards.NationalCardLifecycle(Stores.National, CardChips(), CertificateIssuance(), CertificateStatus(), NationalAudit(), Time);

    /// <summary>The national 24/365 call centre console (DOMAIN §8.3).</summary>
    public National.Cards.CallCentre CallCentre() => new(Stores.National, CardChips(), CertificateIssuance(), CertificateStatus(), NationalAudit(), Time);

    public Municipal.Lifecycle.CardLifecycleDesk LifecycleDesk(MunicipalityCode code) =>
        new(code, CardLifecycle(), MunicipalAudit(code), Time, new Municipal.Lifecycle.LifecyclePolicy(MunicipalityOptionsOf(code).EndorsementCapacity));

    /// <summary>Messages between the municipalities of this host (DOMAIN §8.6).</summary>
    public Core.Contracts.IMunicipalExchange Exchange() => new HostExchange(this);

    public Municipal.Lifecycle.MoveDesk MoveDesk(MunicipalityCode code) =>
        new(Municipality(code), Outbox(code), LifecycleDesk(code), Protector(code), Key(code.Value, KeyDirectory.DataEncryption), MunicipalAudit(code), Time);

    /// <summary>Moves abroad (国外転出, DOMAIN §8.6) and their dated processing.</summary>
    public Municipal.Lifecycle.AbroadMoveDesk AbroadMoveDesk(MunicipalityCode code) => new(Municipality(code), LifecycleDesk(code), MunicipalAudit(code), Time);

    public Municipal.Lifecycle.ExpiryNoticeBatch ExpiryNotices(MunicipalityCode code) =>
        new(MunicipalAudit(code), Time, AddressRule(code), Municipal.Notices.NoticeGeneration.OfficeAddressOf(Municipality(code)));

    private MunicipalityOptions MunicipalityOptionsOf(MunicipalityCode code) =>
        Options.Municipalities.FirstOrDefault(o => o.Code == code.Value) ?? new MunicipalityOptions();

    public National.Jpki.CrlPublisher CrlPublisher() => new(Authority, Time);

    public National.Verifiers.VerifierService Verifiers() => new(NationalAudit(), Time, Authority);

    public National.Cards.CardChipStore CardChips() =>
        new(Key(KeyDirectory.NationalScope, KeyDirectory.CardChips), CertificateIssuance(), Authority, NationalAudit(), Time);

    private National.Jpki.OcspResponder? ocsp;

    /// <summary>One responder per host: it keeps the signed answers it can reuse.</summary>
    public National.Jpki.OcspResponder OcspResponder() => ocsp ??= new(Stores.National, Authority, Time);

    public ApplicationDesk ApplicationDesk(MunicipalityCode code) => new(MunicipalAudit(code), Outbox(code), Time);

    public ResidentQueries ResidentQueries(MunicipalityCode code) => new(Protector(code), MunicipalAudit(code), Purposes, Time);

    /// <summary>The national production queue as the municipality sees it (DOMAIN §5).</summary>
    public NationalProductionQueue CardProduction() =>
        new(Stores.National, Key(KeyDirectory.NationalScope, KeyDirectory.CardChips), CertificateStatus(), NationalAudit(), Time);

    /// <summary>Production itself (national side): needs the CAs (<c>myna ca init</c>).</summary>
    public National.Production.CardProductionBatch CardProductionBatch() => new(Stores.National, CardProduction(), CardChips(), NationalAudit(), Time);

    public Municipal.Issuance.CardSafe CardSafe(MunicipalityCode code) => new(code, Outbox(code), CardService(), MunicipalAudit(code), Time, PinSealKey(code), LifecycleDesk(code));

    public Municipal.Issuance.WindowApplicationDesk WindowApplications(MunicipalityCode code) => new(PinSealKey(code), MunicipalAudit(code), Time);

    /// <summary>PINs chosen at application are sealed under the municipality's data-encryption key (the one that protects numbers).</summary>
    private byte[] PinSealKey(MunicipalityCode code) => Key(code.Value, KeyDirectory.DataEncryption);

    public Municipal.Issuance.IssuanceNoticeDesk IssuanceNotices(MunicipalityCode code)
    {
        var m = MunicipalityOptionsOf(code);
        return new(code, CardService(), MunicipalAudit(code), Time, new Municipal.Issuance.NoticePolicy(m.IssuanceWaveSize, m.IssuanceDeadlineMonths, m.DestroyAfterMonths),
            AddressRule(code), Municipal.Notices.NoticeGeneration.OfficeAddressOf(Municipality(code)));
    }

    public Municipal.Issuance.WindowDesk WindowDesk(MunicipalityCode code) => new(code, CardService(), LifecycleDesk(code), MunicipalAudit(code), Time);

    public Municipal.Appointments.AppointmentBook AppointmentBook() => new(Time, Municipal.Appointments.AppointmentBook.DefaultCutoff);

    public Core.Contracts.ICardService CardService() => (Core.Contracts.ICardService?)NationalRemote ?? new National.Cards.NationalCardService(Stores.National, CardChips(), CertificateStatus(), CardProduction(), NationalAudit());

    public MailTracking MailTracking(MunicipalityCode code) => new(MunicipalAudit(code), Time, Municipal.Notices.NoticeGeneration.OfficeAddressOf(Municipality(code)), AddressRule(code));

    /// <summary>The support-measure officer's desk (DOMAIN §9).</summary>
    public Municipal.SupportMeasures.SupportMeasureDesk SupportMeasureDesk(MunicipalityCode code) => new(code, MunicipalAudit(code), Time, SupportMeasureForwarding(code));

    /// <summary>Forwards of support measures to the related municipalities, and their reception here (DOMAIN §9).</summary>
    public Municipal.SupportMeasures.SupportMeasureForwarding SupportMeasureForwarding(MunicipalityCode code) => new(code, Outbox(code), MunicipalAudit(code), Time);

    /// <summary>The support-measure check of certificate requests, with its audit (DOMAIN §9, §10).</summary>
    public Municipal.SupportMeasures.CertificateRequestChecks CertificateRequestChecks(MunicipalityCode code) => new(MunicipalAudit(code), Time);

    /// <summary>The one rule deciding who may see an address (DOMAIN §9).</summary>
    public Municipal.SupportMeasures.AddressRule AddressRule(MunicipalityCode code) => new(MunicipalAudit(code), Time);

    public AdultWardFlag AdultWardFlag(MunicipalityCode code) => new(MunicipalAudit(code));

    /// <summary>The supervisor's figures for today (DOMAIN §11), with the national side's revocations through the contract.</summary>
    public Task<Municipal.Reports.DashboardFigures> DashboardAsync(MunicipalDb db, MunicipalityCode code, CancellationToken ct = default) =>
        Municipal.Reports.Dashboard.ComputeAsync(db, code, MunicipalityOptionsOf(code), MailTracking(code), CardLifecycle(), Time, ct);

    public ResidenceRegistry ResidenceRegistry(MunicipalityCode code) => new(MunicipalAudit(code), Time);

    /// <summary>The residence registration window of DOMAIN §3.2, or null when always open.</summary>
    public RegistrationWindow? ResidenceWindow(MunicipalityCode code)
    {
        var m = Options.Municipalities.FirstOrDefault(o => o.Code == code.Value);
        return m is { ResidenceWindowFrom: { } from, ResidenceWindowTo: { } to } ? new RegistrationWindow(from, to) : null;
    }
}
