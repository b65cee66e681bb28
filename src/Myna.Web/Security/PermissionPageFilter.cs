using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Myna.Web.Security;

/// <summary>
/// Razor Pages authorize a page as a whole; this filter adds the permission each handler method
/// declares (a wave of notices needs more than seeing the cards page). It runs for every handler.
/// </summary>
internal sealed class PermissionPageFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HandlerMethod?.MethodInfo;
        if (method?.GetCustomAttribute<HandlerPermissionAttribute>() is { } required)
        {
            var result = await authorization.AuthorizeAsync(context.HttpContext.User, PermissionPolicies.Name(required.Permission));
            if (!result.Succeeded)
            {
                context.Result = context.HttpContext.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                return;
            }
        }
        await next();
    }
}
