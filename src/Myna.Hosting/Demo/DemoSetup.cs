using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Staff;
using Myna.Municipal;
using Myna.Municipal.Residents;
using Myna.Storage.Staff;

namespace Myna.Hosting.Demo;

public sealed record DemoAccount(string UserName, string Password, string DisplayName, string Role);

/// <summary>
/// Brings a municipality to a usable demo state: keys, migrated stores, synthetic residents
/// with numbers (only when the register is empty), and one staff account per role with a
/// published password. Safe to run on every start.
/// </summary>
public static class DemoSetup
{
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("clerk", "clerk-demo-2026", "窓口 一郎", StaffRoles.WindowClerk),
        new("supervisor", "supervisor-demo-2026", "責任者 花子", StaffRoles.Supervisor),
        new("officer", "officer-demo-2026", "支援措置 担当", StaffRoles.SupportOfficer),
        new("admin", "admin-demo-2026", "管理者 次郎", StaffRoles.Administrator),
    ];

    /// <summary>The J-LIS operator of the demo (signs in with 所属 J-LIS).</summary>
    public static readonly DemoAccount Operator = new("jlis", "jlis-demo-2026", "機構 運用太郎", StaffRoles.JlisOperator);

    /// <summary>How many demo residents get certificates (software keys stand in for their cards' chips).</summary>
    public const int CertificateHolders = 5;

    public static async Task<DemoLoad> LoadResidentsAsync(MynaRuntime runtime, MunicipalityCode code, int residents, int seed,
        string actor, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var municipality = runtime.Municipality(code);
        var generator = new DemoResidents(municipality.Prefecture, municipality.Name, seed, JapanClock.Today(runtime.Time));
        await using var db = runtime.Stores.OpenMunicipal(code);
        var rows = generator.Generate(residents).Select((r, i) => new ImportRow(i + 2, r, []));
        return new DemoLoad(await runtime.ResidentImporter(code).ImportAsync(db, rows, actor, $"demo seed={seed}", progress, ct));
    }

    public static async Task EnsureAccountsAsync(MynaRuntime runtime, MunicipalityCode code, CancellationToken ct = default)
    {
        await using var db = runtime.Stores.OpenMunicipal(code);
        foreach (var a in Accounts)
        {
            await StaffSignIn.EnsureAccountAsync(db, a.UserName, a.DisplayName, a.Password, [a.Role], runtime.Time, ct);
        }
    }

    /// <summary>Keys, migrations, residents if the register is empty, numbers, accounts.</summary>
    public static async Task EnsureDemoAsync(MynaRuntime runtime, int residents, int seed, TextWriter log, CancellationToken ct = default)
    {
        foreach (var created in runtime.EnsureKeys())
        {
            await log.WriteLineAsync($"created key {created}");
        }
        await runtime.Stores.MigrateAllAsync(ct);
        var index = 0;
        foreach (var m in runtime.Stores.Municipalities)
        {
            // Each municipality its own people: resident codes and numbers are nationwide, never shared.
            var municipalitySeed = seed + 7919 * index++;
            await using (var db = runtime.Stores.OpenMunicipal(m.Code))
            {
                if (!await db.Residents.AnyAsync(ct))
                {
                    await log.WriteLineAsync($"{m.Name} ({m.Code.Value}): generating {residents} demo residents …");
                    var load = await LoadResidentsAsync(runtime, m.Code, residents, municipalitySeed, "demo", null, ct);
                    if (!load.Result.Succeeded)
                    {
                        throw new InvalidOperationException("demo data failed to load: " + string.Join("; ", load.Result.Problems.Take(5)));
                    }
                    var summary = await runtime.NumberAssignment(m.Code).RunAsync(db, m.Code, "demo", null, ct);
                    // The notices are stored (no print files): their application IDs make the application pages usable at once.
                    var notices = await runtime.NoticeGeneration(m.Code).RunAsync(db, JapanClock.Today(runtime.Time), "demo", null, ct);
                    var posted = await PostBatchAsync(runtime, m.Code, db, notices.BatchId, ct);
                    await log.WriteLineAsync($"{m.Name} ({m.Code.Value}): {load.Result.Added} residents registered, {summary.Numbered} numbered, " +
                        $"{notices.Notices} notices in {notices.Envelopes} envelopes (batch {notices.BatchId}, {posted} posted by registered mail)");
                }
            }
            await EnsureAccountsAsync(runtime, m.Code, ct);
        }
        await EnsureNationalAsync(runtime, log, ct);
    }

    /// <summary>
    /// The demo's first batch goes to the post (DOMAIN §3.3): each envelope to be delivered gets a registered-mail number, so a
    /// returned one (e.g. envelope <c>1-000001</c>) can be booked on 郵送・返戻 at once. The numbers are the batch and sequence.
    /// </summary>
    private static async Task<int> PostBatchAsync(MynaRuntime runtime, MunicipalityCode code, MunicipalDb db, long batchId, CancellationToken ct)
    {
        var envelopes = await db.NoticeEnvelopes.AsNoTracking()
            .Where(e => e.BatchId == batchId && e.State == Core.Notices.MailState.Prepared && e.Delivery != Core.Notices.DeliveryKind.HeldAtOffice)
            .Select(e => new { e.BatchId, e.Sequence }).ToListAsync(ct);
        var numbers = envelopes.Select(e => (e.BatchId, e.Sequence,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.BatchId % 10_000:D4}{e.Sequence:D8}"))).ToList();
        return numbers.Count == 0 ? 0 : await runtime.MailTracking(code).RecordMailNumbersAsync(db, numbers, "demo", ct);
    }

    /// <summary>The CAs, the operator account, and a few certificates so the operator pages, OCSP and CRLs have something to show.</summary>
    public static async Task EnsureNationalAsync(MynaRuntime runtime, TextWriter log, CancellationToken ct = default)
    {
        foreach (var created in Pki.Authorities.CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, runtime.Time.GetUtcNow()))
        {
            await log.WriteLineAsync($"created {created}");
        }
        await using var national = runtime.Stores.OpenNational();
        await StaffSignIn.EnsureOperatorAsync(national, Operator.UserName, Operator.DisplayName, Operator.Password, runtime.Time, ct);
        if (await national.Certificates.AnyAsync(ct))
        {
            return;
        }
        var code = runtime.Stores.Municipalities.First().Code;
        await using var db = runtime.Stores.OpenMunicipal(code);
        var today = JapanClock.Today(runtime.Time);
        var holders = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Take(50).ToListAsync(ct);
        var issuance = runtime.CertificateIssuance();
        var issued = 0;
        foreach (var r in holders.Where(r => r.BirthDate.AddYears(20) <= today).Take(CertificateHolders))
        {
            var holder = new National.Jpki.Holder(code, Core.Identifiers.ResidentCode.Parse(r.ResidentCode), r.BirthDate, today.AddYears(10));
            var info = new Pki.Profiles.FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags);
            foreach (var kind in new[] { Pki.Authorities.CaKind.Signature, Pki.Authorities.CaKind.UserAuthentication })
            {
                using var key = System.Security.Cryptography.RSA.Create(2048);
                var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=demo card", key,
                    System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1).CreateSigningRequest();
                (await issuance.IssueAsync(national, kind, csr, holder, info, "demo", ct)).Certificate.Dispose();
                issued++;
            }
        }
        await log.WriteLineAsync($"national: {issued} demo certificates issued");
    }
}

public sealed record DemoLoad(ImportResult Result);

/// <summary>An adult's application form of the demo, to try the online application with.</summary>
public sealed record DemoForm(string ApplicationId, DateOnly BirthDate);

public static class DemoForms
{
    /// <summary>The first adult whose form has not been used yet, or null.</summary>
    public static async Task<DemoForm?> UnusedAsync(MunicipalDb db, DateOnly today, CancellationToken ct = default)
    {
        var candidates = await db.Notices.AsNoTracking()
            .Where(n => !db.CardApplications.Any(a => a.ApplicationId == n.ApplicationId))
            .Join(db.Residents.AsNoTracking(), n => n.ResidentId, r => r.Id, (n, r) => new { n.Id, n.ApplicationId, r.BirthDate })
            .OrderBy(x => x.Id).Take(50).ToListAsync(ct);
        var adult = candidates.FirstOrDefault(c => !Core.Applications.ApplicationRules.IsUnder15(c.BirthDate, today));
        return adult is null ? null : new DemoForm(adult.ApplicationId, adult.BirthDate);
    }
}
