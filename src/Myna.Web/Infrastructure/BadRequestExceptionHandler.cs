using Microsoft.AspNetCore.Diagnostics;
using Myna.Web.Api;

namespace Myna.Web.Infrastructure;

/// <summary>
/// A request the framework could not read — malformed or wrongly typed JSON, a number that does
/// not fit its parameter, a body cut off at its limit — is the caller's fault: it answers with the
/// exception's own 4xx status as ProblemDetails, never a 500. The detail does not repeat what was
/// sent (it could be anything, an individual number included, DOMAIN §12).
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public const string Unreadable = "unreadable-request";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }
        var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
        await ApiProblems.Problem(bad.StatusCode, tooLarge ? RequestBodyLimits.TooLarge : Unreadable,
            tooLarge ? "The request body is too large" : "The request could not be read",
            tooLarge ? null : "a parameter or the body is missing, malformed or of the wrong type for this endpoint (see /openapi/v1.json)").ExecuteAsync(httpContext);
        return true;
    }
}
