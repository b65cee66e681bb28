using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Myna.Core.Staff;
using Myna.Web.Infrastructure;

namespace Myna.Web.Security;

/// <summary>
/// Declares the permission a page or an endpoint needs (DOMAIN §0.2). On a page model class it
/// guards every handler; on an endpoint it is the endpoint's rule. Anything that declares nothing
/// (and is not anonymous) is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(Permission permission) : base(PermissionPolicies.Name(permission)) => Permission = permission;

    public Permission Permission { get; }
}

/// <summary>
/// The permission one page handler needs on top of its page's (sending a wave of notices needs
/// more than seeing the cards page). Every POST handler declares one; <see cref="PermissionPageFilter"/> checks it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}

/// <summary>
/// Declares that a page or endpoint is for anyone signed in (the home page, sign-out), whatever
/// their role — the one rule besides a named permission and anonymous access.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireSignedInAttribute() : AuthorizeAttribute(PermissionPolicies.SignedIn);

public static class PermissionPolicies
{
    private const string Prefix = "permission:";

    /// <summary>Anyone signed in, municipal staff or J-LIS operator.</summary>
    public const string SignedIn = "signed-in";

    public static string Name(Permission permission) => Prefix + permission;

    /// <summary>Whether the signed-in person holds the permission: their roles grant it, and it belongs to their side.</summary>
    public static bool Has(this ClaimsPrincipal user, Permission permission)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        // A municipal permission needs that municipality's staff; a national one a J-LIS operator,
        // who never carries a municipality (DOMAIN §0.3: neither side opens the other's store).
        var municipal = user.HasClaim(c => c.Type == MynaClaims.Municipality);
        if (municipal == RolePermissions.IsNational(permission))
        {
            return false;
        }
        return RolePermissions.Grants(user.FindAll(ClaimTypes.Role).Select(c => c.Value), permission);
    }

    /// <summary>Requires a permission on a minimal-API endpoint or group.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequirePermissionAttribute(permission));

    /// <summary>Open to anyone signed in, whatever the role.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequireSignedInAttribute());

    internal static bool TryParse(string policyName, out Permission permission)
    {
        permission = default;
        return policyName.StartsWith(Prefix, StringComparison.Ordinal)
            && Enum.TryParse(policyName.AsSpan(Prefix.Length), out permission);
    }
}

/// <summary>The requirement behind every permission policy.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Builds a policy for each permission on demand. <see cref="Undeclared"/>, the default policy,
/// refuses everyone: a bare [Authorize] never stands in for a permission.
/// </summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public static readonly AuthorizationPolicy Undeclared = new AuthorizationPolicyBuilder()
        .RequireAssertion(_ => false).Build();

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (PermissionPolicies.TryParse(policyName, out var permission))
        {
            return Task.FromResult<AuthorizationPolicy?>(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build());
        }
        return base.GetPolicyAsync(policyName);
    }
}
