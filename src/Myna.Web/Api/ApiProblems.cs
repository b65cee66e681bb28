using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Myna.Core.Text.Messages;

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

    /// <summary>
    /// A refusal from the message catalogue: <c>detail</c> is its English text, <c>messageCode</c> its stable code (e.g.
    /// <c>date.day.invalid</c>) and <c>messageArgs</c> its arguments, so a client can show it in its own words.
    /// </summary>
    public static ProblemHttpResult Refused(int status, string code, string title, Message detail, string? field = null)
    {
        var result = Problem(status, code, title, detail.En, field);
        result.ProblemDetails.Extensions["messageCode"] = detail.Code;
        result.ProblemDetails.Extensions["messageArgs"] = detail.Args;
        return result;
    }

    /// <summary>A refusal that carries a catalogue message when it has one (<see cref="Refused(int, string, string, Message, string?)"/>), else the plain English.</summary>
    public static ProblemHttpResult Refused(int status, string code, string title, Message? detail, string english, string? field = null) =>
        detail is { } message ? Refused(status, code, title, message, field) : Problem(status, code, title, english, field);

    /// <summary>Several broken rules at once: <c>errors</c> maps each field to its messages.</summary>
    public static ProblemHttpResult Rules(string code, string title, IEnumerable<(string Field, string Message)> problems)
    {
        var list = problems.ToList();
        var result = Problem(422, code, title, string.Join("; ", list.Select(p => p.Message)), list.Count > 0 ? Camel(list[0].Field) : null);
        result.ProblemDetails.Extensions["errors"] = list.GroupBy(p => Camel(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return result;
    }

    /// <summary>
    /// Several broken rules at once, from the message catalogue: as <see cref="Rules(string, string, IEnumerable{ValueTuple{string, string}})"/>
    /// (English in <c>detail</c> and <c>errors</c>), and <c>messages</c> lists each rule's field, <c>messageCode</c> and <c>messageArgs</c>.
    /// <paramref name="japanese"/> keeps <c>detail</c> and <c>errors</c> in Japanese where an endpoint has always answered so
    /// (the application endpoints, whose rules a resident reads).
    /// </summary>
    public static ProblemHttpResult Rules(string code, string title, IEnumerable<(string Field, Message Message)> problems, bool japanese = false)
    {
        var list = problems.ToList();
        var result = Rules(code, title, list.Select(p => (p.Field, p.Message.In(english: !japanese))));
        result.ProblemDetails.Extensions["messages"] = list
            .Select(p => new { field = Camel(p.Field), messageCode = p.Message.Code, messageArgs = p.Message.Args }).ToArray();
        return result;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
