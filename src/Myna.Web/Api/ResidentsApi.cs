using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;

using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>
/// A person in a list. <c>addressWithheld</c> (DOMAIN §9): the support-measure rule withholds this address — true for every reader, so
/// a department that reads the answer knows; the address is then <c>（支援措置により非表示）</c> for all but the support-measure officer.
/// </summary>
public sealed record ResidentListItem(long Id, string ResidentCode, string Name, string NameKana, DateOnly BirthDate, string BirthDateJapanese,
    int Sex, string Address, string Status, string? IndividualNumberMasked, bool AddressWithheld);

/// <summary>A member of the resident's household (世帯), with the address as the rule of §9 lets the reader see it.</summary>
public sealed record HouseholdMemberDto(long Id, string ResidentCode, string Name, string Relationship, string Address, string Status, bool AddressWithheld);

public sealed record ResidentPage(IReadOnlyList<ResidentListItem> Items, int Total, int Page, int PageSize);

/// <summary>A register event: <c>note</c> is the changed fields and the words, in English; <c>noteMessage</c> when the system wrote the words.</summary>
public sealed record ResidentEventDto(string Type, DateOnly EffectiveDate, DateOnly NotificationDate, DateTimeOffset RecordedAt, string RecordedBy, string? Note,
    MessageJson? NoteMessage);

public sealed record NumberHistoryDto(string Masked, bool Current, DateTimeOffset AssignedAt, DateTimeOffset? RetiredAt, string? RetiredReason);

public sealed record ResidentDto(long Id, string ResidentCode, string HouseholdCode, string Relationship,
    string FamilyName, string GivenName, string FamilyNameKana, string GivenNameKana, string? FormerSurname, string? Alias,
    DateOnly BirthDate, string BirthDateJapanese, int Sex, string? PostalCode, string Prefecture, string City, string Town, string Block,
    string? Building, string? NameAltFlags, string? NameSubstitute, string Status, DateOnly RegisteredOn, string? IndividualNumberMasked,
    bool AddressWithheld, bool SupportMeasureCovered, bool AdultWard, IReadOnlyList<ResidentEventDto> History, IReadOnlyList<NumberHistoryDto> Numbers,
    IReadOnlyList<ResidenceDto> Residences, IReadOnlyList<HouseholdMemberDto> Household,
    string? ResidenceStatus = null, DateOnly? StayUntil = null, string? FamilyRegisterPlace = null, string? FamilyRegisterMunicipality = null);

/// <summary>A residence registration (DOMAIN §3.2) as the API shows it.</summary>
public sealed record ResidenceDto(long Id, string Reason, string? ReasonDetail, string Delivery, string? PostalCode, string Address,
    string? ProxyName, string? ProxyPostalCode, string? ProxyAddress, bool ConsentToShare, DateOnly ReceivedOn, DateTimeOffset RecordedAt,
    string RecordedBy, bool Current, DateTimeOffset? EndedAt, string? EndedReason, long? SupersededById)
{
    public static ResidenceDto From(Myna.Core.Notices.ResidenceRegistration g) => new(g.Id, g.Reason.ToString(), g.ReasonDetail, g.Delivery.ToString(),
        g.PostalCode, g.Address, g.ProxyName, g.ProxyPostalCode, g.ProxyAddress, g.ConsentToShare, g.ReceivedOn, g.RecordedAt, g.RecordedBy,
        g.IsCurrent, g.EndedAt, g.EndedReason, g.SupersededById);
}

public sealed record RevealRequest(string Purpose);

/// <summary>
/// A 異動 to record; dates accept ISO or era forms (令和8年4月1日, R8.4.1). <c>residenceStatus</c> (在留資格, the official Japanese
/// name) and <c>stayUntil</c> (the period of stay's last day) change with <c>ResidenceStatusChange</c> or <c>Correction</c>; an
/// empty text clears them (DOMAIN §8.1, §8.6). <c>familyRegisterPlace</c> (本籍, as written) and <c>familyRegisterMunicipality</c>
/// (its municipality code) change with <c>Correction</c> (a 転籍 or a first record); an empty text clears them (§8.6, §9).
/// </summary>
public sealed record ResidentEventRequest(string Type, string EffectiveDate, string? NotificationDate,
    string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana,
    string? PostalCode, string? Town, string? Block, string? Building, string? Note, string? Destination = null, string? DestinationAddress = null,
    string? ResidenceStatus = null, string? StayUntil = null, string? FamilyRegisterPlace = null, string? FamilyRegisterMunicipality = null);

