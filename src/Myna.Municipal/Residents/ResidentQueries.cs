using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Municipal.Notices;
using Myna.Municipal.SupportMeasures;
using Myna.Storage.Audit;

namespace Myna.Municipal.Residents;

/// <summary>What a clerk can search by (all optional, combined with AND).</summary>
public sealed record ResidentSearchCriteria(string? Name = null, string? BirthDate = null, string? Address = null, string? Identifier = null,
    int Page = 1, int PageSize = 20, string? Household = null);

public sealed record ResidentSummary(long Id, string ResidentCode, string FullName, string FullNameKana, DateOnly BirthDate, Sex Sex,
    string Address, ResidentStatus Status, string? NumberLast4, bool AddressWithheld = false, string Relationship = "")
{
    /// <summary>DOMAIN §1.3: masked unless shown with a purpose.</summary>
    public string MaskedNumber => NumberLast4 is null ? "" : "********" + NumberLast4;
}

public sealed record ResidentSearchResult(IReadOnlyList<ResidentSummary> Items, int Total, int Page, int PageSize);

/// <summary>A search input that could not be understood, with the field it belongs to.</summary>
public sealed class SearchInputException(string field, string message) : ArgumentException(message), Core.Text.Messages.IMessageCarrier
{
    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public SearchInputException(string field, Core.Text.Messages.Message text) : this(field, text.En) => Text = text;

    public string Field { get; } = field;

    public Core.Text.Messages.Message? Text { get; }
}

/// <summary>
/// A resident's page: the register entry, household (each member's address as the rule of §9 lets the reader see it), history,
/// numbers and residence registrations (§3.2, newest first). <see cref="AddressWithheld"/>: the rule withholds this person's address
/// (shown to every reader, so a department knows); <see cref="Covered"/>: a measure in force names this person.
/// </summary>
public sealed record ResidentDetails(Resident Resident, string HouseholdCode, IReadOnlyList<ResidentSummary> Household,
    IReadOnlyList<ResidentEvent> Events, IReadOnlyList<ResidentNumber> Numbers, IReadOnlyList<ResidenceRegistration> Residences,
    bool AddressWithheld = false, bool Covered = false);

/// <summary>Who is reading: the audit name and whether the role may see protected addresses (DOMAIN §9).</summary>
public sealed record Reader(string Actor, bool MaySeeProtected);

/// <summary>
/// Reads of the register for the staff UI and the API (DOMAIN §2, §12). Every address goes through the one rule of §9
/// (<see cref="AddressRule"/>): a withheld address reaches only the support-measure officer, the flag reaches everyone,
/// and each withheld read is logged with <c>where</c> — the path it was asked on.
/// </summary>
public sealed class ResidentQueries(NumberProtector protector, AuditLog audit, PurposeCatalog purposes, TimeProvider time)
{
    public const int MaxPageSize = Core.Text.Paging.MaxPageSize;

    private readonly AddressRule rule = new(audit, time);

    public async Task<ResidentSearchResult> SearchAsync(MunicipalDb db, ResidentSearchCriteria c, Reader reader, CancellationToken ct = default) =>
        await SearchAsync(db, c, reader, "resident search", ct);

