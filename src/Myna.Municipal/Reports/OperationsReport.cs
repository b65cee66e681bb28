using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Notices;

namespace Myna.Municipal.Reports;

/// <summary>Measured service at one desk over the period: hand-overs, their time, and the days the desk issued.</summary>
public sealed record DeskService(int Desk, int Issued, double MeanMinutes, double MedianMinutes, double P90Minutes, int WindowDays)
{
    public double PerWindowDay => WindowDays == 0 ? 0 : (double)Issued / WindowDays;
}

/// <summary>
/// The operations report of a period (DOMAIN §11.2), laid out like seed 004's 交付状況 report: notices
/// sent (envelopes, as seed 004's 送付件数 counts households), returned by reason, returned items processed by
/// action, applications, cards received, issuance notices, cards issued, cards in the safe at the end, service
/// time (average and 90th percentile as §11.2 asks, and the median) and issuances per window-day.
/// </summary>
public sealed record OperationsFigures(
    DateOnly From,
    DateOnly To,
    int NoticesSent,
    int Returned,
    IReadOnlyDictionary<ReturnReason, int> ReturnedByReason,
    int ReturnsProcessed,
    int ReturnsHandedOver,
    int ReturnsResent,
    int ReturnsToDispose,
    int ApplicationsReceived,
    int CardsReceived,
    int IssuanceNoticesSent,
    int CardsIssued,
    int CardsInSafeAtEnd,
    double? MeanServiceMinutes,
    double? MedianServiceMinutes,
    double? P90ServiceMinutes,
    double? IssuancesPerWindowDay,
    IReadOnlyList<DeskService> Desks);

