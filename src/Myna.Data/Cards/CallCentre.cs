using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Data.Audit;
using Myna.Data.Certificates;
using Myna.Data.Production;
using Myna.Pki.Authorities;
using Myna.Pki.Card;

namespace Myna.Data.Cards;

/// <summary>A loss or theft report taken by the 24/365 call centre (DOMAIN §8.3); the caller's four information.</summary>
public sealed record LossReport(string Name, DateOnly BirthDate, string Address, int Sex, string Caller, bool Theft);

public enum CallCentreOutcome
{
    /// <summary>Found: suspension lifted at the window after identity verification.</summary>
    Lifted = 1,
    /// <summary>Not found: the card abolished (police report number recorded) and a reissue started.</summary>
    Abolished = 2,
}

/// <summary>One call-centre case (national store): the suspension and how the municipality closed it.</summary>
public sealed class CallCentreCase
{
    public long Id { get; set; }
    /// <summary>受付番号 given to the caller, e.g. <c>S261124-482913</c>.</summary>
    public required string Reference { get; set; }
    public required string Serial { get; set; }
    public required string MunicipalityCode { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public required string Operator { get; set; }
    /// <summary>Who called (本人, 家族, …); never the four information themselves.</summary>
    public required string Caller { get; set; }
    public bool Theft { get; set; }
    public int CertificatesSuspended { get; set; }
    public CallCentreOutcome? Outcome { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosingNote { get; set; }
}

/// <summary>A loss report the console cannot act on; <see cref="Code"/> is stable (the pages show its catalogue text).</summary>
public sealed class CallCentreException(string code, string message) : InvalidOperationException(message)
{
    public const string FourInformation = "four-information", Caller = "caller", NoMatch = "no-match";

    /// <summary>Every code this exception carries, for the catalogue's completeness check.</summary>
    public static readonly IReadOnlyList<string> Codes = [FourInformation, Caller, NoMatch];

    public string Code { get; } = code;
}

/// <summary>
/// The national 24/365 call centre console (DOMAIN §8.3): the caller is checked against the four
/// information a card carries, and the card and its certificates are suspended at once — the OCSP
/// responder reads the new status from the store on its next request.
/// </summary>
public sealed class CallCentre(Stores.Stores stores, CardChipStore chips, CertificateIssuance issuance, CertificateStatusService status, AuditLog audit,
    TimeProvider time)
{
    public async Task<IReadOnlyList<CallCentreCase>> SuspendAsync(LossReport report, string operatorName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(report.Name) || string.IsNullOrWhiteSpace(report.Address) || report.Sex is < 1 or > 3)
        {
            throw new CallCentreException(CallCentreException.FourInformation, "ask the caller for all four information: name, birth date, address and sex");
        }
        if (string.IsNullOrWhiteSpace(report.Caller))
        {
            throw new CallCentreException(CallCentreException.Caller, "record who is calling (本人, 家族, …)");
        }
        await using var db = stores.OpenNational();
        var hash = issuance.IdentityHash(report.Name, report.BirthDate);
        var candidates = await db.ProducedCards.AsNoTracking()
            .Where(c => c.IdentityHash == hash && (c.State == ProducedCardState.Listed || c.State == ProducedCardState.Made)).ToListAsync(ct);
        var matching = new List<ProducedCard>();
        foreach (var card in candidates)
        {
            var chip = await chips.LoadAsync(db, card.Serial, ct);
            var (_, address, _, sex) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
            if (sex == report.Sex && Comparable(address) == Comparable(report.Address))
            {
                matching.Add(card);
            }
        }
        if (matching.Count == 0)
        {
            // One answer for every mismatch: the console must not help a caller guess someone's data.
            throw new CallCentreException(CallCentreException.NoMatch, "no card matches these four information: check them with the caller");
        }
        var cases = new List<CallCentreCase>();
        foreach (var card in matching)
        {
            cases.Add(card.SuspensionReference is { } open
                ? await db.CallCentreCases.AsNoTracking().FirstAsync(c => c.Reference == open, ct)
                : await SuspendCardAsync(db, card.Serial, report, operatorName, ct));
        }
        return cases;
    }

    private async Task<CallCentreCase> SuspendCardAsync(NationalDb db, string serial, LossReport report, string operatorName, CancellationToken ct)
    {
        // Certificates first, each in its own transaction, so OCSP answers "revoked (certificateHold)" as soon as possible.
        var good = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == serial && c.Status == CertificateStatus.Good)
            .Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        var reference = NewReference(time.GetUtcNow());
        foreach (var c in good)
        {
            await status.SuspendAsync(db, (CaKind)c.Ca, c.Serial, operatorName, $"一時停止: call centre {reference}", ct);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var card = await db.ProducedCards.FirstAsync(c => c.Serial == serial, ct);
        var now = time.GetUtcNow();
        card.SuspensionReference = reference;
        card.SuspendedAt = now;
        card.UpdatedAt = now;
        var entry = new CallCentreCase
        {
            Reference = reference, Serial = serial, MunicipalityCode = card.MunicipalityCode, ReportedAt = now, Operator = operatorName,
            Caller = report.Caller.Trim(), Theft = report.Theft, CertificatesSuspended = good.Count,
        };
        db.CallCentreCases.Add(entry);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, operatorName, AuditActions.CardSuspended, "card:" + serial,
            detail: string.Create(CultureInfo.InvariantCulture, $"{reference} {(report.Theft ? "theft" : "loss")} certificates={good.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return entry;
    }

    /// <summary>The latest cases, open ones first.</summary>
    public async Task<IReadOnlyList<CallCentreCase>> CasesAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        return await db.CallCentreCases.AsNoTracking().OrderBy(c => c.Outcome != null).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>The name and address compared as the caller says them: spaces and full-/half-width differences do not count.</summary>
    internal static string Comparable(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string NewReference(DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"S{Core.Calendar.JapanClock.ToJapan(now):yyMMdd}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");
}
