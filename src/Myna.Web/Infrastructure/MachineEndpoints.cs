namespace Myna.Web.Infrastructure;

/// <summary>The addresses programs call rather than people read: their errors stay ProblemDetails JSON.</summary>
public static class MachineEndpoints
{
    private static readonly PathString[] Prefixes = ["/api", "/national-api", "/pki", "/openapi", "/health"];

    public static bool Is(HttpContext http) => Prefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
