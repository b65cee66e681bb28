using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Data.Audit;
using Myna.Data.Notices;

namespace Myna.Data.Residents;

/// <summary>What a clerk can search by (all optional, combined with AND).</summary>
public sealed record ResidentSearchCriteria(string? Name = null, string? BirthDate = null, string? Address = null, string? Identifier = null,
    int Page = 1, int PageSize = 20);

public sealed record ResidentSummary(long Id, string ResidentCode, string FullName, string FullNameKana, DateOnly BirthDate, Sex Sex,
    string Address, ResidentStatus Status, string? NumberLast4, bool AddressProtected = false)
{
    /// <summary>DOMAIN §1.3: masked unless shown with a purpose.</summary>
    public string MaskedNumber => NumberLast4 is null ? "" : "********" + NumberLast4;
}

public sealed record ResidentSearchResult(IReadOnlyList<ResidentSummary> Items, int Total, int Page, int PageSize);

/// <summary>A search input that could not be understood, with the field it belongs to.</summary>
public sealed class SearchInputException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}

/// <summary>A resident's page: the register entry, household, history, numbers and residence registrations (§3.2, newest first).</summary>
public sealed record ResidentDetails(Resident Resident, string HouseholdCode, IReadOnlyList<ResidentSummary> Household,
    IReadOnlyList<ResidentEvent> Events, IReadOnlyList<ResidentNumber> Numbers, IReadOnlyList<ResidenceRegistration> Residences);

/// <summary>Who is reading: the audit name and whether the role may see protected addresses (DOMAIN §9).</summary>
public sealed record Reader(string Actor, bool MaySeeProtected);

/// <summary>Reads of the register for the staff UI and the API (DOMAIN §2, §12).</summary>
public sealed class ResidentQueries(NumberProtector protector, AuditLog audit, PurposeCatalog purposes)
{
    public const int MaxPageSize = Core.Text.Paging.MaxPageSize;

    public async Task<ResidentSearchResult> SearchAsync(MunicipalDb db, ResidentSearchCriteria c, Reader reader, CancellationToken ct = default)
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
            var address = ResidentSearch.NormalizeName(c.Address);
            query = query.Where(r => (r.Prefecture + r.City + r.Town + r.Block).Contains(address)
                || (r.City + r.Town + r.Block).Contains(address));
            if (!reader.MaySeeProtected)
            {
                // §9: a match on a protected address would itself tell where the person lives.
                query = query.Where(r => !r.AddressProtected);
            }
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
                    throw new SearchInputException("identifier", problem.Message);
                }
                var hash = protector.LookupHash(number);
                query = query.Where(r => db.ResidentNumbers.Any(n => n.ResidentId == r.Id && n.LookupHash == hash));
                await audit.AppendAsync(db, actor, AuditActions.ResidentSearchedByNumber, "residents", detail: "search by individual number", ct: ct);
            }
            else if (digits.Length == 11)
            {
                if (!ResidentCode.TryParse(digits, out var code, out var problem))
                {
                    throw new SearchInputException("identifier", problem.Message);
                }
                query = query.Where(r => r.ResidentCode == code.Value);
            }
            else
            {
                throw new SearchInputException("identifier", "enter an 11-digit resident code or a 12-digit individual number");
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
                r.Prefecture, r.City, r.Town, r.Block, r.Building, r.Status, r.AddressProtected,
                Last4 = db.ResidentNumbers.Where(n => n.ResidentId == r.Id && n.IsCurrent).Select(n => n.Last4).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new ResidentSummary(r.Id, r.ResidentCode, r.FamilyName + "\u3000" + r.GivenName,
            r.FamilyNameKana + "\u3000" + r.GivenNameKana, r.BirthDate, r.Sex,
            r.AddressProtected && !reader.MaySeeProtected
                ? AddressProtection.Hidden
                : string.Concat(r.Prefecture, r.City, r.Town, r.Block, r.Building is null ? "" : " " + r.Building),
            r.Status, r.Last4, r.AddressProtected)).ToList();
        var withheld = items.Where(i => i.AddressProtected && !reader.MaySeeProtected).Select(i => i.Id).ToList();
        if (withheld.Count > 0)
        {
            await RecordWithheldAsync(db, actor, withheld, "search", ct);
        }
        return new ResidentSearchResult(items, total, page, pageSize);
    }

    /// <summary>§9: every attempt to obtain a protected address is logged for the officer.</summary>
    private Task<long> RecordWithheldAsync(MunicipalDb db, string actor, IEnumerable<long> residentIds, string where, CancellationToken ct) =>
        audit.ProtectedAddressWithheldAsync(db, actor, residentIds, where, ct);

    public async Task<ResidentDetails?> GetAsync(MunicipalDb db, long id, Reader reader, CancellationToken ct = default)
    {
        var resident = await db.Residents.AsNoTracking().Include(r => r.Household).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resident is null)
        {
            return null;
        }
        var residences = await ResidenceRegistry.HistoryAsync(db, id, ct);
        var events = await db.ResidentEvents.AsNoTracking().Where(e => e.ResidentId == id).OrderBy(e => e.Id).ToListAsync(ct);
        if (resident.AddressProtected && !reader.MaySeeProtected)
        {
            AddressProtection.Redact(resident);
            foreach (var g in residences)
            {
                (g.PostalCode, g.Address, g.ProxyPostalCode, g.ProxyAddress) = (null, AddressProtection.Hidden, null, g.ProxyAddress is null ? null : AddressProtection.Hidden);
            }
            foreach (var e in events)
            {
                e.Snapshot = ""; // the snapshots hold past addresses
            }
            await RecordWithheldAsync(db, reader.Actor, [id], "resident page", ct);
        }
        var household = await db.Residents.AsNoTracking()
            .Where(r => r.HouseholdId == resident.HouseholdId)
            .OrderBy(r => r.Id)
            .Select(r => new ResidentSummary(r.Id, r.ResidentCode, r.FamilyName + "\u3000" + r.GivenName, r.FamilyNameKana + "\u3000" + r.GivenNameKana,
                r.BirthDate, r.Sex, "", r.Status, null))
            .ToListAsync(ct);
        var numbers = await db.ResidentNumbers.AsNoTracking().Where(n => n.ResidentId == id).OrderBy(n => n.Id).ToListAsync(ct);
        return new ResidentDetails(resident, resident.Household!.HouseholdCode, household, events, numbers, residences);
    }

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
