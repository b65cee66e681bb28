using Microsoft.EntityFrameworkCore;
using Myna.Data.Reports;
using Myna.Data.Tests.Lifecycle;
using Myna.Testing;

namespace Myna.Data.Tests.Reports;

/// <summary>The operations report (DOMAIN §11.2) computed from recorded events, never from counters.</summary>
public sealed class OperationsReportTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CountsTheCardBusinessOfThePeriod_AndMeasuresServiceTimePerDesk(string provider)
    {
        var (stores, _) = await CardLifecycleTests.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var figures = await OperationsReport.ComputeAsync(db, Today.AddDays(-1), Today);

        Assert.Equal((3, 3, 3, 3, 0), (figures.ApplicationsReceived, figures.CardsReceived, figures.IssuanceNoticesSent, figures.CardsIssued, figures.CardsInSafeAtEnd));
        var desk = Assert.Single(figures.Desks);
        Assert.Equal((1, 3, 1), (desk.Desk, desk.Issued, desk.WindowDays));
        Assert.Equal(3.0, figures.IssuancesPerWindowDay);
        var minutes = await db.WindowIssuances.AsNoTracking().Select(i => new { i.StartedAt, i.EndedAt }).ToListAsync();
        var measured = minutes.Select(m => (m.EndedAt!.Value - m.StartedAt).TotalMinutes).Order().ToList();
        Assert.Equal(measured[1], figures.MedianServiceMinutes);
        Assert.Equal(measured[2], figures.P90ServiceMinutes);

        var before = await OperationsReport.ComputeAsync(db, Today.AddDays(-30), Today.AddDays(-2));
        Assert.Equal((0, 0, 0, 0), (before.ApplicationsReceived, before.CardsReceived, before.CardsIssued, before.CardsInSafeAtEnd));
        Assert.Null(before.MedianServiceMinutes);

        var text = OperationsReport.ToText(figures, "石巻市");
        Assert.Contains("・J-LISからの受領枚数\t3枚", text, StringComparison.Ordinal);
        Assert.Contains("・個人番号カード交付枚数\t3枚", text, StringComparison.Ordinal);
        Assert.Contains("1番窓口\t3枚（1日、1日 3.0枚）", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OperationsReport.ComputeAsync(db, Today, Today.AddDays(-1)).GetAwaiter().GetResult());
    }
}
