using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Myna.Core.Text;
using Myna.Web.Api;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Applies <see cref="FieldLimits"/> and <see cref="Paging"/> at the edge, once for every API
/// endpoint and every page handler: each value bound from the request — a query or form value, a
/// page property, each string of a JSON body, item by item in lists — is checked by its field
/// name before the handler runs, so nothing out of bounds reaches the register or the audit log.
/// A refusal is a 400 ProblemDetails with the stable <c>code</c> and the <c>field</c>.
/// </summary>
public static class InputLimits
{
    /// <summary>For a group of minimal API endpoints: <c>group.AddEndpointFilterFactory(InputLimits.Filter)</c>.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var inspected = context.MethodInfo.GetParameters()
            .Select((p, i) => (Index: i, Name: p.Name ?? "", p.ParameterType))
            .Where(p => IsRequestValue(p.ParameterType) && services?.IsService(p.ParameterType) != true)
            .ToArray();
        if (inspected.Length == 0)
        {
            return next;
        }
        return async invocation =>
        {
            foreach (var (index, name, type) in inspected)
            {
                // A complex parameter is a JSON body: its own name is not a field, its properties are.
                var problem = IsModel(type)
                    ? InspectProperties(invocation.Arguments[index], 0)
                    : Inspect(name, invocation.Arguments[index], 0);
                if (problem is not null)
                {
                    return Refusal(problem);
                }
            }
            return await next(invocation);
        };
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal(FieldProblem problem) =>
        ApiProblems.Refused(StatusCodes.Status400BadRequest, problem.Code, Title(problem.Code), problem.Text, Camel(problem.Field));

    private static string Title(string code) => code switch
    {
        FieldLimits.TooLong => "A field is too long",
        FieldLimits.InvalidCharacter => "A field holds a character that is not allowed",
        Paging.InvalidPage => "The page is out of range",
        _ => "A field cannot be accepted",
    };

    /// <summary>The first value out of bounds in <paramref name="value"/>, bound as <paramref name="field"/>.</summary>
    public static FieldProblem? Inspect(string field, object? value, int depth) => value switch
    {
        null => null,
        string s => FieldLimits.Check(field, s),
        int n when field.Equals("page", StringComparison.OrdinalIgnoreCase) => Paging.Check(n),
        int n when field.Equals("pageSize", StringComparison.OrdinalIgnoreCase) => Paging.Check(1, n),
        IEnumerable<string?> strings => strings.Select(s => FieldLimits.Check(field, s)).FirstOrDefault(p => p is not null),
        _ when IsModel(value.GetType()) && depth < MaxDepth => InspectProperties(value, depth + 1),
        IEnumerable items and not IDictionary when depth < MaxDepth => items.Cast<object?>().Select(i => Inspect(field, i, depth + 1)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private const int MaxDepth = 4;

    private static FieldProblem? InspectProperties(object? model, int depth) => model is null ? null
        : model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => Inspect(p.Name, p.GetValue(model), depth))
            .FirstOrDefault(p => p is not null);

    /// <summary>Types a request is bound to: text, numbers, lists, and Myna's own request records — never services or the context.</summary>
    private static bool IsRequestValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(int) || t == typeof(string[]) || IsModel(t)
            || (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) && t.GetGenericArguments() is [var item] && (item == typeof(string) || IsModel(item)));
    }

    /// <summary>A request record or form model of Myna's own (its properties are fields); services are left out before this is asked.</summary>
    private static bool IsModel(Type t) => t.IsClass && !typeof(Delegate).IsAssignableFrom(t) && t.Namespace?.StartsWith("Myna.", StringComparison.Ordinal) == true;

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The same check for Razor Pages: bound properties and handler arguments.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var problem = BoundProperties(context.HandlerInstance)
                .Concat(context.HandlerArguments.Select(a => (Field: a.Key, a.Value)))
                .Select(b => Inspect(b.Field, b.Value, 0))
                .FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                var details = Refusal(problem).ProblemDetails;
                context.Result = new ObjectResult(details) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
                return;
            }
            await next();
        }

        private static IEnumerable<(string Field, object? Value)> BoundProperties(object page)
        {
            var bindAll = page.GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var p in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var bind = p.GetCustomAttribute<BindPropertyAttribute>();
                if ((bind is not null || bindAll) && p.CanRead && p.GetIndexParameters().Length == 0)
                {
                    yield return (bind?.Name ?? p.Name, p.GetValue(page));
                }
            }
        }
    }
}
