using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Municipal.Reports;
using Myna.Testing;

namespace Myna.Municipal.Tests.Reports;

/// <summary>The operations report (DOMAIN §11.2) computed from recorded events, never from counters.</summary>
public sealed class OperationsReportTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CountsTheCardBusinessOfThePeriod_AndMeasuresServiceTimePerDesk(string provider)
    {
        var (stores, _) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var figures = await OperationsReport.ComputeAsync(db, Today.AddDays(-1), Today);

        Assert.Equal((3, 3, 3, 3, 0), (figures.ApplicationsReceived, figures.CardsReceived, figures.IssuanceNoticesSent, figures.CardsIssued, figures.CardsInSafeAtEnd));
        var desk = Assert.Single(figures.Desks);
        Assert.Equal((1, 3, 1), (desk.Desk, desk.Issued, desk.WindowDays));
        Assert.Equal(3.0, figures.IssuancesPerWindowDay);
        var minutes = await db.WindowIssuances.AsNoTracking().Select(i => new { i.StartedAt, i.EndedAt }).ToListAsync();
        var measured = minutes.Select(m => (m.EndedAt!.Value - m.StartedAt).TotalMinutes).Order().ToList();
        Assert.Equal(measured.Average(), figures.MeanServiceMinutes!.Value, 9);
        Assert.Equal(measured[1], figures.MedianServiceMinutes);
        Assert.Equal(measured[2], figures.P90ServiceMinutes);

        var before = await OperationsReport.ComputeAsync(db, Today.AddDays(-30), Today.AddDays(-2));
        Assert.Equal((0, 0, 0, 0), (before.ApplicationsReceived, before.CardsReceived, before.CardsIssued, before.CardsInSafeAtEnd));
        Assert.Null(before.MeanServiceMinutes);

        var text = OperationsReport.ToText(figures, "石巻市");
        Assert.Contains("・J-LISからの受領枚数\t3枚", text, StringComparison.Ordinal);
        Assert.Contains("・個人番号カード交付枚数\t3枚", text, StringComparison.Ordinal);
        Assert.Contains("1番窓口\t3枚（1日、1日 3.0枚）", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OperationsReport.ComputeAsync(db, Today, Today.AddDays(-1)).GetAwaiter().GetResult());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CountsEnvelopesSent_AndOnlyReturnedMailAsProcessed(string provider)
    {
        var (stores, mail, _) = await RegisterScenarios.PostedAsync(provider, 20);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var envelopes = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).ToListAsync();
        await mail.BookReturnAsync(db, envelopes[0].Id, ReturnReason.Refused, "clerk");
        await mail.BookReturnAsync(db, envelopes[1].Id, ReturnReason.AddresseeUnknown, "clerk");
        await mail.ActAsync(db, envelopes[0].Id, ReturnAction.Resend, null, "clerk");
        await mail.ActAsync(db, envelopes[1].Id, ReturnAction.HandOver, null, "clerk");
        // The re-sent copy goes to the post again: a re-send, not a new 送付件数.
        var copy = await db.NoticeEnvelopes.SingleAsync(e => e.ResendOfId == envelopes[0].Id);
        await mail.RecordMailNumbersAsync(db, [(copy.BatchId, copy.Sequence, "9999-0000-0001")], "clerk");

        var day = new DateOnly(2026, 12, 1);
        var figures = await OperationsReport.ComputeAsync(db, day, day);

        Assert.Equal(envelopes.Count, figures.NoticesSent);
        Assert.Equal((2, 1, 1), (figures.Returned, figures.ReturnedByReason[ReturnReason.Refused], figures.ReturnedByReason[ReturnReason.AddresseeUnknown]));
        Assert.Equal((2, 1, 1, 0), (figures.ReturnsProcessed, figures.ReturnsHandedOver, figures.ReturnsResent, figures.ReturnsToDispose));
        Assert.Equal(0, (await OperationsReport.ComputeAsync(db, day.AddDays(1), day.AddDays(1))).NoticesSent);
    }
}
