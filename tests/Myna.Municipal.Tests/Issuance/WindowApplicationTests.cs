using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Municipal.Applications;
using Myna.Municipal.Issuance;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Testing;

namespace Myna.Municipal.Tests.Issuance;

/// <summary>申請時来庁方式 (DOMAIN §4.1): identity at application, PINs chosen then, the card mailed by restricted delivery and tracked.</summary>
public sealed class WindowApplicationTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IdentityAtApplication_PinsOnThePad_TheCardIsMailedAndDelivered(string provider)
    {
        var (stores, forms) = await CardScenarios.NotifiedAsync(provider, 40);
        await using var _ = stores;
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        await using var db = stores.OpenMunicipal();
        var ids = forms.Select(f => f.ResidentId).ToList();
        var births = await db.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var form = forms.First(f => !ApplicationRules.IsUnder15(births[f.ResidentId], Today));
        var birth = births[form.ResidentId];
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Window, TestPhotos.Jpeg(), Consent: true), "clerk");
        var window = stores.Runtime.WindowApplications(TestStores.Ishinomaki);

        // Identity with the §6.5 engine: one 甲 alone is not enough; two are.
        var lacking = await window.VerifyAsync(db, receipt.Id, new VerificationCase(false, [new PresentedDocument("passport")], Today), "{}", mailCard: true, "clerk");
        Assert.False(lacking.Verified);
        Assert.Null((await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).IdentityMethod);
        var verified = await window.VerifyAsync(db, receipt.Id, new VerificationCase(false, [new PresentedDocument("passport"), new PresentedDocument("drivers-license")],
            Today), "{}", mailCard: true, "clerk");
        Assert.Equal("B", verified.Method);

        // The PINs on the desk's pad: checked now (birth date, runs, format), sealed until setup.
        var request = await window.RequestPinsAsync(db, receipt.Id, desk: 2);
        var pad = await WindowDesk.PadRequestAsync(db, 2);
        Assert.Equal(request.Id, pad!.PinRequestId);
        Assert.True(pad.SignaturePin);
        var weak = await window.StorePinsAsync(db, request.Id, birth.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture),
            birth.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture), "KAGI7391", "KAGI7391");
        Assert.Equal(PinKind.UserAuthentication, weak.Refused);
        Assert.True((await window.StorePinsAsync(db, request.Id, "7391", "7391", "kagi7391", "KAGI7391")).Accepted);
        Assert.Null(await WindowDesk.PadRequestAsync(db, 2));
        var stored = await db.PinRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.DoesNotContain("7391", System.Text.Encoding.ASCII.GetString(stored.Sealed!), StringComparison.Ordinal); // sealed, not plain

        // Accepted, produced, delivered, set up: the PINs reach the chip and the sealed copy is erased; no notice for it.
        await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
        var list = (await stores.Runtime.CardProductionBatch().RunAsync("production")).Lists.Single();
        var safe = stores.Runtime.CardSafe(TestStores.Ishinomaki);
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        var serial = list.Entries.Single().Serial;
        await safe.ReceiveAsync(db, serial, "clerk");
        var setup = await safe.SetUpAsync(db, serial, "clerk");
        Assert.Equal(CardState.Ready, setup.Card.State);
        var erased = await db.PinRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.Null(erased.Sealed);
        Assert.Equal("set", erased.Outcome);
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var reader = new ChipReader(await stores.Runtime.CardChips().LoadAsync(national, serial));
            reader.Select(CardApplications.Jpki);
            Assert.True(reader.Verify(CardFiles.UserPin, "7391"));
            Assert.True(reader.Verify(CardFiles.SignaturePin, "KAGI7391"));
        }
        Assert.Empty(await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk"));

        // Mailed by restricted delivery with its mail number, then delivered: the card is issued.
        var badNumber = await Assert.ThrowsAsync<CardSafeException>(() => safe.MailAsync(db, serial, "12-34", "clerk"));
        Assert.Contains("11 to 13 digits", badNumber.Message, StringComparison.Ordinal);
        var mailed = await safe.MailAsync(db, serial, "1234-5678-9012", "clerk");
        Assert.Equal(CardState.Mailed, mailed.State);
        Assert.Equal(1, (await CardSafe.InventoryAsync(db))[CardState.Mailed]);
        var delivered = await safe.MailOutcomeAsync(db, "123456789012", delivered: true, "clerk");
        Assert.Equal(CardState.Issued, delivered.State);
        Assert.Equal(ApplicationStatus.CardIssued, (await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).Status);
        var again = await Assert.ThrowsAsync<CardSafeException>(() => safe.MailOutcomeAsync(db, serial, delivered: true, "clerk"));
        Assert.Contains("not out in the mail", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReturnedMail_SendsTheCardTheOrdinaryWay_NoticeAndWindow()
    {
        var (stores, forms) = await CardScenarios.NotifiedAsync("sqlite", 40);
        await using var _ = stores;
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        await using var db = stores.OpenMunicipal();
        var ids = forms.Select(f => f.ResidentId).ToList();
        var births = await db.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var form = forms.First(f => !ApplicationRules.IsUnder15(births[f.ResidentId], Today));
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Window, TestPhotos.Jpeg(),
            WantsSignatureCertificate: false, Consent: true), "clerk");
        var window = stores.Runtime.WindowApplications(TestStores.Ishinomaki);
        await window.VerifyAsync(db, receipt.Id, new VerificationCase(false, [new PresentedDocument("passport"), new PresentedDocument("drivers-license")], Today),
            "{}", mailCard: true, "clerk");
        var request = await window.RequestPinsAsync(db, receipt.Id, desk: 1);
        Assert.False((await WindowDesk.PadRequestAsync(db, 1))!.SignaturePin); // declined: no signature PIN is asked
        Assert.True((await window.StorePinsAsync(db, request.Id, "7391", "7391", null, null)).Accepted);
        await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
        var list = (await stores.Runtime.CardProductionBatch().RunAsync("production")).Lists.Single();
        var safe = stores.Runtime.CardSafe(TestStores.Ishinomaki);
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        var serial = list.Entries.Single().Serial;
        await safe.ReceiveAsync(db, serial, "clerk");
        await safe.SetUpAsync(db, serial, "clerk");
        await safe.MailAsync(db, serial, "987654321098", "clerk");

        var returned = await safe.MailOutcomeAsync(db, serial, delivered: false, "clerk");

        Assert.Equal(CardState.Ready, returned.State);
        Assert.False((await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).MailCard);
        var letter = Assert.Single(await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk"));
        Assert.Equal(returned.Id, letter.CardId);
        var notMail = await Assert.ThrowsAsync<CardSafeException>(() => safe.MailAsync(db, serial, "987654321098", "clerk"));
        Assert.Contains("not a set-up card to be mailed", notMail.Message, StringComparison.Ordinal);
    }
}
