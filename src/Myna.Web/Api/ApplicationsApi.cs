using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Documents.Applications;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Web.Infrastructure;

using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>A rule an application breaks, or a note on one taken: the field, both texts, and the catalogue entry (<c>messageCode</c>, <c>messageArgs</c>).</summary>
public sealed record ApplicationProblemDto(string Field, string Ja, string En, string MessageCode, IReadOnlyList<string> MessageArgs)
{
    public static ApplicationProblemDto From(ApplicationProblem p) => new(p.Field, p.Ja, p.En, p.Text.Code, p.Text.Args);
}

public sealed record ReceiptDto(long Id, string ReceiptNumber, string ApplicationId, string Status, bool Resubmission, IReadOnlyList<ApplicationProblemDto> Notes)
{
    public static ReceiptDto From(ApplicationReceipt r) =>
        new(r.Id, r.ReceiptNumber, r.ApplicationId, r.Status.ToString(), r.Resubmission, [.. r.Notes.Select(ApplicationProblemDto.From)]);
}

/// <summary>One row of an employer's bulk file as the report lists it.</summary>
public sealed record BulkRowDto(long Line, string ApplicationId, bool Ok, string? ReceiptNumber, IReadOnlyList<ApplicationProblemDto> Problems);

/// <summary>The employer bulk upload's report: taken whole (<c>accepted</c> rows) or not at all, with each row's problems.</summary>
public sealed record BulkResultDto(bool Succeeded, IReadOnlyList<BulkRowDto> Rows, int Accepted)
{
    public static BulkResultDto From(BulkResult r) =>
        new(r.Succeeded, [.. r.Rows.Select(x => new BulkRowDto(x.Line, x.ApplicationId, x.Ok, x.ReceiptNumber, [.. x.Problems.Select(ApplicationProblemDto.From)]))],
            r.Accepted);
}

public sealed record StatusRequest(string ApplicationId, string BirthDate);

/// <summary>The status of an application found by its application ID or its receipt number; <c>maskedName</c> is whose it is ("佐藤 ●●").</summary>
public sealed record PublicStatusDto(string Status, string Text, string TextEn, string MaskedName, string Municipality);

public sealed record ReviewRequest(bool Pass, IReadOnlyList<string>? Reasons, string? Note);

/// <summary>An application; <c>addressWithheld</c> (DOMAIN §9) flags an address withheld under a support measure, shown as the placeholder.</summary>
public sealed record ApplicationDto(long Id, string ApplicationId, string ReceiptNumber, long ResidentId, string Name, string NameKana, DateOnly BirthDate,
    string Address, bool AddressWithheld, string Channel, string Status, DateTimeOffset ReceivedAt, bool WantsSignatureCertificate, bool WantsUserCertificate,
    bool Braille, string? LegalRepresentative, bool IsReissue, string? DeficiencyReasons, IReadOnlyList<PhotoInfo> Photos, IReadOnlyList<ApplicationEventDto> History);

/// <summary>A step of an application: <c>note</c> in English, <c>noteMessage</c> (code, arguments, Japanese and English) when the system wrote it.</summary>
public sealed record ApplicationEventDto(string Status, DateTimeOffset At, string Actor, string? Note, MessageJson? NoteMessage);

/// <summary>/api/v1/applications (staff) and /api/v1/public/applications (residents): DOMAIN §4.</summary>
public static class ApplicationsApi
{
    private static ProblemHttpResult Rejected(ApplicationRejectedException e) =>
        ApiProblems.Rules("application-rejected", "The application cannot be taken", e.Problems.Select(p => (p.Field, p.Text)), japanese: true);

