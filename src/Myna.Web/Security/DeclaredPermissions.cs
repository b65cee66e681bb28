using Microsoft.AspNetCore.Authorization;

namespace Myna.Web.Security;

/// <summary>
/// The host refuses to start while any endpoint or page declares neither a permission, nor
/// "signed in", nor anonymous access: forgetting the rule is a start-up error, not a hole.
/// </summary>
public static class DeclaredPermissions
{
    /// <summary>The routes of the endpoints that declare nothing (or only a bare [Authorize]).</summary>
    public static IReadOnlyList<string> Undeclared(IEnumerable<EndpointDataSource> sources) =>
        sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>() is var declared
                && (!declared.Any(a => a is RequirePermissionAttribute or RequireSignedInAttribute) || declared.Any(a => a.Policy is null && a.Roles is null)))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName ?? "?")
            .ToList();

    public static void EnsureEveryEndpointDeclares(this WebApplication app)
    {
        var undeclared = Undeclared(((IEndpointRouteBuilder)app).DataSources);
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException("endpoints without a declared permission: " + string.Join(", ", undeclared));
        }
    }
}
