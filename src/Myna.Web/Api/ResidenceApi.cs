using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Notices;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;

using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>
/// A residence registration (DOMAIN §3.2). <c>reason</c>: DisasterEvacuee, AbuseVictim, HospitalOrFacility, Other;
/// <c>delivery</c>: Residence, Proxy, HeldAtOffice (AbuseVictim and HospitalOrFacility only). <c>receivedOn</c> accepts ISO or era dates, default today.
/// </summary>
public sealed record ResidenceRequest(string Reason, string? ReasonDetail, string Delivery, string? PostalCode, string Address,
    string? ProxyName, string? ProxyPostalCode, string? ProxyAddress, bool ProxyAuthorityChecked, bool IdDocumentChecked,
    bool DeliveryProofChecked, bool ConsentToShare, string? ReceivedOn);

public sealed record EndRequest(string Reason);

/// <summary>成年被後見人 recorded or cleared (DOMAIN §4.4), with its evidence.</summary>
public sealed record AdultWardRequest(bool AdultWard, string Evidence);

/// <summary>
/// /api/v1/residents/{id}/residences and /adult-ward (DOMAIN §3.2, §4.4). A support measure (§9) is not a flag on the resident:
/// the officer records it at /support-measures, and the address rule follows from it.
/// </summary>
public static class ResidenceApi
{
    public static void MapResidenceApi(this RouteGroupBuilder api)
    {
        var residents = api.MapGroup("/residents/{id:long}").WithTags("residences").RequirePermission(Permission.ResidentsRead);

        residents.MapPost("/residences", async Task<Results<Created<ResidenceDto>, ProblemHttpResult>> (long id, ResidenceRequest request,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            var (registration, problems) = ResidenceForm.Build(id, request.Reason, request.ReasonDetail, request.Delivery, request.PostalCode,
                request.Address, request.ProxyName, request.ProxyPostalCode, request.ProxyAddress, request.ProxyAuthorityChecked,
                request.IdDocumentChecked, request.DeliveryProofChecked, request.ConsentToShare, request.ReceivedOn, JapanClock.Today(runtime.Time));
            if (registration is null)
            {
                return ApiProblems.Rules("residence-rule", "The residence registration could not be read", problems);
            }
            try
            {
                var stored = await runtime.ResidenceRegistry(scope.Code).RegisterAsync(scope.Db, registration, runtime.ResidenceWindow(scope.Code), scope.Actor, ct);
                return TypedResults.Created($"/api/v1/residents/{id}", ResidenceDto.From(stored));
            }
            catch (RegisterRuleException)
            {
                return ApiProblems.Problem(404, "resident-not-found", "No resident with this id");
            }
            catch (ResidenceRulesException e)
            {
                return ApiProblems.Rules("residence-rule", "The registration breaks a rule of §3.2", e.Problems.Select(p => (p.Field, p.Text)));
            }
        }).RequirePermission(Permission.ResidentsRecord).WithName("RegisterResidence").WithSummary("Register (or re-register) where the notification is delivered: residence, proxy, or held at the office");

        residents.MapPost("/residences/end", async Task<Results<NoContent, ProblemHttpResult>> (long id, EndRequest request,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                await runtime.ResidenceRegistry(scope.Code).EndAsync(scope.Db, id, request.Reason, scope.Actor, ct);
                return TypedResults.NoContent();
            }
            catch (ResidenceRulesException e)
            {
                return ApiProblems.Rules("residence-rule", "The registration cannot end", e.Problems.Select(p => (p.Field, p.Text)));
            }
        }).RequirePermission(Permission.ResidentsRecord).WithName("EndResidence").WithSummary("End the current residence registration; later notices go to the registered address");

        residents.MapPut("/adult-ward", async Task<Results<NoContent, ProblemHttpResult>> (long id, AdultWardRequest request,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            return await FlagAsync(() => runtime.AdultWardFlag(scope.Code).SetAsync(scope.Db, id, request.AdultWard, request.Evidence, scope.Actor, ct),
                "adult-ward-rule", "The adult-ward record could not change");
        }).RequirePermission(Permission.ResidentsRecord).WithName("SetAdultWard").WithSummary("Record or clear 成年被後見人 (no signature certificate is issued, §4.4), with its evidence");
    }

    /// <summary>A flag on a resident set or cleared: 204, 404 for no such resident, 422 with the rule that refused it.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> FlagAsync(Func<Task> set, string code, string title)
    {
        try
        {
            await set();
            return TypedResults.NoContent();
        }
        catch (RegisterRuleException e)
        {
            return e.Field == "id"
                ? ApiProblems.Problem(404, "resident-not-found", "No resident with this id")
                : ApiProblems.Refused(422, code, title, e.Text, e.Message, e.Field);
        }
    }
}
