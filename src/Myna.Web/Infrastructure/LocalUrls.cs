using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Where a redirect may go back to: only a path on this host, as the framework's own local-URL
/// check decides (it refuses <c>//host</c>, <c>/\host</c>, schemes and control characters), so a
/// link cannot send a signed-in clerk to another site.
/// </summary>
public static class LocalUrls
{
    public static bool IsLocal(HttpContext context, string? url) =>
        !string.IsNullOrEmpty(url) && new UrlHelper(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).IsLocalUrl(url);

    /// <summary><paramref name="url"/> when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(HttpContext context, string? url, string fallback) => IsLocal(context, url) ? url! : fallback;
}
