using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Myna.Web.Api;

namespace Myna.Web.Infrastructure;

/// <summary>An endpoint's own request body limit, for the few that take more than a small JSON body.</summary>
public sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}

/// <summary>
/// How large a request body may be before anything reads it. API endpoints take small JSON
/// bodies unless they declare more (<see cref="BodyLimit"/>: photos, bulk imports, figures);
/// form posts to pages take at most <see cref="Form"/>; file uploads to pages keep the limits
/// their pages declare (<c>[RequestSizeLimit]</c>), or the server's default.
/// </summary>
public static class RequestBodyLimits
{
    public const long Json = 64 * 1024;
    /// <summary>A sign-in or token request: a municipality, a user name and a password.</summary>
    public const long SignIn = 4 * 1024;
    public const long Form = 1024 * 1024;
    /// <summary>A photo is at most 7 MB (DOMAIN §4.3); the rest of the form is small.</summary>
    public const long Photo = 12 * 1024 * 1024;
    /// <summary>An employer's bulk application: a CSV and a zip of photos.</summary>
    public const long Bulk = 512L * 1024 * 1024;
    public const string TooLarge = "body-too-large";

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>After routing (the endpoint's metadata decides), before authentication reads anything.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (LimitFor(context) is { } limit)
        {
            if (context.Request.ContentLength > limit)
            {
                await ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, TooLarge, "The request body is too large",
                    $"at most {limit} bytes").ExecuteAsync(context);
                return;
            }
            // A body sent without a length is cut off by the server at the same limit.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }
        await next(context);
    });

    private static long? LimitFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared)
        {
            return declared.MaxRequestBodySize;
        }
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return Json;
        }
        return context.Request.HasFormContentType && context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            ? null
            : Form;
    }
}