public sealed record RevealedNumber(string IndividualNumber, string Purpose);

/// <summary>/api/v1/residents: search and read the register (DOMAIN §2); numbers masked unless revealed with a purpose (§12).</summary>
public static class ResidentsApi
{
    public static void MapResidentsApi(this RouteGroupBuilder api)
    {
        var residents = api.MapGroup("/residents").WithTags("residents").RequirePermission(Permission.ResidentsRead);

        residents.MapGet("/", async Task<Results<Ok<ResidentPage>, ProblemHttpResult>> (string? name, string? birthDate, string? address,
            string? household, int? page, int? pageSize, ResidentServices services, MunicipalScope scope, CancellationToken ct) =>
        {
            try
            {
                // The individual number is not a query parameter: numbers never go into URLs (DOMAIN §12). Use POST /residents/search.
                var result = await services.Queries.SearchAsync(scope.Db,
                    new ResidentSearchCriteria(name, birthDate, address, null, page ?? 1, pageSize ?? 20, household), scope.Reader, "GET /api/v1/residents", ct);
                return TypedResults.Ok(ToPage(result));
            }
            catch (SearchInputException e)
            {
                return ApiProblems.Refused(400, "invalid-search", "A search condition could not be read", e.Text, e.Message, e.Field);
            }
        }).WithName("SearchResidents").WithSummary("Search residents by name (kanji or kana), birth date (era or Gregorian), address and household code; a withheld address (§9) is never matched");

        residents.MapPost("/search", async Task<Results<Ok<ResidentPage>, ProblemHttpResult>> (ResidentSearchCriteria criteria,
            ResidentServices services, MunicipalScope scope, CancellationToken ct) =>
        {
            try
            {
                var result = await services.Queries.SearchAsync(scope.Db, criteria, scope.Reader, "POST /api/v1/residents/search", ct);
                return TypedResults.Ok(ToPage(result));
            }
            catch (SearchInputException e)
            {
                return ApiProblems.Refused(400, "invalid-search", "A search condition could not be read", e.Text, e.Message, e.Field);
            }
        }).WithName("SearchResidentsByBody")
          .WithSummary("Search with every condition, including a resident code or an individual number (kept out of the URL)");

        residents.MapGet("/{id:long}", async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> (long id, ResidentServices services, MunicipalScope scope,
            CancellationToken ct) =>
        {
            var details = await services.Queries.GetAsync(scope.Db, id, scope.Reader, "GET /api/v1/residents/{id}", ct);
            return details is null
                ? ApiProblems.Problem(404, "resident-not-found", "No resident with this id")
                : TypedResults.Ok(ToDto(details));
        }).WithName("GetResident").WithSummary("A resident with household, history and masked number");

        residents.MapPost("/{id:long}/number/reveal", async Task<Results<Ok<RevealedNumber>, ProblemHttpResult>> (long id, RevealRequest request,
            ResidentServices services, MunicipalScope scope, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                var number = await services.Queries.RevealAsync(scope.Db, id, request.Purpose, scope.Actor, ct);
                return TypedResults.Ok(new RevealedNumber(number.Value, request.Purpose));
            }
            catch (ArgumentException e)
            {
                return ApiProblems.Problem(400, "unregistered-purpose", "A registered purpose is required", e.Message, "purpose");
            }
            catch (InvalidOperationException e)
            {
                return ApiProblems.Problem(404, "no-number", "Nothing to show", e.Message);
            }
        }).RequirePermission(Permission.NumberReveal).WithName("RevealNumber").WithSummary("The full individual number, for a registered purpose; audited");