    public static void MapApplicationsApi(this RouteGroupBuilder api)
    {
        var pub = api.MapGroup("/public/applications").WithTags("public").AllowAnonymous();

        pub.MapPost("/", async Task<Results<Created<ReceiptDto>, ProblemHttpResult>> ([FromForm] string applicationId, IFormFile? photo,
            [FromForm] string? email, [FromForm] string? phone, [FromForm] bool? wantsSignatureCertificate, [FromForm] bool? wantsUserCertificate,
            [FromForm] bool? braille, [FromForm] bool? consent, [FromForm] string? legalRepresentative, PublicApplications applications, CancellationToken ct) =>
        {
            try
            {
                var receipt = await applications.SubmitAsync(new ApplicationInput(applicationId.Trim(), ApplicationChannel.Online,
                    await PublicApplications.ReadPhotoAsync(photo, ct), email, phone, wantsSignatureCertificate ?? true, wantsUserCertificate ?? true,
                    braille ?? false, consent ?? false, legalRepresentative), ct);
                return TypedResults.Created("/api/v1/public/applications/status", ReceiptDto.From(receipt));
            }
            catch (ApplicationRejectedException e)
            {
                return Rejected(e);
            }
        }).DisableAntiforgery().WithBodyLimit(RequestBodyLimits.Photo).WithName("ApplyOnline")
          .WithSummary("Online application (multipart): application ID, JPEG photo, contact, certificate wishes, consent; answers the receipt number");

        pub.MapPost("/status", async Task<Results<Ok<PublicStatusDto>, ProblemHttpResult>> (StatusRequest request, PublicApplications applications,
            CancellationToken ct) =>
        {
            if (!JapaneseDate.TryParse(request.BirthDate, out var birth, out var error))
            {
                return ApiProblems.Refused(400, "invalid-date", "The birth date could not be read", error, "birthDate");
            }
            var found = await applications.StatusAsync(request.ApplicationId, birth, ct);
            if (found is not { } f)
            {
                return ApiProblems.Problem(404, "application-not-found", "No application matches this application ID (or receipt number) and birth date");
            }
            var ja = new UiText("ja")["app.status.public." + f.Status.Status];
            var en = new UiText("en")["app.status.public." + f.Status.Status];
            return TypedResults.Ok(new PublicStatusDto(f.Status.Status.ToString(), ja, en, f.Status.MaskedName, f.Municipality.Name));
        }).WithName("ApplicationStatus").WithSummary("The status of an application, in plain words, and whose it is (given name masked), for its application ID or receipt number (field applicationId, full-width accepted) and the applicant's birth date");

        var staff = api.MapGroup("/applications").WithTags("applications").RequirePermission(Permission.ApplicationsRead);

        staff.MapGet("/", async (ApplicationStatus? status, int? page, MunicipalScope scope, CancellationToken ct) =>
        {
            var (items, total) = await ApplicationQueries.ListAsync(scope.Db, status, page ?? 1, ct);
            return TypedResults.Ok(new { items, total });
        }).WithName("ListApplications").WithSummary("Applications by status, oldest first (status=Received is the review queue)");

        staff.MapPost("/", async Task<Results<Created<ReceiptDto>, ProblemHttpResult>> ([FromForm] string applicationId, [FromForm] ApplicationChannel channel,
            IFormFile? photo, [FromForm] string? email, [FromForm] string? phone, [FromForm] bool? wantsSignatureCertificate,
            [FromForm] bool? wantsUserCertificate, [FromForm] bool? braille, [FromForm] string? legalRepresentative, MunicipalScope scope, MynaRuntime runtime,
            HttpContext http, CancellationToken ct) =>
        {
            if (!StaffChannels.All.Contains(channel))
            {
                return ApiProblems.Problem(400, "invalid-channel",
                    "A clerk records applications by mail, photo booth, window, outreach or application support (Mail, PhotoBooth, Window, Outreach, ApplicationSupport)",
                    null, "channel");
            }
            try
            {
                var receipt = await runtime.ApplicationDesk(scope.Code).SubmitAsync(scope.Db, scope.Code, new ApplicationInput(applicationId.Trim(), channel,
                    await PublicApplications.ReadPhotoAsync(photo, ct), email, phone, wantsSignatureCertificate ?? true, wantsUserCertificate ?? true,
                    braille ?? false, Consent: true, legalRepresentative), scope.Actor, ct);
                return TypedResults.Created($"/api/v1/applications/{receipt.Id}", ReceiptDto.From(receipt));
            }
            catch (ApplicationRejectedException e)
            {
                return Rejected(e);
            }
        }).DisableAntiforgery().RequirePermission(Permission.ApplicationsTake).WithBodyLimit(RequestBodyLimits.Photo).WithName("TakeApplication").WithSummary("Staff intake (multipart) for mail, photo booth, window, outreach and application-support channels");

        staff.MapGet("/{id:long}", async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> (long id, MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        {
            var d = await ApplicationQueries.GetAsync(scope.Db, id, runtime.AddressRule(scope.Code), scope.Reader, "GET /api/v1/applications/{id}", ct);
            if (d is null)
            {
                return ApiProblems.Problem(404, "application-not-found", "No application with this id");
            }
            return TypedResults.Ok(ToDto(d));
        }).WithName("GetApplication").WithSummary("An application with its photos (metadata) and history");

        staff.MapGet("/{id:long}/photo", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, long? photoId, MunicipalScope scope,
            HttpContext http, CancellationToken ct) =>
        {
            var jpeg = await ApplicationQueries.PhotoAsync(scope.Db, id, photoId, ct);
            http.Response.Headers.CacheControl = "no-store";
            return jpeg is null ? ApiProblems.Problem(404, "photo-not-found", "No photo") : TypedResults.File(jpeg, "image/jpeg");
        }).WithName("GetApplicationPhoto").WithSummary("The latest (or the given) photo of an application, as JPEG");

        staff.MapPost("/{id:long}/review", async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> (long id, ReviewRequest request, MunicipalScope scope,
            MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                await runtime.ApplicationDesk(scope.Code).ReviewAsync(scope.Db, scope.Code, id, request.Pass, request.Reasons ?? [], request.Note, scope.Actor, ct);
            }
            catch (ApplicationRejectedException e)
            {
                return e.Problems.Any(p => p.Field == "id") ? ApiProblems.Problem(404, "application-not-found", "No application with this id") : Rejected(e);
            }
            return TypedResults.Ok(ToDto((await ApplicationQueries.GetAsync(scope.Db, id, runtime.AddressRule(scope.Code), scope.Reader,
                "POST /api/v1/applications/{id}/review", ct))!));
        }).RequirePermission(Permission.ApplicationsReview).WithName("ReviewApplication")
          .WithSummary($"The human photo checks: pass, or fail with reason codes (not-frontal, hat, background, face-size, blurred, eyes, other-person, edited) and a note");

