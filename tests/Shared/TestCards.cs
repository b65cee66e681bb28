using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;

namespace Myna.Testing;

/// <summary>A card with its issuance notice, as a resident would identify it on the booking page.</summary>
public sealed record NoticedCard(long CardId, string Notice, DateOnly BirthDate);

/// <summary>
/// Cards with issuance notices written straight into a municipal store (production and delivery
/// are tested elsewhere): enough distinct cards to race for one slot. Needs at least one resident.
/// </summary>
public static class TestCards
{
    public static async Task<List<NoticedCard>> WithNoticesAsync(Myna.Municipal.MunicipalDb db, int count, DateOnly sentOn, int batch = 1)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var list = "042021-TEST-" + batch.ToString("D3", inv);
        var resident = await db.Residents.OrderBy(r => r.Id).FirstAsync();
        var application = new CardApplication
        {
            ApplicationId = "042021" + batch.ToString("D17", inv), ReceiptNumber = batch.ToString("D12", inv), ResidentId = resident.Id, Channel = ApplicationChannel.Mail,
            ReceivedAt = DateTimeOffset.UtcNow, RecordedBy = "test", RegisterSnapshot = "{}", Email = "taro@example.jp",
        };
        application.MoveTo(ApplicationStatus.CardDelivered, DateTimeOffset.UtcNow, "test");
        db.CardApplications.Add(application);
        db.DeliveryLists.Add(new ImportedDeliveryList { Id = list, Content = "", ImportedBy = "test", ImportedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var cards = Enumerable.Range(1, count).Select(i => new MunicipalCard
        {
            Serial = batch.ToString("X4", inv) + i.ToString("X12", inv), CardApplicationId = application.Id, ResidentId = resident.Id,
            DeliveryListId = list, Line = i, Expiry = new DateOnly(2036, 1, 1),
        }).ToList();
        cards.ForEach(c => c.MoveTo(CardState.NoticeSent, DateTimeOffset.UtcNow, "test", null));
        db.Cards.AddRange(cards);
        await db.SaveChangesAsync();
        var notices = cards.Select(c => new IssuanceNotice
        {
            CardId = c.Id, Number = NoticeNumber.New(), SentOn = sentOn, Deadline = sentOn.AddMonths(3), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.IssuanceNotices.AddRange(notices);
        await db.SaveChangesAsync();
        return notices.Select(n => new NoticedCard(n.CardId, n.Number, resident.BirthDate)).ToList();
    }
}
