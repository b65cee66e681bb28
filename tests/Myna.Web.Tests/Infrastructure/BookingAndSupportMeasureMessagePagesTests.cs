using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.Appointments;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19: a booking refused on the residents' booking page and a support-measure step refused on the officer's page are
/// catalogue messages (<c>booking-rule.*</c>, <c>support-measure-rule.*</c>), shown in Japanese by default and in English
/// after the language switch, never the data layer's English on a Japanese screen.
/// </summary>
public sealed class BookingAndSupportMeasureMessagePagesTests
{
    private static async Task<string> BookFullSlotAsync(HttpClient client, NoticedCard card, long slot)
    {
        var html = await client.GetStringAsync("/book");
        var response = await PageClient.PostFormAsync(client, "/book?handler=Book", html, new Dictionary<string, string>
        {
            ["Notice"] = card.Notice,
            ["BirthDate"] = card.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["slot"] = slot.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "book-error");
    }

    [Fact]
    public async Task PublicBooking_TimeFilledUp_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var tomorrow = JapanClock.Today(TimeProvider.System).AddDays(1);
        List<NoticedCard> cards;
        long slot;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            cards = await TestCards.WithNoticesAsync(db, 2, tomorrow.AddDays(-1));
            var window = await AppointmentBook.AddWindowAsync(db, "市民課", null);
            var book = factory.Stores.Runtime.AppointmentBook();
            await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, tomorrow, tomorrow, Enum.GetValues<DayOfWeek>(), new TimeOnly(9, 0), new TimeOnly(9, 30), 30, 1,
                onClosedDays: true);
            slot = (await book.OpenSlotsAsync(db, tomorrow, forResidents: true)).Single().SlotId;
            // Someone else takes the one seat by phone while the resident's page still offers it.
            await book.BookAsync(db, cards[1].CardId, slot, AppointmentChannel.Phone, "clerk");
        }
        using var client = factory.CreateClient();

        var japanese = await BookFullSlotAsync(client, cards[0], slot);
        Assert.Equal(AppointmentMessages.SlotFull.Ja, japanese);
        Assert.Equal("この日時は満員になりました。別の日時を選んでください。", japanese);

        await client.GetAsync("/language/en?returnUrl=/book");
        var english = await BookFullSlotAsync(client, cards[0], slot);
        Assert.Equal("this time is fully booked: choose another time", english);
    }

    private static async Task<string> ExtendRefusalAsync(HttpClient client, long measureId, string newEnd)
    {
        var url = $"/support-measures/{measureId.ToString(CultureInfo.InvariantCulture)}";
        var html = await client.GetStringAsync(url);
        var response = await PageClient.PostFormAsync(client, url + "?handler=Extend", html, new Dictionary<string, string>
        {
            ["newEnd"] = newEnd,
            ["reason"] = "継続の申出",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "sm-error");
    }

    [Fact]
    public async Task SupportMeasure_ExtensionNotAfterTheEnd_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var (applicantId, _) = await factory.AnyResidentAsync();
        var today = JapanClock.Today(TimeProvider.System);
        var runtime = factory.Services.GetRequiredService<MynaRuntime>();
        SupportMeasure measure;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            measure = await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(applicantId,
                SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "石巻警察署", today, null, null, null, [], []), "officer");
        }
        using var client = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026");
        var (era, iso) = (JapaneseDate.Format(measure.EndsOn), measure.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var japanese = await ExtendRefusalAsync(client, measure.Id, JapaneseDate.Format(today));
        Assert.Equal($"終了日: 新しい終了日は、現在の終了日 {era}（{iso}） より後にしてください。", japanese);

        await client.GetAsync($"/language/en?returnUrl=/support-measures/{measure.Id}");
        var english = await ExtendRefusalAsync(client, measure.Id, JapaneseDate.Format(today));
        Assert.Equal($"end: the new end must be after the current end, {iso} ({era})", english);
    }
}
