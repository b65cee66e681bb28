using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Staff;
using Myna.Core.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>A person as written on a request (birth date ISO or era form).</summary>
public sealed record CertificateCheckPerson(string? Name, string? NameReading = null, string? BirthDate = null, string? Address = null);

/// <summary>Who asks; enum values as kebab-case or PascalCase (<c>third-party</c>, <c>ThirdParty</c>).</summary>
public sealed record CertificateCheckRequester(
    string? Kind, string? Name, string? NameReading = null, string? BirthDate = null, string? Address = null, bool IdentityVerified = false,
    string? ResidentCode = null, string? Purpose = null, bool PurposeConfirmed = false, bool ForCourtProceedings = false,
    CertificateCheckPerson? Client = null, string? Profession = null, string? Capacity = null, string? CourtRequest = null, string? LegalBasis = null);

/// <summary>The body of POST /api/v1/support-measures/check.</summary>
public sealed record CertificateCheckBody(string? Document, CertificateCheckRequester? Requester, IReadOnlyList<string?>? Subjects, string? Channel = null);

public sealed record CertificateCheckReason(string Key, string Japanese, string English);

public sealed record CertificateCheckSubject(string ResidentCode, string Outcome, string ReasonKey, IReadOnlyList<string> Measures);

/// <summary>The decision: <c>allow</c>, <c>examine-strictly</c>, <c>deliver-to-court</c> or <c>refuse</c>.</summary>
public sealed record CertificateCheckAnswer(string Outcome, bool MayIssueToRequester, CertificateCheckReason Reason, IReadOnlyList<string> Measures,
    IReadOnlyList<CertificateCheckSubject> Subjects);

/// <summary>
/// POST /api/v1/support-measures/check (DOMAIN §9, §10): the window clerk runs the support-measure check
/// before printing a 住民票の写し, 記載事項証明書, 附票の写し or 除票, or letting someone view the register.
/// The answer names the measure but never an address; every decision about a protected person is logged
/// for the officer (docs/support-measures.md).
/// </summary>
public static class SupportMeasureCheckApi
{
    public static void MapSupportMeasureCheckApi(this RouteGroupBuilder api)
    {
        api.MapPost("/support-measures/check", CheckAsync)
            .RequirePermission(Permission.ResidentsRead).WithTags("support-measures").WithName("CheckCertificateRequest")
            .WithSummary("Whether a certificate may be issued to this requester about these residents, under the support measures in force");
    }

    private static async Task<Results<Ok<CertificateCheckAnswer>, ProblemHttpResult>> CheckAsync(
        CertificateCheckBody? body, MunicipalScope scope, Myna.Hosting.MynaRuntime runtime, CancellationToken ct)
    {
        if (!TryRead(body, out var request, out var problem))
        {
            return problem;
        }
        try
        {
            var decision = await runtime.CertificateRequestChecks(scope.Code).CheckAsync(scope.Db, request, scope.Actor, ct);
            return TypedResults.Ok(new CertificateCheckAnswer(Kebab(decision.Outcome), decision.MayIssueToRequester,
                new CertificateCheckReason(decision.Reason.Key, decision.Reason.Japanese, decision.Reason.English), decision.MeasureReferences,
                decision.Subjects.Select(s => new CertificateCheckSubject(s.Subject.Value, Kebab(s.Outcome), s.Reason.Key, s.MeasureReferences)).ToList()));
        }
        catch (CertificateRequestException e)
        {
            var refusal = ApiProblems.Problem(400, e.Code, "The request cannot be checked as given", e.Message, e.Field);
            refusal.ProblemDetails.Extensions["errors"] = e.Problems.Select(p => new { p.Field, Code = "certificate-request." + p.Code, p.Message }).ToArray();
            return refusal;
        }
    }