        staff.MapGet("/{id:long}/deficiency-notice", async Task<Results<InlinePdf, ProblemHttpResult>> (long id, MunicipalScope scope,
            MynaRuntime runtime, CancellationToken ct) =>
        {
            // §9: the notice is the applicant's own letter — the person themself is served, so the address is used
            // (read in full here) and, when withheld from others, the read is logged as served.
            var rule = runtime.AddressRule(scope.Code);
            var d = await ApplicationQueries.GetAsync(scope.Db, id, rule, new Myna.Municipal.Residents.Reader(scope.Actor, MaySeeProtected: true), "deficiency notice", ct);
            if (d is null || d.Application.Status != ApplicationStatus.Deficient)
            {
                return ApiProblems.Problem(404, "no-deficiency", "This application has no open deficiency");
            }
            var a = d.Application;
            await rule.ServedAsync(scope.Db, scope.Actor, [d.Resident.Id], "deficiency notice (the applicant's letter)", ct);
            // Where to re-apply and whom to ask: the municipality's own record (Myna:Municipalities).
            var own = runtime.Options.Municipalities.FirstOrDefault(m => m.Code == scope.Code.Value);
            var pdf = DeficiencyNoticePdf.Render(new DeficiencyNotice(a.ApplicationId, d.Resident.FullName, d.PostalCode,
                d.Resident.Address, a.ReceivedOn, (a.DeficiencyReasons ?? "").Split('\n'),
                JapanClock.Today(runtime.Time), scope.Municipality.Name, runtime.Options.PublicUrl, own?.WindowAddress, own?.Department, own?.OfficePhone));
            return new InlinePdf(pdf, $"deficiency-{a.ApplicationId}.pdf");
        }).WithName("DeficiencyNotice").WithSummary("The deficiency notice (不備通知) as a PDF, with the reasons and how to resubmit under the same ID");

        staff.MapPost("/bulk", async Task<Results<Ok<BulkResultDto>, ProblemHttpResult>> ([FromForm] string employer, IFormFile csv, IFormFile zip,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                await using var c = csv.OpenReadStream();
                await using var z = zip.OpenReadStream();
                return TypedResults.Ok(BulkResultDto.From(await BulkImport.RunAsync(runtime, scope, employer, c, z, ct)));
            }
            catch (InvalidDataException)
            {
                return ApiProblems.Problem(400, "invalid-zip", "The photo archive is not a zip file", null, "zip");
            }
        }).DisableAntiforgery().RequirePermission(Permission.ApplicationsTake).WithBodyLimit(RequestBodyLimits.Bulk).WithName("EmployerBulkApplication")
          .WithSummary("Employer bulk application (multipart: employer, csv, zip of photos): all or nothing, with a report per row");
    }

    private static ApplicationDto ToDto(ApplicationDetails d)
    {
        var a = d.Application;
        return new ApplicationDto(a.Id, a.ApplicationId, a.ReceiptNumber, a.ResidentId, d.Resident.FullName, d.Resident.FullNameKana,
            d.Resident.BirthDate, d.Resident.Address, d.Resident.AddressWithheld, a.Channel.ToString(), a.Status.ToString(), a.ReceivedAt, a.WantsSignatureCertificate,
            a.WantsUserCertificate, a.Braille, a.LegalRepresentative, a.IsReissue, a.DeficiencyReasons, d.Photos,
            d.History.Select(e => new ApplicationEventDto(e.Status.ToString(), e.At, e.Actor, StoredMessage.English(e.Note), StoredMessage.Json(e.Note))).ToList());
    }
}