/// <summary>
/// Computes <see cref="OperationsFigures"/> from the recorded events of the period — mail events,
/// application and card events, issuance notices and the window's hand-overs — never from counters
/// kept by hand. Days are Japan days, both ends included.
/// </summary>
public static class OperationsReport
{
    public static async Task<OperationsFigures> ComputeAsync(MunicipalDb db, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (Core.Calendar.ReportPeriod.Check(from, to) is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Field);
        }
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), JapanClock.Offset);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), JapanClock.Offset);

        // Times are compared here, not in SQL: SQLite keeps them as text (one query per table, only the columns needed).
        bool InPeriod(DateTimeOffset at) => at >= start && at < end;
        var mail = (await db.MailEvents.AsNoTracking()
                .Join(db.NoticeEnvelopes.AsNoTracking(), e => e.EnvelopeId, v => v.Id, (e, v) => new { e.EnvelopeId, e.FromState, e.ToState, e.At, v.ReturnReason, v.ResendOfId })
                .ToListAsync(ct))
            .Where(m => InPeriod(m.At)).ToList();
        // 送付件数: envelopes posted for the first time (a re-sent envelope is counted under 再送付).
        var noticesSent = mail.Count(m => m.ToState == MailState.Sent && m.ResendOfId == null);
        var returned = mail.Where(m => m.ToState == MailState.Returned).ToList();
        var byReason = Enum.GetValues<ReturnReason>().ToDictionary(r => r, r => returned.Count(m => m.ReturnReason == r));
        // Processed returns: only mail that came back (an envelope held at the office and collected is not a return).
        int Processed(MailState state) => mail.Count(m => m.ToState == state && m.FromState is MailState.Returned or MailState.ReminderSent);

        // An application counts once, in the period of its first receipt (a resubmission after a deficiency is not a new one).
        var applications = (await db.ApplicationEvents.AsNoTracking().Where(e => e.Status == Core.Applications.ApplicationStatus.Received)
                .Select(e => new { e.CardApplicationId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.CardApplicationId).Count(g => InPeriod(g.Min(e => e.At)));
        var cardEvents = (await db.CardEvents.AsNoTracking().Select(e => new { e.CardId, e.State, e.At, e.Id }).ToListAsync(ct)).Where(e => e.At < end).ToList();
        var received = cardEvents.Count(e => e.At >= start && e.State == CardState.InSafe);
        var issued = cardEvents.Count(e => e.At >= start && e.State == CardState.Issued);
        // The safe at the end of the period: each card's last recorded state by then.
        var inSafe = cardEvents.GroupBy(e => e.CardId).Select(g => g.MaxBy(e => e.Id)!.State)
            .Count(s => s is CardState.InSafe or CardState.Ready or CardState.NoticeSent);
        var noticesOut = await db.IssuanceNotices.AsNoTracking().CountAsync(n => n.SentOn >= from && n.SentOn <= to, ct);

        var handOvers = (await db.WindowIssuances.AsNoTracking().Where(i => i.Outcome == IssuanceOutcome.Issued && i.EndedAt != null)
                .Select(i => new { i.Desk, i.StartedAt, EndedAt = i.EndedAt!.Value }).ToListAsync(ct))
            .Where(i => InPeriod(i.EndedAt)).Select(i => (i.Desk, Minutes: (i.EndedAt - i.StartedAt).TotalMinutes, Day: DateOnly.FromDateTime(JapanClock.ToJapan(i.EndedAt).DateTime))).ToList();
        var desks = handOvers.GroupBy(h => h.Desk).OrderBy(g => g.Key).Select(g => new DeskService(g.Key, g.Count(), g.Average(h => h.Minutes),
            Percentile(g.Select(h => h.Minutes), 0.5), Percentile(g.Select(h => h.Minutes), 0.9), g.Select(h => h.Day).Distinct().Count())).ToList();
        var windowDays = handOvers.Select(h => (h.Desk, h.Day)).Distinct().Count();
        return new OperationsFigures(from, to, noticesSent, returned.Count, byReason,
            Processed(MailState.HandedOver) + Processed(MailState.Resent) + Processed(MailState.Disposed),
            Processed(MailState.HandedOver), Processed(MailState.Resent), Processed(MailState.Disposed), applications, received, noticesOut, issued, inSafe,
            handOvers.Count == 0 ? null : handOvers.Average(h => h.Minutes),
            handOvers.Count == 0 ? null : Percentile(handOvers.Select(h => h.Minutes), 0.5),
            handOvers.Count == 0 ? null : Percentile(handOvers.Select(h => h.Minutes), 0.9),
            windowDays == 0 ? null : (double)handOvers.Count / windowDays, desks);
    }

    /// <summary>Nearest-rank percentile (the median of an even count is its lower middle).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? 0 : v[Math.Clamp((int)Math.Ceiling(p * v.Count) - 1, 0, v.Count - 1)];
    }

    /// <summary>The report as text, in the order and wording of seed 004's report (報告事項).</summary>
    public static string ToText(OperationsFigures f, string municipalityName)
    {
        var n = System.Globalization.CultureInfo.InvariantCulture;
        string N(int v) => v.ToString("N0", n);
        var lines = new List<string>
        {
            $"報告事項 通知カード・個人番号カードの交付状況について（{municipalityName}、{JapaneseDate.Format(f.From)}～{JapaneseDate.Format(f.To)}）",
            "",
            "1 通知カードの交付状況について",
            $"・送付件数\t{N(f.NoticesSent)}件",
            $"・郵便局からの返戻\t{N(f.Returned)}通",
            $"内訳 宛所なし\t{N(f.ReturnedByReason[ReturnReason.AddresseeUnknown])}通",
            $"保管期間経過\t{N(f.ReturnedByReason[ReturnReason.StorageExpired])}通",
            $"受取拒否\t{N(f.ReturnedByReason[ReturnReason.Refused])}通",
            $"その他\t{N(f.ReturnedByReason[ReturnReason.Other])}通",
            $"・返戻分の処理済件数\t{N(f.ReturnsProcessed)}通",
            $"内訳 窓口交付\t{N(f.ReturnsHandedOver)}通",
            $"再送付\t{N(f.ReturnsResent)}通",
            $"廃棄予定\t{N(f.ReturnsToDispose)}通",
            "",
            "2 個人番号カードの交付状況について",
            $"・個人番号カード申請件数\t{N(f.ApplicationsReceived)}件",
            $"・J-LISからの受領枚数\t{N(f.CardsReceived)}枚",
            $"・交付通知書発送通数\t{N(f.IssuanceNoticesSent)}通",
            $"・個人番号カード交付枚数\t{N(f.CardsIssued)}枚",
            $"・保管中のカード（期間末）\t{N(f.CardsInSafeAtEnd)}枚",
            f.MeanServiceMinutes is { } mean
                ? string.Create(n, $"・交付1件あたりの所要時間\t平均 {mean:0.0}分、中央値 {f.MedianServiceMinutes:0.0}分、90パーセンタイル {f.P90ServiceMinutes:0.0}分")
                : "・交付1件あたりの所要時間\t（交付なし）",
            f.IssuancesPerWindowDay is { } perDay ? string.Create(n, $"・窓口1日あたりの交付枚数\t{perDay:0.0}枚") : "・窓口1日あたりの交付枚数\t（交付なし）",
        };
        foreach (var d in f.Desks)
        {
            lines.Add(string.Create(n, $"  {d.Desk}番窓口\t{d.Issued}枚（{d.WindowDays}日、1日 {d.PerWindowDay:0.0}枚）、平均 {d.MeanMinutes:0.0}分、中央値 {d.MedianMinutes:0.0}分、90パーセンタイル {d.P90Minutes:0.0}分"));
        }
        return string.Join('\n', lines) + "\n";
    }
}