    /// <summary>Reads the body into the Core request; the first unreadable field is a 400 naming it.</summary>
    private static bool TryRead(CertificateCheckBody? body, out CertificateRequest request, out ProblemHttpResult problem)
    {
        request = null!;
        problem = null!;
        var unreadable = Unreadable(body);
        if (unreadable is { } u)
        {
            problem = ApiProblems.Problem(400, "certificate-request.unreadable", "The request cannot be read", u.Message, u.Field);
            return false;
        }
        var r = body!.Requester!;
        TryDate(r.BirthDate, out var born);
        TryCode(r.ResidentCode, out var own);
        RequesterIdentity? client = null;
        if (r.Client is { } given)
        {
            TryDate(given.BirthDate, out var clientBorn);
            client = new RequesterIdentity(given.Name ?? "", given.NameReading, clientBorn, given.Address);
        }
        request = new CertificateRequest(EnumOf<CertificateDocument>(body.Document)!.Value, new CertificateRequester
        {
            Kind = EnumOf<RequesterKind>(r.Kind)!.Value, Identity = new RequesterIdentity(r.Name ?? "", r.NameReading, born, r.Address),
            IdentityVerified = r.IdentityVerified, ResidentCode = own, Purpose = r.Purpose, PurposeConfirmed = r.PurposeConfirmed,
            ForCourtProceedings = r.ForCourtProceedings, Client = client, Profession = EnumOf<Profession>(r.Profession),
            Capacity = EnumOf<ProfessionalCapacity>(r.Capacity), CourtRequest = EnumOf<CourtRequestKind>(r.CourtRequest), LegalBasis = r.LegalBasis,
        }, (body.Subjects ?? []).Select(c => ResidentCode.Parse(c!)).ToList(), EnumOf<RequestChannel>(body.Channel) ?? RequestChannel.Window);
        return true;
    }

    /// <summary>The first field that cannot be read (a missing optional value is not unreadable: the check's own rules name what is required).</summary>
    private static (string Field, string Message)? Unreadable(CertificateCheckBody? body)
    {
        if (body is null)
        {
            return ("body", "send the request as JSON");
        }
        if (EnumOf<CertificateDocument>(body.Document) is null)
        {
            return ("document", "document is one of resident-record-copy, record-entries-certificate, family-register-attachment-copy, removed-record-copy, register-viewing");
        }
        if (body.Channel is not null && EnumOf<RequestChannel>(body.Channel) is null)
        {
            return ("channel", "channel is window or kiosk");
        }
        if (body.Requester is not { } r)
        {
            return ("requester", "say who asks");
        }
        if (EnumOf<RequesterKind>(r.Kind) is null)
        {
            return ("requester.kind", "requester.kind is one of self, household-member, third-party, proxy, professional, court, public-body");
        }
        if (!TryDate(r.BirthDate, out _))
        {
            return ("requester.birthDate", "the birth date cannot be read (ISO or era form, e.g. 1980-04-01 or 昭和55年4月1日)");
        }
        if (!TryCode(r.ResidentCode, out _))
        {
            return ("requester.residentCode", "the requester's resident code is not a valid resident code");
        }
        if (r.Client is { } client && !TryDate(client.BirthDate, out _))
        {
            return ("requester.client.birthDate", "the client's birth date cannot be read");
        }
        if (r.Profession is not null && EnumOf<Profession>(r.Profession) is null)
        {
            return ("requester.profession", "profession is one of lawyer, judicial-scrivener, land-and-house-surveyor, tax-accountant, labour-and-social-security-attorney, patent-attorney, maritime-procedures-agent, administrative-scrivener");
        }
        if (r.Capacity is not null && EnumOf<ProfessionalCapacity>(r.Capacity) is null)
        {
            return ("requester.capacity", "capacity is agent or commissioned-matter");
        }
        if (r.CourtRequest is not null && EnumOf<CourtRequestKind>(r.CourtRequest) is null)
        {
            return ("requester.courtRequest", "courtRequest is investigation-commission or document-sending-commission");
        }
        for (var i = 0; i < (body.Subjects?.Count ?? 0); i++)
        {
            if (!ResidentCode.TryParse(body.Subjects![i], out _, out var why))
            {
                return ($"subjects[{i}]", why.Message);
            }
        }
        return null;
    }

    private static T? EnumOf<T>(string? text) where T : struct, Enum => TryEnum(text, out T value) ? value : null;

    private static bool TryEnum<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var plain = text?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return !string.IsNullOrWhiteSpace(plain) && !char.IsAsciiDigit(plain[0]) && System.Enum.TryParse(plain, ignoreCase: true, out value) && System.Enum.IsDefined(value);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var ok = JapaneseDate.TryParse(text, out var parsed, out _);
        date = ok ? parsed : null;
        return ok;
    }

    private static bool TryCode(string? text, out ResidentCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var ok = ResidentCode.TryParse(text, out var parsed, out _);
        code = ok ? parsed : null;
        return ok;
    }

    private static string Kebab(SupportMeasureOutcome outcome) => outcome switch
    {
        SupportMeasureOutcome.Allow => "allow",
        SupportMeasureOutcome.ExamineStrictly => "examine-strictly",
        SupportMeasureOutcome.DeliverToCourt => "deliver-to-court",
        _ => "refuse",
    };
}
