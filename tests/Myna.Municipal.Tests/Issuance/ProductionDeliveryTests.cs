using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Municipal.Issuance;
using Myna.National.Jpki;
using Myna.National.Production;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Ocsp;
using Myna.Pki.Profiles;
using Myna.Testing;
using static Myna.Testing.CardScenarios;

namespace Myna.Municipal.Tests.Issuance;

/// <summary>Production as a resumable batch (DOMAIN §5), delivery lists, receipt by scanning, remaking, and pre-issuance setup (§6.1).</summary>
public sealed class ProductionDeliveryTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Production_MakesCardsWithChipsAndCertificates_AndEmitsADeliveryList(string provider)
    {
        var (stores, applications) = await QueuedAsync(provider);
        await using var _ = stores;

        var run = await stores.Runtime.CardProductionBatch().RunAsync("production");

        Assert.Equal((4, 0, 0), (run.Produced, run.Failed, run.Recovered));
        var list = Assert.Single(run.Lists);
        Assert.Equal(4, list.Entries.Count);
        Assert.StartsWith("042021-", list.Id, StringComparison.Ordinal);
        await using var national = stores.Runtime.Stores.OpenNational();
        Assert.All(await national.ProductionRequests.AsNoTracking().ToListAsync(), r =>
        {
            Assert.Equal(ProductionState.Produced, r.State);
            Assert.Null(r.NumberSealed); // on the chip now, nowhere else on the national side
        });
        var child = applications.Single(a => !a.Adult);
        var childCard = list.Entries.Single(e => e.ApplicationId == child.ApplicationId);
        var certificates = await national.Certificates.AsNoTracking().Where(c => c.CardSerial != null).ToListAsync();
        Assert.Equal(7, certificates.Count); // 3 adults × 2 + the child's user certificate only (§4.4)
        Assert.Single(certificates, c => c.CardSerial == childCard.Serial);
        Assert.False(childCard.SignatureCertificate);

        // The chip carries the register's number and the expiry of §8.1; collation number B unlocks the card face.
        await using var db = stores.OpenMunicipal();
        var adult = applications.First(a => a.Adult);
        var entry = list.Entries.Single(e => e.ApplicationId == adult.ApplicationId);
        var residentId = await db.CardApplications.Where(a => a.Id == adult.Id).Select(a => a.ResidentId).SingleAsync();
        var number = await stores.Runtime.ResidentQueries(TestStores.Ishinomaki).RevealAsync(db, residentId, "card-issuance", "test");
        var chip = await stores.Runtime.CardChips().LoadAsync(national, entry.Serial);
        Assert.True(ChipLayout.ReadNumber(chip) == number.Value, "the chip carries the resident's number");
        Assert.Equal(CardValidity.Expiry(entry.BirthDate, Today, Today), entry.Expiry);
        var reader = new ChipReader(chip);
        reader.Select(CardApplications.CardFace);
        var collationB = Core.Identifiers.CollationNumberB.Create(entry.BirthDate, entry.Expiry.Year, ChipLayout.SecurityCode(chip));
        Assert.True(reader.Verify(CardFiles.CollationB, collationB.Value));

        var parsed = Core.Production.DeliveryList.Parse(list.ToCsv());
        Assert.Equal(list.Entries, parsed.Entries);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnInterruptedRun_IsFoundAndMadeAgain_WithoutDuplicates(string provider)
    {
        var (stores, _) = await QueuedAsync(provider, adults: 1);
        await using var _s = stores;
        await using var national = stores.Runtime.Stores.OpenNational();
        // A crash after the card was recorded as "making" and its chip and one certificate were made.
        var request = await national.ProductionRequests.OrderBy(r => r.Id).FirstAsync();
        var chips = stores.Runtime.CardChips();
        var serial = CardChipStoreSerial();
        national.ProducedCards.Add(new ProducedCard { Serial = serial, RequestId = request.Id, MunicipalityCode = request.MunicipalityCode,
            ApplicationId = request.ApplicationId, Expiry = new DateOnly(2036, 1, 1), State = ProducedCardState.Making, MadeAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow });
        request.State = ProductionState.Producing;
        request.CardSerial = serial;
        await national.SaveChangesAsync();
        var holder = new Holder(TestStores.Ishinomaki, Core.Identifiers.ResidentCode.Parse(request.ResidentCode!), request.BirthDate, new DateOnly(2036, 1, 1));
        await chips.CreateAsync(national, new ChipHolder("123456789018", request.FullName, request.Address, request.BirthDate, request.Sex,
            new DateOnly(2036, 1, 1), "4821"), holder, new FourInformation(request.FullName, null, request.Sex, request.BirthDate, request.Address, null),
            signatureCertificate: false, "production", serial);

        var run = await stores.Runtime.CardProductionBatch().RunAsync("production");
        var again = await stores.Runtime.CardProductionBatch().RunAsync("production");

        Assert.Equal((2, 0, 1), (run.Produced, run.Failed, run.Recovered));
        Assert.Equal((0, 0, 0, 0), (again.Produced, again.Failed, again.Recovered, again.Lists.Count));
        var cards = await national.ProducedCards.AsNoTracking().Where(c => c.RequestId == request.Id).ToListAsync();
        Assert.Equal([ProducedCardState.Listed, ProducedCardState.Voided], cards.Select(c => c.State).Order());
        var spoiled = await national.Certificates.AsNoTracking().SingleAsync(c => c.CardSerial == serial);
        Assert.Equal(CertificateStatus.Revoked, spoiled.Status); // the half-made card's certificate can never be used
        Assert.Equal(2, run.Lists.Single().Entries.Count);
    }

    private static string CardChipStoreSerial() => Myna.National.Cards.CardChipStore.NewSerial();

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Delivery_IsImportedWhole_ScannedIn_ReturnedForRemaking_AndSetUp(string provider)
    {
        var (stores, applications) = await QueuedAsync(provider);
        await using var _ = stores;
        var batch = stores.Runtime.CardProductionBatch();
        var list = (await batch.RunAsync("production")).Lists.Single();
        var safe = stores.Runtime.CardSafe(TestStores.Ishinomaki);
        await using var db = stores.OpenMunicipal();
        var csv = list.ToCsv();

        // A truncated file, or one for another municipality, is refused and leaves nothing behind.
        var truncated = await Assert.ThrowsAsync<CardSafeException>(() => safe.ImportListAsync(db, csv[..csv.LastIndexOf("T,", StringComparison.Ordinal)], "clerk"));
        Assert.Contains("trailer record", truncated.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<CardSafeException>(() => safe.ImportListAsync(db, csv.Replace(",042021,", ",011002,", StringComparison.Ordinal), "clerk"));
        Assert.Contains("is for municipality 011002", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(Core.Issuance.CardSafeMessages.ListOtherMunicipality.Code, foreign.Text?.Code);
        var twoCardsOneApplication = csv.Replace(list.Entries[1].ApplicationId, list.Entries[0].ApplicationId, StringComparison.Ordinal);
        var doubled = await Assert.ThrowsAsync<CardSafeException>(() => safe.ImportListAsync(db, twoCardsOneApplication, "clerk"));
        Assert.Contains("one card per application", doubled.Message, StringComparison.Ordinal);
        Assert.False(await db.Cards.AnyAsync());

        var imported = await safe.ImportListAsync(db, csv, "clerk");
        var twice = await safe.ImportListAsync(db, csv, "clerk");
        Assert.Equal((4, false), (imported.Cards, imported.AlreadyImported));
        Assert.True(twice.AlreadyImported);
        Assert.Equal(4, (await CardSafe.InventoryAsync(db))[CardState.Listed]);

        // Scanning reconciles one to one; a serial on no list is refused by name.
        var serials = list.Entries.Select(e => e.Serial).ToList();
        var (received, already) = await safe.ReceiveAsync(db, serials[0].ToLowerInvariant(), "clerk");
        Assert.Equal((CardState.InSafe, false), (received.State, already));
        Assert.True((await safe.ReceiveAsync(db, serials[0], "clerk")).AlreadyReceived);
        await safe.ReceiveAsync(db, serials[1], "clerk");
        await safe.ReceiveAsync(db, serials[2], "clerk");
        var unknown = await Assert.ThrowsAsync<CardSafeException>(() => safe.ReceiveAsync(db, "00112233AABBCCDD", "clerk"));
        Assert.Contains("not on any imported delivery list", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(Core.Issuance.CardSafeMessages.SerialUnknown.With("00112233AABBCCDD"), unknown.Text);
        Assert.Contains("どの交付対象者一覧表にも載っていません", unknown.Text!.Ja, StringComparison.Ordinal);
        var reconciliation = await CardSafe.ReconcileAsync(db, list.Id);
        Assert.Equal(serials[3], Assert.Single(reconciliation.NotYetScanned).Serial);
        Assert.Equal(ApplicationStatus.CardDelivered, (await db.CardApplications.AsNoTracking().SingleAsync(a => a.ApplicationId == received.ApplicationId)).Status);

        // A damaged card goes back: voided nationally (certificates revoked), made again, delivered on a new list.
        var returned = await safe.ReturnForRemakeAsync(db, serials[2], CardProblem.Damaged, "角に割れ", "clerk");
        Assert.Equal(CardState.ReturnedForRemake, returned.State);
        // Asked again (a retry after an interruption between the national and the local step): already done, nothing changes.
        await stores.Runtime.CardProduction().RequestRemakeAsync(TestStores.Ishinomaki, serials[2], "角に割れ", "clerk", Guid.NewGuid());
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            Assert.All(await national.Certificates.AsNoTracking().Where(c => c.CardSerial == serials[2]).ToListAsync(),
                c => Assert.Equal(CertificateStatus.Revoked, c.Status));
        }
        var remade = (await batch.RunAsync("production")).Lists.Single();
        var newCard = Assert.Single(remade.Entries);
        Assert.Equal(returned.ApplicationId, newCard.ApplicationId);
        Assert.NotEqual(serials[2], newCard.Serial);
        await safe.ImportListAsync(db, remade.ToCsv(), "clerk");
        await safe.ReceiveAsync(db, newCard.Serial, "clerk");

        // Setup: the first applicant declined the signature certificate: destroyed on the chip and revoked, as OCSP says.
        var declined = applications[0];
        var declinedCard = await db.Cards.AsNoTracking().SingleAsync(c => c.CardApplicationId == declined.Id && c.State == CardState.InSafe);
        var outcome = await safe.SetUpAsync(db, declinedCard.Serial, "clerk");
        Assert.Empty(outcome.Differences);
        Assert.Equal(CardState.Ready, outcome.Card.State);
        Assert.False(outcome.Card.SignatureCertificate);
        Assert.True(outcome.Card.UserCertificate);
        Assert.NotNull(outcome.Certificates!.DestroyedSignatureSerial);
        Assert.Equal(OcspCertStatus.Revoked, await OcspStatusAsync(stores, CaKind.Signature, outcome.Certificates.DestroyedSignatureSerial));
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, declinedCard.Serial);
            Assert.False(ChipLayout.HasCertificate(chip, signature: true));
            Assert.False(chip.Application(CardApplications.Jpki).Keys.ContainsKey(CardFiles.SignatureKey));
            var user = await national.Certificates.AsNoTracking().SingleAsync(c => c.CardSerial == declinedCard.Serial && c.Ca == (int)CaKind.UserAuthentication);
            Assert.Equal(OcspCertStatus.Good, await OcspStatusAsync(stores, CaKind.UserAuthentication, user.Serial));
        }

        // The resident changed their mind at setup: the user certificate is declined too, and revoked.
        var second = await db.Cards.AsNoTracking().SingleAsync(c => c.CardApplicationId == applications[1].Id);
        var both = await safe.SetUpAsync(db, second.Serial, "clerk", signature: true, user: false);
        Assert.True(both.Card.SignatureCertificate);
        Assert.Equal(OcspCertStatus.Revoked, await OcspStatusAsync(stores, CaKind.UserAuthentication, both.Certificates!.RevokedUserSerial!));

        // A register change after production shows as a difference and changes nothing.
        var third = await db.Cards.SingleAsync(c => c.CardApplicationId == applications[3].Id && c.State == CardState.Listed);
        await safe.ReceiveAsync(db, third.Serial, "clerk");
        var resident = await db.Residents.SingleAsync(r => r.Id == third.ResidentId);
        resident.Block = "9-9-9";
        await db.SaveChangesAsync();
        var differs = await safe.SetUpAsync(db, third.Serial, "clerk");
        Assert.Equal("address", Assert.Single(differs.Differences).Field);
        Assert.Equal(CardState.InSafe, differs.Card.State);

        var inventory = await CardSafe.InventoryAsync(db);
        Assert.Equal((2, 2, 1, 0), (inventory[CardState.Ready], inventory[CardState.InSafe], inventory[CardState.ReturnedForRemake], inventory[CardState.Listed]));
    }

}
