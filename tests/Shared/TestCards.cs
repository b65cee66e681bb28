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
    public static async Task<List<NoticedCard>> WithNoticesAsync(TestStores stores, int count, DateOnly sentOn)
    {
        await using var db = stores.OpenMunicipal();
        var resident = await db.Residents.OrderBy(r => r.Id).FirstAsync();
        var application = new CardApplication
        {
            ApplicationId = "04202100000000000000000", ReceiptNumber = "000000000000", ResidentId = resident.Id, Channel = ApplicationChannel.Mail,
            Status = ApplicationStatus.CardDelivered, ReceivedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, RecordedBy = "test",
            RegisterSnapshot = "{}", Email = "taro@example.jp",
        };
        db.CardApplications.Add(application);
        db.DeliveryLists.Add(new ImportedDeliveryList { Id = "042021-TEST-001", Content = "", ImportedBy = "test", ImportedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        var cards = Enumerable.Range(1, count).Select(i => new MunicipalCard
        {
            Serial = i.ToString("X16", System.Globalization.CultureInfo.InvariantCulture), CardApplicationId = application.Id, ResidentId = resident.Id,
            DeliveryListId = "042021-TEST-001", Line = i, State = CardState.NoticeSent, Expiry = new DateOnly(2036, 1, 1), UpdatedAt = DateTimeOffset.UtcNow,
        }).ToList();
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
