using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Myna.Web.Api;

/// <summary>ProblemDetails with a stable machine-readable <c>code</c> extension, so clients need not parse prose.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null, string? field = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://myna.example/problems/{code}" };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>Several broken rules at once: <c>errors</c> maps each field to its messages.</summary>
    public static ProblemHttpResult Rules(string code, string title, IEnumerable<(string Field, string Message)> problems)
    {
        var list = problems.ToList();
        var result = Problem(422, code, title, string.Join("; ", list.Select(p => p.Message)), list.Count > 0 ? Camel(list[0].Field) : null);
        result.ProblemDetails.Extensions["errors"] = list.GroupBy(p => Camel(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return result;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