    public async Task<ResidentSearchResult> SearchAsync(MunicipalDb db, ResidentSearchCriteria c, Reader reader, string where, CancellationToken ct = default)
    {
        var actor = reader.Actor;
        var query = db.Residents.AsNoTracking();
        var any = false;
        if (!string.IsNullOrWhiteSpace(c.Name))
        {
            any = true;
            var kana = ResidentSearch.NormalizeKana(c.Name);
            if (ResidentSearch.IsKana(kana))
            {
                query = query.Where(r => r.SearchKana.Contains(kana));
            }
            else
            {
                var name = ResidentSearch.NormalizeName(c.Name);
                query = query.Where(r => r.SearchName.Contains(name));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.BirthDate))
        {
            any = true;
            if (!JapaneseDate.TryParse(c.BirthDate, out var birth, out var error))
            {
                throw new SearchInputException("birthDate", error);
            }
            query = query.Where(r => r.BirthDate == birth);
        }
        if (!string.IsNullOrWhiteSpace(c.Address))
        {
            any = true;
            var address = ResidentSearch.NormalizeAddress(c.Address);
            query = query.Where(r => (r.Prefecture + r.City + r.Town + r.Block).Contains(address)
                || (r.City + r.Town + r.Block).Contains(address));
            if (!reader.MaySeeProtected)
            {
                // §9: a match on a withheld address would itself tell where the person lives — the covered, their household,
                // their dwelling. Excluded in the query, so the count and the pages never reveal them either.
                query = query.Where(rule.IsNotWithheld(db));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.Household))
        {
            any = true;
            var household = c.Household.Trim();
            query = query.Where(r => r.Household!.HouseholdCode == household);
        }
        if (!string.IsNullOrWhiteSpace(c.Identifier))
        {
            any = true;
            var digits = IdentifierInput.Normalize(c.Identifier);
            if (digits.Length == 12)
            {
                // DOMAIN §12: found through the keyed hash; the number itself is never queried or logged.
                if (!IndividualNumber.TryParse(digits, out var number, out var problem))
                {
                    throw new SearchInputException("identifier", problem.Text);
                }
                var hash = protector.LookupHash(number);
                query = query.Where(r => db.ResidentNumbers.Any(n => n.ResidentId == r.Id && n.LookupHash == hash));
                await audit.AppendAsync(db, actor, AuditActions.ResidentSearchedByNumber, "residents", detail: "search by individual number", ct: ct);
            }
            else if (digits.Length == 11)
            {
                if (!ResidentCode.TryParse(digits, out var code, out var problem))
                {
                    throw new SearchInputException("identifier", problem.Text);
                }
                query = query.Where(r => r.ResidentCode == code.Value);
            }
            else
            {
                throw new SearchInputException("identifier", Core.Identifiers.IdentifierMessages.CodeOrNumber);
            }
        }
        // A page far past the end would overflow the offset: refused with the field, like any other bad condition.
        if (Core.Text.Paging.Check(c.Page, c.PageSize) is { } paging)
        {
            throw new SearchInputException(paging.Field, paging.Message);
        }
        var (page, pageSize) = (c.Page, c.PageSize);
        if (!any)
        {
            return new ResidentSearchResult([], 0, page, pageSize);
        }
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(r => r.SearchKana).ThenBy(r => r.BirthDate).ThenBy(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.ResidentCode, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana, r.BirthDate, r.Sex,
                r.Prefecture, r.City, r.Town, r.Block, r.Building, r.Status,
                Last4 = db.ResidentNumbers.Where(n => n.ResidentId == r.Id && n.IsCurrent).Select(n => n.Last4).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // The page's rows only: the rule is asked for the twenty people shown, not for every match.
        var withheld = await rule.WithheldAmongAsync(db, rows.Select(r => r.Id), ct);
        var items = rows.Select(r => new ResidentSummary(r.Id, r.ResidentCode, r.FamilyName + "\u3000" + r.GivenName,
            r.FamilyNameKana + "\u3000" + r.GivenNameKana, r.BirthDate, r.Sex,
            withheld.Contains(r.Id) && !reader.MaySeeProtected
                ? AddressProtection.Hidden
                : RegisterAddress.Join(r.Prefecture, r.City, r.Town, r.Block, r.Building),
            r.Status, r.Last4, withheld.Contains(r.Id))).ToList();
        var hidden = reader.MaySeeProtected ? [] : items.Where(i => i.AddressWithheld).Select(i => i.Id).ToList();
        if (hidden.Count > 0)
        {
            // §9: every attempt to obtain a withheld address is logged for the officer.
            await audit.ProtectedAddressWithheldAsync(db, actor, hidden, where, ct);
        }
        return new ResidentSearchResult(items, total, page, pageSize);
    }

    public Task<ResidentDetails?> GetAsync(MunicipalDb db, long id, Reader reader, CancellationToken ct = default) =>
        GetAsync(db, id, reader, "resident page", ct);

    /// <summary>
    /// The resident with household, history, numbers and residences. Where the rule withholds the address of the resident or of a
    /// household member from this reader, every address of theirs is replaced by the placeholder (the register entry, residences,
    /// the events' snapshots and free-text notes) and the read is logged with <paramref name="where"/>.
    /// </summary>
    public async Task<ResidentDetails?> GetAsync(MunicipalDb db, long id, Reader reader, string where, CancellationToken ct = default)
    {
        var resident = await db.Residents.AsNoTracking().Include(r => r.Household).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resident is null)
        {
            return null;
        }
        var residences = await ResidenceRegistry.HistoryAsync(db, id, ct);
        var events = await db.ResidentEvents.AsNoTracking().Where(e => e.ResidentId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var members = await db.Residents.AsNoTracking()
            .Where(r => r.HouseholdId == resident.HouseholdId)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var withheld = await rule.WithheldAmongAsync(db, members.Select(m => m.Id).Append(id), ct);
        var hidden = reader.MaySeeProtected ? [] : withheld;
        if (hidden.Count > 0)
        {
            // One record per read, naming everyone whose address this page would have shown (§9).
            await audit.ProtectedAddressWithheldAsync(db, reader.Actor, hidden.Order(), where, ct);
        }
        if (hidden.Contains(id))
        {
            AddressProtection.Redact(resident);
            foreach (var g in residences)
            {
                (g.PostalCode, g.Address, g.ProxyPostalCode, g.ProxyAddress) = (null, AddressProtection.Hidden, null, g.ProxyAddress is null ? null : AddressProtection.Hidden);
            }
            foreach (var e in events)
            {
                e.Snapshot = ""; // the snapshots hold past addresses
                e.Note = WithoutFreeText(e.Note); // what changed stays; a clerk's free text may name a place
            }
        }
        var household = members.Select(r => new ResidentSummary(r.Id, r.ResidentCode, r.FullName, r.FullNameKana, r.BirthDate, r.Sex,
            hidden.Contains(r.Id) ? AddressProtection.Hidden : r.Address, r.Status, null, withheld.Contains(r.Id), r.Relationship)).ToList();
        var covered = await AddressRule.CoveredCodes(db, rule.Today).AnyAsync(code => code == resident.ResidentCode, ct);
        var numbers = await db.ResidentNumbers.AsNoTracking().Where(n => n.ResidentId == id).OrderBy(n => n.Id).ToListAsync(ct);
        return new ResidentDetails(resident, resident.Household!.HouseholdCode, household, events, numbers, residences, withheld.Contains(id), covered);
    }

    /// <summary>An event note without its free-text part (after " — "): the list of changed fields is kept.</summary>
    public static string? WithoutFreeText(string? note) =>
        note is null ? null : note.Split(" — ", 2) is [var fields, _] ? fields + " — " + AddressProtection.Hidden : note;

    /// <summary>
    /// Shows a resident's current number in full (DOMAIN §12): only for a registered purpose,
    /// and the audit record (who, when, whose number, which purpose) is committed before the
    /// number is returned.
    /// </summary>
    public async Task<IndividualNumber> RevealAsync(MunicipalDb db, long residentId, string? purposeCode, string actor, CancellationToken ct = default)
    {
        var purpose = purposes.Require(purposeCode);
        var current = await db.ResidentNumbers.AsNoTracking().FirstOrDefaultAsync(n => n.ResidentId == residentId && n.IsCurrent, ct)
            ?? throw new InvalidOperationException("this resident has no individual number yet");
        var number = protector.Unprotect(current.Cipher, residentId);
        await audit.AppendAsync(db, actor, AuditActions.NumberRevealed,
            string.Create(CultureInfo.InvariantCulture, $"resident:{residentId}"), purpose.Code, ct: ct);
        return number;
    }
}
