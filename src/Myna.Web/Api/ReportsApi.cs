using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Myna.Core.Staff;
using Myna.Core.Statistics;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>/api/v1/reports: the scriptable reports of DOMAIN §11 — issuance rates from figures, and the issuance planner.</summary>
public static class ReportsApi
{
    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("reports").RequirePermission(Permission.ReportsRead);

        // The figures come as the CSV body (the same shapes as `myna report issuance-rates --input`).
        reports.MapPost("/issuance-rates", async Task<Results<Ok<List<RatedArea>>, FileContentHttpResult, InlinePdf, ProblemHttpResult>> (HttpRequest request, string? format,
            bool? total, CancellationToken ct) =>
        {
            List<AreaFigures> areas;
            try
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                areas = IssuanceRates.ReadCsv(new StringReader(await reader.ReadToEndAsync(ct)));
            }
            catch (FormatException e)
            {
                return ApiProblems.Refused(400, "invalid-figures", "The figures could not be read", Refusals.MessageOf(e), english: e.Message);
            }
            var rated = IssuanceRates.Rank(areas);
            if (total == true && !areas.Any(a => a.Name == IssuanceRates.Nation))
            {
                rated.Add(IssuanceRates.TotalLine(areas));
            }
            return Pages.Reports.IndexModel.RatesFile(rated, format, "Myna") switch
            {
                InlinePdf pdf => pdf,
                FileContentResult file => TypedResults.File(file.FileContents, file.ContentType, file.FileDownloadName),
                _ => TypedResults.Ok(rated),
            };
        }).Accepts<string>("text/csv").WithBodyLimit(4 * 1024 * 1024).WithName("IssuanceRates")
            .WithSummary("交付率 and ranks (§11.1) of the figures in the CSV body: rate half-up to 0.1 %, standard competition ranking, cities and towns apart; ?format=csv|xlsx|pdf for a file");

        reports.MapGet("/issuance-rates/own", async (MynaRuntime runtime, CancellationToken ct) => TypedResults.Ok(await Myna.Municipal.Reports.OwnCounts.HostAsync(runtime.Stores.Municipalities, runtime.Stores.OpenMunicipal, ct)))
            .WithName("OwnIssuanceRates").WithSummary("交付率 from the system's own counts: each municipality of this host (people in the register, cards issued to date), ranked, with the total");

        reports.MapGet("/operations", async Task<Results<Ok<Myna.Municipal.Reports.OperationsFigures>, ProblemHttpResult>> (DateOnly from, DateOnly to,
            Infrastructure.MunicipalScope scope, CancellationToken ct) =>
            Core.Calendar.ReportPeriod.Check(from, to) is { } problem
                ? ApiProblems.Refused(400, problem.Code, "The period cannot be reported", problem.Text, problem.Field)
                : TypedResults.Ok(await Myna.Municipal.Reports.OperationsReport.ComputeAsync(scope.Db, from, to, ct)))
            .WithName("OperationsReport").WithSummary("The operations report of a period (§11.2), computed from the recorded events");

        reports.MapGet("/dashboard", async (Infrastructure.MunicipalScope scope, Hosting.MynaRuntime runtime, CancellationToken ct) =>
                TypedResults.Ok(await runtime.DashboardAsync(scope.Db, scope.Code, ct)))
            .WithName("Dashboard").WithSummary("The supervisor's numbers for today: appointments and no-shows, the safe by state, returned mail due, cards nearing destruction, applications awaiting review, certificates revoked today");

        reports.MapGet("/planner-inputs", async (Infrastructure.MunicipalScope scope, Hosting.MynaRuntime runtime, CancellationToken ct) =>
                TypedResults.Ok(await Myna.Municipal.Reports.PlannerData.ReadAsync(scope.Db, runtime.Time, ct)))
            .WithName("PlannerInputs").WithSummary("The planner's inputs as the records give them (sessions, measured service time, backlog, show-up rate)");

        reports.MapGet("/plan", Results<Ok<IssuancePlan>, ProblemHttpResult> (int windows, double serviceMinutes, double hoursPerDay, int backlog, int? daysPerWeek,
            DateOnly? start, double? showUpRate, int? targetWaitDays) =>
        {
            try
            {
                return TypedResults.Ok(IssuancePlanner.Plan(new WindowCapacity(windows, serviceMinutes, hoursPerDay, daysPerWeek ?? 5), backlog, start, showUpRate ?? 1.0,
                    targetWaitDays ?? 14));
            }
            catch (MessageException e)
            {
                return ApiProblems.Problem(400, "invalid-plan", "The plan's inputs are not possible", e.Message);
            }
        }).WithName("IssuancePlan").WithSummary("The issuance planner (§11.3): cards a day, window-days and calendar days to clear a backlog, notices a day");
    }
}
