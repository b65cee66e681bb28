using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.National.Jpki;
using Myna.National.Production;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Cards;

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

/// <summary>
/// A loss report the console cannot act on (DOMAIN §8.3): which item to ask again (<see cref="CallCentreMessages"/>), and the
/// form field it belongs to. Never what the card holds.
/// </summary>
public sealed class CallCentreException(Message text, string? field = null) : MessageException(text, field);

/// <summary>
/// The national 24/365 call centre console (DOMAIN §8.3): the caller is checked against the four
/// information a card carries, and the card and its certificates are suspended at once — the OCSP
/// responder reads the new status from the store on its next request.
/// </summary>
public sealed class CallCentre(NationalStore stores, CardChipStore chips, CertificateIssuance issuance, CertificateStatusService status, AuditLog audit,
    TimeProvider time)
{
    /// <summary>Candidates read for a "which item differs" answer at most: the answer is a courtesy, not a search.</summary>
    private const int NearLimit = 200;

    public async Task<IReadOnlyList<CallCentreCase>> SuspendAsync(LossReport report, string operatorName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(report.Name) || string.IsNullOrWhiteSpace(report.Address) || report.Sex is < 1 or > 3)
        {
            var field = string.IsNullOrWhiteSpace(report.Name) ? "name" : string.IsNullOrWhiteSpace(report.Address) ? "address" : "sex";
            throw new CallCentreException(CallCentreMessages.FourInformation, field);
        }
        if (string.IsNullOrWhiteSpace(report.Caller))
        {
            throw new CallCentreException(CallCentreMessages.Caller, "caller");
        }
        await using var db = stores.OpenNational();
        var matching = await MatchAsync(db, report, ct);
        var cases = new List<CallCentreCase>();
        foreach (var card in matching)
        {
            cases.Add(card.SuspensionReference is { } open
                ? await db.CallCentreCases.AsNoTracking().FirstAsync(c => c.Reference == open, ct)
                : await SuspendCardAsync(db, card.Serial, report, operatorName, ct));
        }
        return cases;
    }

    /// <summary>
    /// The cards the four information name (§8.3), compared as <see cref="FourInformationMatch"/> writes them. The name and
    /// birth date find the cards through the keyed identity hash — once for every way of writing the name with its 異体字,
    /// since a hash cannot fold — and the chip's own four information decides. When nothing matches, the answer names the
    /// item to ask again; it is chosen from what the cards hold but never quotes it.
    /// </summary>
    private async Task<List<ProducedCard>> MatchAsync(NationalDb db, LossReport report, CancellationToken ct)
    {
        var spellings = NameVariants.Spellings(Comparable(report.Name));
        var candidates = new List<ProducedCard>();
        foreach (var hash in spellings.Select(n => issuance.IdentityHash(n, report.BirthDate)))
        {
            // One indexed lookup per spelling (usually one to four): a list of byte strings does not translate alike on both providers.
            candidates.AddRange(await Live(db).Where(c => c.IdentityHash == hash).ToListAsync(ct));
        }
        if (candidates.Count == 0)
        {
            var (message, field) = await NearestDifferenceAsync(db, report, spellings, ct);
            throw new CallCentreException(message, field);
        }
        var compared = new List<(ProducedCard Card, bool Sex, AddressAgreement Address, string OnCard)>();
        foreach (var card in candidates)
        {
            var (_, address, _, sex) = await FourInformationAsync(db, card.Serial, ct);
            compared.Add((card, sex == report.Sex, FourInformationMatch.Address(report.Address, address), address));
        }
        var same = compared.Where(c => c.Sex && c.Address == AddressAgreement.Same).Select(c => c.Card).ToList();
        if (same.Count > 0)
        {
            return same;
        }
        // The building may be left out when the rest names one address: the same person's card(s), not a neighbour's.
        var withoutBuilding = compared.Where(c => c.Sex && c.Address == AddressAgreement.SameWithoutBuilding).ToList();
        if (withoutBuilding.Select(c => Comparable(c.OnCard)).Distinct().Count() > 1)
        {
            throw new CallCentreException(CallCentreMessages.Building, "address");
        }
        if (withoutBuilding.Count > 0)
        {
            return [.. withoutBuilding.Select(c => c.Card)];
        }
        throw compared.Any(c => c.Address != AddressAgreement.Differs)
            ? new CallCentreException(CallCentreMessages.Sex, "sex")
            : compared.Any(c => c.Sex)
                ? new CallCentreException(CallCentreMessages.Address, "address")
                : new CallCentreException(CallCentreMessages.SexAndAddress, "sex");
    }

    /// <summary>
    /// No card has this name and birth date: a card with the name (any birth date) means the birth date was misheard; a card
    /// with the birth date, sex and address means the name was; otherwise nothing is near. Read from the production requests
    /// and confirmed on the chip, whose four information are the card's current ones (an endorsement changes them).
    /// </summary>
    private async Task<(Message Message, string Field)> NearestDifferenceAsync(NationalDb db, LossReport report, IReadOnlyList<string> spellings, CancellationToken ct)
    {
        var byName = await Live(db)
            .Join(db.ProductionRequests, c => c.RequestId, r => r.Id, (c, r) => new { c.Serial, Name = r.FamilyName + r.GivenName })
            .Where(x => spellings.Contains(x.Name)).Select(x => x.Serial).Take(NearLimit).ToListAsync(ct);
        foreach (var serial in byName)
        {
            if (FourInformationMatch.SameName(report.Name, (await FourInformationAsync(db, serial, ct)).Name))
            {
                return (CallCentreMessages.BirthDate, "birthDate");
            }
        }
        var byBirth = await Live(db)
            .Join(db.ProductionRequests, c => c.RequestId, r => r.Id, (c, r) => new { c.Serial, r.BirthDate, r.Sex, r.Address })
            .Where(x => x.BirthDate == report.BirthDate && x.Sex == report.Sex).Take(NearLimit).ToListAsync(ct);
        foreach (var near in byBirth.Where(x => FourInformationMatch.Address(report.Address, x.Address) != AddressAgreement.Differs))
        {
            var onCard = await FourInformationAsync(db, near.Serial, ct);
            if (onCard.Sex == report.Sex && FourInformationMatch.Address(report.Address, onCard.Address) != AddressAgreement.Differs)
            {
                return (CallCentreMessages.Name, "name");
            }
        }
        return (CallCentreMessages.NoMatch, "name");
    }

    /// <summary>Cards a loss can be reported for: made or on their way to the holder.</summary>
    private static IQueryable<ProducedCard> Live(NationalDb db) =>
        db.ProducedCards.AsNoTracking().Where(c => c.State == ProducedCardState.Listed || c.State == ProducedCardState.Made);

    private async Task<(string Name, string Address, DateOnly BirthDate, int Sex)> FourInformationAsync(NationalDb db, string serial, CancellationToken ct)
    {
        var chip = await chips.LoadAsync(db, serial, ct);
        return ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
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

    /// <summary>
    /// The name as the identity hash takes it: spaces and full-/half-width differences do not count. 異体字 are not folded
    /// here (the stored hashes were made without folding); the lookup tries each of the name's spellings instead.
    /// </summary>
    internal static string Comparable(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string NewReference(DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"S{Core.Calendar.JapanClock.ToJapan(now):yyMMdd}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");
}
