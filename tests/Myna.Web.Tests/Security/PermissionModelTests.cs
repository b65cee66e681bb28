using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Staff;
using Myna.Testing;
using Myna.Web.Security;

namespace Myna.Web.Tests.Security;

/// <summary>
/// Every way into the host declares what it needs (DOMAIN §0.2). The tests find the ways
/// themselves — the host's endpoints and every page model's handlers — so a new one that forgets
/// its permission fails here, not in production.
/// </summary>
public sealed class PermissionModelTests
{
    private static readonly Assembly Web = typeof(RequirePermissionAttribute).Assembly;

    private static IEnumerable<Type> PageModels => Web.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract);

    [Fact]
    public async Task Endpoints_EveryOne_DeclaresAPermissionOrIsPublic()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 60, $"only {endpoints.Count} endpoints found");

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a is RequirePermissionAttribute or RequireSignedInAttribute))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(undeclared.Count == 0, "endpoints without a permission: " + string.Join(", ", undeclared));
        Assert.Empty(DeclaredPermissions.Undeclared([factory.Services.GetRequiredService<EndpointDataSource>()]));
    }

    [Fact]
    public void PageModels_EveryPage_DeclaresAPermissionOrIsPublic()
    {
        var models = PageModels.ToList();
        Assert.True(models.Count > 25, $"only {models.Count} page models found");
        var undeclared = models.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is null
                && t.GetCustomAttributes<RequirePermissionAttribute>().Count() + t.GetCustomAttributes<RequireSignedInAttribute>().Count() == 0)
            .Select(t => t.FullName).ToList();
        Assert.True(undeclared.Count == 0, "pages without a permission: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void PageHandlers_EveryChangingHandler_DeclaresItsOwnPermission()
    {
        var handlers = PageModels
            .Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Select(m => (Type: t, Method: m)))
            .Where(h => h.Method.Name.StartsWith("OnPost", StringComparison.Ordinal) || h.Method.Name.StartsWith("OnPut", StringComparison.Ordinal)
                || h.Method.Name.StartsWith("OnDelete", StringComparison.Ordinal))
            .ToList();
        Assert.True(handlers.Count > 50, $"only {handlers.Count} handlers found");
        var undeclared = handlers.Where(h => h.Method.GetCustomAttribute<HandlerPermissionAttribute>() is null)
            .Select(h => $"{h.Type.Name}.{h.Method.Name}").ToList();
        Assert.True(undeclared.Count == 0, "handlers without a permission: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Menu_EachEntry_ShowsExactlyToThoseItsPageLetsIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToDictionary(e => "/" + e.RoutePattern.RawText!.TrimEnd('/'), e => e, StringComparer.Ordinal);
        foreach (var section in StaffMenu.Sections)
        {
            Assert.True(pages.TryGetValue(section.Href == "/" ? "/" : section.Href, out var page), $"no page at {section.Href}");
            var declared = page.Metadata.GetOrderedMetadata<RequirePermissionAttribute>().Select(a => a.Permission).ToList();
            Assert.Equal([section.Permission], declared);
        }
    }

    [Fact]
    public void RoleTable_EveryRole_IsListedAndNoMunicipalRoleHoldsANationalPermission()
    {
        foreach (var role in StaffRoles.All.Append(StaffRoles.JlisOperator))
        {
            Assert.True(RolePermissions.Table.ContainsKey(role), role);
        }
        foreach (var role in StaffRoles.All)
        {
            Assert.DoesNotContain(RolePermissions.Table[role], RolePermissions.IsNational);
        }
        Assert.All(RolePermissions.Table[StaffRoles.JlisOperator], p => Assert.True(RolePermissions.IsNational(p)));
        // DOMAIN §9: the support-measure officer alone protects addresses.
        Assert.Equal([StaffRoles.SupportOfficer], RolePermissions.Table.Where(kv => kv.Value.Contains(Permission.AddressProtection)).Select(kv => kv.Key));
    }

    [Fact]
    public void SecurityDoc_RoleTable_SaysWhatTheCodeGrants()
    {
        // docs/security.md is what an operator reads to give people roles: it must not drift from the table.
        var lines = File.ReadAllLines(Path.Combine(TestPostgres.RepositoryRoot(), "docs", "security.md"));
        var header = lines.First(l => l.StartsWith("| permission |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim().Trim('`')).ToList();
        var documented = lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal) && Enum.TryParse<Permission>(l.Split('|')[1].Trim().Trim('`'), out _)).ToList();
        Assert.Equal(Enum.GetValues<Permission>().Length, documented.Count);
        foreach (var row in documented)
        {
            var cells = row.Split('|').Select(c => c.Trim()).ToList();
            var permission = Enum.Parse<Permission>(cells[1].Trim('`'));
            for (var column = 3; column < header.Count - 1; column++)
            {
                Assert.True((cells[column] == "✓") == RolePermissions.Grants([header[column]], permission), $"{permission} for {header[column]}");
            }
        }
    }

    [Fact]
    public void Undeclared_AnEndpointThatNamesNothing_IsFound()
    {
        RequestDelegate nothing = _ => Task.CompletedTask;
        var source = new DefaultEndpointDataSource(
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/forgotten"), 0, EndpointMetadataCollection.Empty, "forgotten"),
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/bare"), 0, new EndpointMetadataCollection(new AuthorizeAttribute()), "bare"),
            new RouteEndpoint(nothing, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/declared"), 0,
                new EndpointMetadataCollection(new RequirePermissionAttribute(Permission.ReportsRead)), "declared"));
        Assert.Equal(["/forgotten", "/bare"], DeclaredPermissions.Undeclared([source]));
    }
}
