using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Municipal.Applications;
using Myna.Municipal.Residents;
using Myna.Testing;
using static Myna.Testing.CardScenarios;

namespace Myna.Municipal.Tests.Applications;

public sealed class ApplicationDeskTests
{
    private static async Task<string> AdultFormAsync(MunicipalDb db, List<(long ResidentId, string ApplicationId)> forms, bool adult = true)
    {
        var today = new DateOnly(2026, 11, 24);
        var ids = forms.Select(f => f.ResidentId).ToList();
        var people = await db.Residents.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.BirthDate }).ToListAsync();
        var chosen = people.First(p => ApplicationRules.IsUnder15(p.BirthDate, today) != adult);
        return forms.First(f => f.ResidentId == chosen.Id).ApplicationId;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Online_Accepted_IsQueuedOnTheNationalSide_WithTheRegistersData(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var id = await AdultFormAsync(db, forms);

        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki,
            new ApplicationInput(id, ApplicationChannel.Online, TestPhotos.Jpeg(), Email: "taro@example.jp", Consent: true), "public");

        Assert.Equal(ApplicationStatus.Received, receipt.Status);
        Assert.Matches("^[0-9]{12}$", receipt.ReceiptNumber);
        await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
        var stored = await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id);
        Assert.Equal(ApplicationStatus.QueuedForProduction, stored.Status);
        await using var national = stores.Runtime.Stores.OpenNational();
        var queued = await national.ProductionRequests.SingleAsync();
        var resident = await db.Residents.SingleAsync(r => r.Id == stored.ResidentId);
        Assert.Equal((id, resident.FamilyName, resident.Address), (queued.ApplicationId, queued.FamilyName, queued.Address));
        var history = await db.ApplicationEvents.Where(e => e.CardApplicationId == receipt.Id).OrderBy(e => e.Id).Select(e => e.Status).ToListAsync();
        Assert.Equal([ApplicationStatus.Received, ApplicationStatus.Accepted, ApplicationStatus.QueuedForProduction], history);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deficient_IsResubmittedUnderTheSameId_AndASecondSubmissionMeanwhileIsRefused(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var id = await AdultFormAsync(db, forms);
        var first = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk");
        var again = await Assert.ThrowsAsync<ApplicationRejectedException>(() =>
            desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk"));
        Assert.Contains("受け付けています", again.Problems.Single().Ja, StringComparison.Ordinal);
        Assert.Equal("application-rule.id.received", again.Problems.Single().Text.Code);

        var unknown = await Assert.ThrowsAsync<ApplicationRejectedException>(() =>
            desk.ReviewAsync(db, TestStores.Ishinomaki, first.Id, pass: false, ["hat", "sunglasses"], null, "reviewer"));
        Assert.Equal(("reasons", "application-rule.review.unknown-reason", "unknown reason code: sunglasses"),
            (unknown.Problems.Single().Field, unknown.Problems.Single().Text.Code, unknown.Problems.Single().En));

        await desk.ReviewAsync(db, TestStores.Ishinomaki, first.Id, pass: false, ["hat", "background"], "影が濃い", "reviewer");
        var deficient = await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == first.Id);
        Assert.Equal(ApplicationStatus.Deficient, deficient.Status);
        Assert.Equal("帽子等をかぶっている\n背景が無地でない・影がある\n影が濃い", deficient.DeficiencyReasons);

        var second = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(id, ApplicationChannel.Online, TestPhotos.Jpeg(700, 900),
            Phone: "090-1234-5678", Consent: true), "public");

        Assert.True(second.Resubmission);
        Assert.Equal((first.Id, first.ReceiptNumber), (second.Id, second.ReceiptNumber));
        Assert.Equal(2, await db.ApplicationPhotos.CountAsync(p => p.CardApplicationId == first.Id));
        Assert.Equal(ApplicationStatus.Received, (await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == first.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Under15_NeedsALegalRepresentative_AndGetsNoSignatureCertificate(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider, 60);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var id = await AdultFormAsync(db, forms, adult: false);

        var missing = await Assert.ThrowsAsync<ApplicationRejectedException>(() =>
            desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk"));
        Assert.Equal("legalRepresentative", missing.Problems.Single().Field);

        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki,
            new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg(), WantsSignatureCertificate: true, LegalRepresentative: "石巻　花子"), "clerk");

        Assert.Equal("wantsSignatureCertificate", receipt.Notes.Single().Field);
        Assert.False((await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).WantsSignatureCertificate);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnAdultWard_GetsNoSignatureCertificate_AndTheRecordNeedsItsEvidence(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var id = await AdultFormAsync(db, forms);
        var residentId = forms.Single(f => f.ApplicationId == id).ResidentId;
        var ward = stores.Runtime.AdultWardFlag(TestStores.Ishinomaki);

        var noEvidence = await Assert.ThrowsAsync<RegisterRuleException>(() => ward.SetAsync(db, residentId, true, " ", "clerk"));
        Assert.Equal("evidence", noEvidence.Field);
        await ward.SetAsync(db, residentId, true, "後見開始の審判（令和8年(家)第123号）", "clerk");
        await Assert.ThrowsAsync<RegisterRuleException>(() => ward.SetAsync(db, residentId, true, "again", "clerk"));
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == Core.Audit.AuditActions.AdultWardChanged && a.Subject == $"resident:{residentId}"));

        var receipt = await stores.Runtime.ApplicationDesk(TestStores.Ishinomaki).SubmitAsync(db, TestStores.Ishinomaki,
            new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg(), WantsSignatureCertificate: true), "clerk");

        Assert.Equal("wantsSignatureCertificate", receipt.Notes.Single().Field);
        Assert.False((await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).WantsSignatureCertificate);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task BadPhoto_AndUnknownForm_AreRefusedWithPreciseReasons_AndNothingIsStored(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var id = await AdultFormAsync(db, forms);

        var bad = await Assert.ThrowsAsync<ApplicationRejectedException>(() =>
            desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(id, ApplicationChannel.Online, TestPhotos.Jpeg(320, 240, 10_000), Consent: true), "public"));
        Assert.Equal(["email", "photo", "photo"], bad.Problems.Select(p => p.Field));
        Assert.Contains("320×240", bad.Problems[2].Ja, StringComparison.Ordinal);
        Assert.Equal(["application-rule.contact", "photo-rule.too-small", "photo-rule.pixels"], bad.Problems.Select(p => p.Text.Code));

        var other = Core.Identifiers.ApplicationId.New(Core.Identifiers.MunicipalityCode.Parse("131016")).Value;
        var foreign = await Assert.ThrowsAsync<ApplicationRejectedException>(() =>
            desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(other, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk"));
        Assert.Contains("別の市区町村", foreign.Problems.Single().Ja, StringComparison.Ordinal);
        Assert.Equal(0, await db.CardApplications.CountAsync());
    }

    [Fact]
    public async Task Intake_ScanOfTheFormsQrCode_FindsThePersonFromTheRegister()
    {
        var (stores, forms) = await NotifiedAsync("sqlite", 5);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var (residentId, id) = forms[0];

        var (form, problem) = await stores.Runtime.ApplicationDesk(TestStores.Ishinomaki).FindFormAsync(db, TestStores.Ishinomaki,
            stores.Options.ApplyUrl + "?id=" + id, maySeeProtected: false);

        Assert.Null(problem);
        var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
        Assert.Equal((residentId, resident.FullName, resident.Address), (form!.ResidentId, form.FullName, form.Address));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublicStatus_NeedsTheMatchingBirthDate(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var id = await AdultFormAsync(db, forms);
        await stores.Runtime.ApplicationDesk(TestStores.Ishinomaki).SubmitAsync(db, TestStores.Ishinomaki,
            new ApplicationInput(id, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk");
        var residentId = forms.First(f => f.ApplicationId == id).ResidentId;
        var birth = await db.Residents.Where(r => r.Id == residentId).Select(r => r.BirthDate).SingleAsync();

        Assert.Equal(ApplicationStatus.Received, (await ApplicationDesk.PublicStatusAsync(db, id, birth))!.Status);
        Assert.Null(await ApplicationDesk.PublicStatusAsync(db, id, birth.AddDays(1)));
    }

    internal static (MemoryStream Csv, MemoryStream Zip) BulkFiles(IEnumerable<(string ApplicationId, string Photo)> rows, Dictionary<string, byte[]> photos)
    {
        var csv = new StringBuilder(string.Join(",", EmployerBulk.Columns) + "\n");
        foreach (var (id, photo) in rows)
        {
            csv.Append(id).Append(',').Append(photo).Append(",,,1,1,0,\n");
        }
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in photos)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        zip.Position = 0;
        return (new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), zip);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EmployerBulk_IsAllOrNothing_WithAReportPerRow(string provider)
    {
        var (stores, forms) = await NotifiedAsync(provider, 60);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var today = new DateOnly(2026, 11, 24);
        var adults = new List<string>();
        foreach (var f in forms)
        {
            var birth = await db.Residents.Where(r => r.Id == f.ResidentId).Select(r => r.BirthDate).SingleAsync();
            if (!ApplicationRules.IsUnder15(birth, today))
            {
                adults.Add(f.ApplicationId);
            }
        }
        var bulk = new EmployerBulk(stores.Runtime.ApplicationDesk(TestStores.Ishinomaki), stores.Runtime.MunicipalAudit(TestStores.Ishinomaki));
        var photos = new Dictionary<string, byte[]> { ["a.jpg"] = TestPhotos.Jpeg(), ["b.jpg"] = TestPhotos.Jpeg(), ["small.jpg"] = TestPhotos.Jpeg(300, 300) };

        var (badCsv, badZip) = BulkFiles([(adults[0], "a.jpg"), (adults[1], "small.jpg"), (adults[2], "missing.jpg")], photos);
        var failed = await bulk.SubmitAsync(db, TestStores.Ishinomaki, badCsv, badZip, "株式会社石巻製作所", "clerk");

        Assert.False(failed.Succeeded);
        Assert.Equal([true, false, false], failed.Rows.Select(r => r.Ok));
        Assert.Equal([2L, 3L, 4L], failed.Rows.Select(r => r.Line));
        Assert.Contains("missing.jpg", failed.Rows[2].Problems.Single().Ja, StringComparison.Ordinal);
        Assert.Equal(("bulk-rule.photo.missing", "photo file 'missing.jpg' is not in the zip"), (failed.Rows[2].Problems.Single().Text.Code, failed.Rows[2].Problems.Single().En));
        Assert.Equal(0, await db.CardApplications.CountAsync());

        var (csv, zip) = BulkFiles([(adults[0], "a.jpg"), (adults[1], "b.jpg")], photos);
        var ok = await bulk.SubmitAsync(db, TestStores.Ishinomaki, csv, zip, "株式会社石巻製作所", "clerk");
        Assert.True(ok.Succeeded);
        Assert.Equal(2, await db.CardApplications.CountAsync(a => a.Channel == ApplicationChannel.Employer));
    }
}
