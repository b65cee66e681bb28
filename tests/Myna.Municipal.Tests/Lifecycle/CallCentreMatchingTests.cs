using Microsoft.EntityFrameworkCore;
using Myna.Core.Lifecycle;
using Myna.National.Cards;
using Myna.National.Production;
using Myna.Pki.Card;
using Myna.Testing;

namespace Myna.Municipal.Tests.Lifecycle;

/// <summary>
/// The call centre's four-information matching (DOMAIN §8.3): the caller's words compared as the resident search compares
/// them, and a mismatch that names the item to ask again without quoting what the card holds.
/// </summary>
public sealed class CallCentreMatchingTests
{
    private sealed record OnCard(string Serial, string Name, string Address, DateOnly BirthDate, int Sex);

    private static async Task<(TestStores Stores, List<OnCard> Cards)> CardsAsync(string provider)
    {
        var stores = await CardScenarios.ReadyCardsAsync(provider, adults: 3);
        await using var national = stores.Runtime.Stores.OpenNational();
        var serials = await national.ProducedCards.AsNoTracking().Where(c => c.State == ProducedCardState.Listed)
            .OrderBy(c => c.Serial).Select(c => c.Serial).ToListAsync();
        var cards = new List<OnCard>();
        foreach (var serial in serials)
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, serial);
            var (name, address, birth, sex) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
            cards.Add(new OnCard(serial, name, address, birth, sex));
        }
        Assert.True(cards.Count >= 3);
        return (stores, cards);
    }

    /// <summary>The card's four information as an endorsement writes them: on the chip, with the call centre's identity hash.</summary>
    private static async Task<OnCard> WriteAsync(TestStores stores, OnCard card)
    {
        await using var national = stores.Runtime.Stores.OpenNational();
        var chips = stores.Runtime.CardChips();
        var chip = await chips.LoadAsync(national, card.Serial);
        chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation] = new ChipBinary(
            ChipLayout.FourInformationEf(new ChipHolder("000000000000", card.Name, card.Address, card.BirthDate, card.Sex, default, "")), CardFiles.InputAssistPin);
        await chips.SaveAsync(national, card.Serial, chip);
        var row = await national.ProducedCards.SingleAsync(c => c.Serial == card.Serial);
        row.IdentityHash = stores.Runtime.CertificateIssuance().IdentityHash(card.Name, card.BirthDate);
        await national.SaveChangesAsync();
        return card;
    }

    private static LossReport Report(OnCard c) => new(c.Name, c.BirthDate, c.Address, c.Sex, "本人", false);

    private static async Task<CallCentreException> RefusedAsync(TestStores stores, LossReport report) =>
        await Assert.ThrowsAsync<CallCentreException>(() => stores.Runtime.CallCentre().SuspendAsync(report, "operator"));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suspend_FourInformationSaidAnotherWay_FindsTheCard(string provider)
    {
        var (stores, cards) = await CardsAsync(provider);
        await using var _ = stores;
        var card = await WriteAsync(stores, cards[0] with { Name = "髙橋\u3000健", Address = "宮城県石巻市穀町14番8号\u3000穀町ハイツ101" });
        var centre = stores.Runtime.CallCentre();

        LossReport[] said =
        [
            Report(card) with { Name = "高橋 健", Address = "石巻市穀町14-8 穀町ハイツ101" }, // variant, no prefecture, 14-8
            Report(card) with { Name = "高橋　健", Address = "宮城県石巻市穀町１４－８　穀町ハイツ１０１" }, // full-width
            Report(card) with { Name = "髙橋健", Address = "石巻市穀町十四番八号穀町ハイツ101" }, // kanji numerals, no spaces
            Report(card) with { Name = "高橋健", Address = "石巻市穀町14番地の8" }, // the building left out: the rest names this card only
        ];
        var references = new List<string>();
        foreach (var report in said)
        {
            var suspended = Assert.Single(await centre.SuspendAsync(report, "operator"));
            Assert.Equal(card.Serial, suspended.Serial);
            references.Add(suspended.Reference);
        }
        Assert.Single(references.Distinct()); // suspended once; the later calls return its case
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suspend_OneItemWrong_NamesThatItemAndSuspendsNothing(string provider)
    {
        var (stores, cards) = await CardsAsync(provider);
        await using var _ = stores;
        var card = cards[1];
        var otherSex = card.Sex == 1 ? 2 : 1;

        (LossReport Report, string Code, string Field)[] cases =
        [
            (Report(card) with { BirthDate = card.BirthDate.AddDays(1) }, CallCentreMessages.BirthDate.Code, "birthDate"),
            (Report(card) with { Sex = otherSex }, CallCentreMessages.Sex.Code, "sex"),
            (Report(card) with { Address = "東京都千代田区千代田1-1" }, CallCentreMessages.Address.Code, "address"),
            (Report(card) with { Address = card.Address + "1" }, CallCentreMessages.Address.Code, "address"),
            (Report(card) with { Sex = otherSex, Address = "東京都千代田区千代田1-1" }, CallCentreMessages.SexAndAddress.Code, "sex"),
            (Report(card) with { Name = "無名　太郎" }, CallCentreMessages.Name.Code, "name"),
            (Report(card) with { Name = "無名　太郎", BirthDate = new DateOnly(1901, 1, 1) }, CallCentreMessages.NoMatch.Code, "name"),
        ];
        foreach (var (report, code, field) in cases)
        {
            var refused = await RefusedAsync(stores, report);
            Assert.Equal((code, field), (refused.Text.Code, refused.Field));
            // The answer is the catalogue's words alone: nothing of what the card holds.
            Assert.Empty(refused.Text.Args);
            Assert.DoesNotContain(card.Name, refused.Text.Ja, StringComparison.Ordinal);
            Assert.DoesNotContain(card.BirthDate.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), refused.Text.Ja + refused.Text.En, StringComparison.Ordinal);
        }
        await using var national = stores.Runtime.Stores.OpenNational();
        Assert.Empty(await national.CallCentreCases.ToListAsync());
        Assert.Null((await national.ProducedCards.AsNoTracking().SingleAsync(c => c.Serial == card.Serial)).SuspensionReference);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suspend_BuildingLeftOutButTwoCardsShareTheRest_AsksForTheBuilding(string provider)
    {
        var (stores, cards) = await CardsAsync(provider);
        await using var _ = stores;
        // Two people of the same name, birth date and sex in two flats of one block: only the building tells them apart.
        var first = await WriteAsync(stores, cards[1] with { Name = "斎藤\u3000一", Address = "宮城県石巻市中央二丁目3番1号\u3000中央マンション201", Sex = 1 });
        var second = await WriteAsync(stores, cards[2] with { Name = "齋藤\u3000一", Address = "宮城県石巻市中央二丁目3番1号\u3000中央マンション305", Sex = 1,
            BirthDate = first.BirthDate });

        var refused = await RefusedAsync(stores, Report(first) with { Name = "斉藤一", Address = "石巻市中央2-3-1" });
        Assert.Equal((CallCentreMessages.Building.Code, "address"), (refused.Text.Code, refused.Field));

        var suspended = Assert.Single(await stores.Runtime.CallCentre().SuspendAsync(Report(first) with { Name = "斉藤一", Address = "石巻市中央2-3-1 中央マンション305" }, "operator"));
        Assert.Equal(second.Serial, suspended.Serial);
    }
}