        residents.MapPost("/{id:long}/events", async Task<Results<Created<ResidentEventDto>, ProblemHttpResult>> (long id, ResidentEventRequest request,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ResidentEventType>(request.Type, ignoreCase: false, out var type) || !ResidentRegister.RecordableTypes.Contains(type))
            {
                return ApiProblems.Problem(400, "invalid-event", "Unknown event type",
                    $"type must be one of: {string.Join(", ", ResidentRegister.RecordableTypes)}", "type");
            }
            if (!JapaneseDate.TryParse(request.EffectiveDate, out var effective, out var effectiveError))
            {
                return ApiProblems.Refused(400, "invalid-event", "The effective date could not be read", effectiveError, "effectiveDate");
            }
            var notified = JapanClock.Today(runtime.Time);
            if (request.NotificationDate is { Length: > 0 } n && !JapaneseDate.TryParse(n, out notified, out var notifiedError))
            {
                return ApiProblems.Refused(400, "invalid-event", "The notification date could not be read", notifiedError, "notificationDate");
            }
            try
            {
                var e = await runtime.ResidentRegister(scope.Code).RecordAsync(scope.Db, id, new ResidentChange(type, effective, notified,
                    request.FamilyName, request.GivenName, request.FamilyNameKana, request.GivenNameKana,
                    request.PostalCode, request.Town, request.Block, request.Building, request.Note, request.Destination, request.DestinationAddress,
                    ResidenceStatus: request.ResidenceStatus, StayUntil: request.StayUntil,
                    FamilyRegisterPlace: request.FamilyRegisterPlace, FamilyRegisterMunicipality: request.FamilyRegisterMunicipality), scope.Actor, ct);
                return TypedResults.Created($"/api/v1/residents/{id}",
                    new ResidentEventDto(e.Type.ToString(), e.EffectiveDate, e.NotificationDate, e.RecordedAt, e.RecordedBy, StoredMessage.English(e.Note), StoredMessage.Json(e.Note)));
            }
            catch (RegisterRuleException e)
            {
                return ApiProblems.Refused(e.Field == "id" ? 404 : 422, e.Field == "id" ? "resident-not-found" : "register-rule", "The event breaks a register rule", e.Text, e.Message, e.Field);
            }
        }).RequirePermission(Permission.ResidentsRecord).WithName("RecordResidentEvent").WithSummary("Record a move within the municipality, a name change, a move-out, a death, an ex-officio deletion, a change of the status of residence or period of stay, or a correction");
    }

    private static ResidentPage ToPage(ResidentSearchResult r) => new(
        r.Items.Select(i => new ResidentListItem(i.Id, i.ResidentCode, i.FullName, i.FullNameKana, i.BirthDate, JapaneseDate.Format(i.BirthDate),
            (int)i.Sex, i.Address, ResidentCsv.StatusName(i.Status), i.NumberLast4 is null ? null : i.MaskedNumber, i.AddressWithheld)).ToList(),
        r.Total, r.Page, r.PageSize);

    private static ResidentDto ToDto(ResidentDetails d)
    {
        var r = d.Resident;
        var current = d.Numbers.FirstOrDefault(n => n.IsCurrent);
        return new ResidentDto(r.Id, r.ResidentCode, d.HouseholdCode, r.Relationship, r.FamilyName, r.GivenName, r.FamilyNameKana,
            r.GivenNameKana, r.FormerSurname, r.Alias, r.BirthDate, JapaneseDate.Format(r.BirthDate), (int)r.Sex, r.PostalCode,
            r.Prefecture, r.City, r.Town, r.Block, r.Building, r.NameAltFlags, r.NameSubstitute, ResidentCsv.StatusName(r.Status),
            r.RegisteredOn, current is null ? null : "********" + current.Last4, d.AddressWithheld, d.Covered, r.AdultWard,
            d.Events.Select(e => new ResidentEventDto(e.Type.ToString(), e.EffectiveDate, e.NotificationDate, e.RecordedAt, e.RecordedBy, StoredMessage.English(e.Note), StoredMessage.Json(e.Note))).ToList(),
            d.Numbers.Select(n => new NumberHistoryDto("********" + n.Last4, n.IsCurrent, n.AssignedAt, n.RetiredAt, n.RetiredReason)).ToList(),
            d.Residences.Select(ResidenceDto.From).ToList(),
            d.Household.Select(m => new HouseholdMemberDto(m.Id, m.ResidentCode, m.FullName, m.Relationship, m.Address, ResidentCsv.StatusName(m.Status),
                m.AddressWithheld)).ToList(), r.ResidenceStatus, r.StayUntil, r.FamilyRegisterPlace, r.FamilyRegisterMunicipality);
    }
}
