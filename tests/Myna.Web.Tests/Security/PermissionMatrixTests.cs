using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Staff;
using Myna.Hosting.Demo;
using Myna.Testing;
using Myna.Web.Security;

namespace Myna.Web.Tests.Security;

/// <summary>
/// Role × action through the real host: every page handler and every API endpoint, found by
/// reflection, is tried by every role, with a cookie and with a bearer token. What the role table
/// grants gets through authorization; what it does not is a 403 — the same answer for the page
/// and for the API.
/// </summary>
public sealed class PermissionMatrixTests
{
    private sealed record Action(string Method, string Path, string? Handler, IReadOnlyList<Permission> Needs, bool Page, string ContentType = "application/json")
    {
        public override string ToString() => $"{Method} {Path}{(Handler is null ? "" : "?handler=" + Handler)}";
    }

    private static readonly (string User, string Password, string Role)[] Municipal =
        DemoSetup.Accounts.Select(a => (a.UserName, a.Password, a.Role)).ToArray();

    [Fact]
    public async Task EveryRole_EveryPageHandlerAndEndpoint_IsAllowedExactlyAsTheTableSays()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        await using (var db = factory.Stores.Runtime.Stores.OpenNational())
        {
            await Myna.Storage.Staff.StaffSignIn.EnsureOperatorAsync(db, DemoSetup.Operator.UserName, DemoSetup.Operator.DisplayName, DemoSetup.Operator.Password,
                TimeProvider.System);
        }
        var actions = Actions(factory).ToList();
        Assert.Contains(actions, a => a.Page && a.Method == "POST");
        Assert.Contains(actions, a => !a.Page);

        var people = Municipal.Select(m => (m.User, m.Password, m.Role, Scope: "042021"))
            .Append((DemoSetup.Operator.UserName, DemoSetup.Operator.Password, StaffRoles.JlisOperator, Scope: "national"));
        var wrong = new List<string>();
        foreach (var (user, password, role, scope) in people)
        {
            using var cookie = await PageClient.SignedInAsync(factory, user, password, scope);
            using var bearer = await ApiClient.SignedInAsync(factory, user, password, scope);
            var token = PageClient.Token(await (await cookie.GetAsync("/account/denied")).Content.ReadAsStringAsync());
            foreach (var action in actions)
            {
                var allowed = action.Needs.All(p => RolePermissions.Grants([role], p) && RolePermissions.IsNational(p) == (scope == "national"));
                var response = action.Page ? await SendPageAsync(cookie, action, token) : await SendApiAsync(bearer, action);
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    || response.RequestMessage!.RequestUri!.AbsolutePath is "/account/login" or "/account/denied";
                if (allowed == refused)
                {
                    wrong.Add($"{role}: {action} → {(int)response.StatusCode} {response.RequestMessage!.RequestUri!.AbsolutePath} (expected {(allowed ? "allowed" : "403")}) {await response.Content.ReadAsStringAsync()}");
                }
                else if (!allowed)
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    // Allowed, with an empty form or body: a clear refusal, never an error.
                    var body = await response.Content.ReadAsStringAsync();
                    wrong.Add($"{role}: {action} → {(int)response.StatusCode} with an empty request: {body[..Math.Min(body.Length, 600)]}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task EveryRole_TheMenu_ShowsExactlyTheSectionsItsPermissionsOpen()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        foreach (var (user, password, role) in Municipal)
        {
            using var client = await PageClient.SignedInAsync(factory, user, password);
            var html = await (await client.GetAsync("/account/denied")).Content.ReadAsStringAsync();
            var shown = System.Text.RegularExpressions.Regex.Matches(html, "<a href=\"([^\"]+)\" accesskey=").Select(m => m.Groups[1].Value).ToList();
            var expected = StaffMenu.Sections.Where(s => RolePermissions.Grants([role], s.Permission) && !RolePermissions.IsNational(s.Permission)).Select(s => s.Href).ToList();
            Assert.Equal(expected, shown);
        }
    }

    private static async Task<HttpResponseMessage> SendPageAsync(HttpClient client, Action action, string token)
    {
        var url = action.Handler is null ? action.Path : $"{action.Path}?handler={action.Handler}";
        if (action.Method == "GET")
        {
            return await client.GetAsync(url);
        }
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    private static Task<HttpResponseMessage> SendApiAsync(HttpClient client, Action action)
    {
        var request = new HttpRequestMessage(new HttpMethod(action.Method), action.Path);
        if (action.Method is "POST" or "PUT")
        {
            // The body the endpoint accepts (routing answers 415 before authorization otherwise).
            request.Content = action.ContentType == "multipart/form-data"
                ? new MultipartFormDataContent { { new StringContent("x"), "x" } }
                : new StringContent(action.ContentType == "application/json" ? "{}" : "", Encoding.UTF8, new MediaTypeHeaderValue(action.ContentType));
        }
        return client.SendAsync(request);
    }

    /// <summary>Every page handler and permission-guarded endpoint of the host, with what it needs.</summary>
    private static IEnumerable<Action> Actions(MynaWebFactory factory)
    {
        var models = typeof(RequirePermissionAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)))
            .ToDictionary(t => t.FullName!["Myna.Web.Pages".Length..].Replace('.', '/')[..^"Model".Length], StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + Fill(endpoint.RoutePattern.RawText!.TrimStart('/'));
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var model = models[page.ViewEnginePath];
                if (model.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
                {
                    continue;
                }
                var needs = model.GetCustomAttributes<RequirePermissionAttribute>().Select(a => a.Permission).ToList();
                foreach (var method in model.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    var verb = method.Name.StartsWith("OnGet", StringComparison.Ordinal) ? "GET" : method.Name.StartsWith("OnPost", StringComparison.Ordinal) ? "POST" : null;
                    if (verb is null)
                    {
                        continue;
                    }
                    var handler = method.Name[(verb == "GET" ? 5 : 6)..].Replace("Async", "", StringComparison.Ordinal);
                    var own = method.GetCustomAttribute<HandlerPermissionAttribute>() is { } h ? [h.Permission] : Array.Empty<Permission>();
                    yield return new Action(verb, path, handler.Length == 0 ? null : handler, [.. needs, .. own], Page: true);
                }
            }
            else if (endpoint.Metadata.GetOrderedMetadata<RequirePermissionAttribute>() is { Count: > 0 } required)
            {
                foreach (var verb in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types
                        ? types[0] : "application/json";
                    yield return new Action(verb, path, null, required.Select(a => a.Permission).ToList(), Page: false, accepts);
                }
            }
        }
    }

    /// <summary>A route with every parameter filled ({id:long} → 1, {name} → x).</summary>
    private static string Fill(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}:?]+)(:[^}?]+)?\??\}", m => m.Groups[2].Value.Contains("long", StringComparison.Ordinal)
            || m.Groups[2].Value.Contains("int", StringComparison.Ordinal) ? "1" : "x");
}
