using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Myna.Testing;
using Xunit.Abstractions;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Every operation of the host's own OpenAPI document, sent hostile input — malformed and
/// wrongly typed JSON, oversized strings and bodies, huge and negative numbers in the path and
/// the query — as an anonymous caller, a supervisor, a window clerk and the support-measure officer: whatever the answer, it
/// is never a 5xx. The set of requests is fixed (no randomness), so a failure reproduces.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    /// <summary>NUL in a path is not among them: the server refuses such a request line itself, before the app sees it.</summary>
    private static readonly string[] PathValues =
        ["99999999999999999999", "-1", "0", "9223372036854775807", "-9223372036854775808", "abc", "..%2F..", new string('9', 400)];

    private static readonly string[] QueryValues =
        ["-1", "0", "2147483648", "-2147483649", "99999999999999999999999", "1e308", "NaN", "0001-01-01", "9999-12-31",
         new string('あ', 3000), "a%00b", "%E3%81", ""];

    private static readonly (string Description, string Value)[] FormValues =
        [("junk", "abc"), ("huge", "99999999999999999999"), ("nul", "a\0b"), ("oversized", new string('あ', 20_000))];

    private static readonly string[] SingleQueryValues =
        ["-1", "2147483647", "99999999999999999999", "1e308", "0001-01-01", "9999-12-31", new string('あ', 300), "a%00b"];

    private static readonly (string Description, JsonNode Value)[] SingleBodyValues =
    [
        ("max int", JsonValue.Create(int.MaxValue)), ("negative", JsonValue.Create(-1)), ("huge double", JsonValue.Create(1e300)),
        ("long text", JsonValue.Create(new string('あ', 300))), ("nul", JsonValue.Create("a\0b")), ("far date", JsonValue.Create("9999-12-31")),
    ];

    /// <summary>A value of the schema's type that binds: the rest of a request around one hostile value.</summary>
    private static string Plausible(JsonNode? schema)
    {
        var types = schema is null ? [] : Types(schema);
        return (string?)schema?["format"] == "date" ? "2026-01-01"
            : types.Contains("boolean") ? "true"
            : "1";
    }

    [Fact]
    public async Task EveryOperation_HostileInput_NeverAnswers5xx()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var supervisor = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        using var clerk = await ApiClient.SignedInAsync(factory);
        // The support-measure officer alone reaches /api/v1/support-measures (DOMAIN §9).
        using var officer = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026");
        (string Name, HttpClient Client)[] callers = [("anonymous", anonymous), ("supervisor", supervisor), ("clerk", clerk), ("officer", officer)];
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(document).ToList();
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var (description, create) in Requests(operation, document))
            {
                foreach (var (name, client) in callers)
                {
                    using var request = create();
                    sent++;
                    try
                    {
                        using var response = await client.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            var body = await response.Content.ReadAsStringAsync();
                            failures.Add($"{name} {operation.Method} {operation.Path} [{description}]: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add($"{name} {operation.Method} {operation.Path} [{description}]: {e.GetType().Name} {e.Message}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests to {operations.Count} operations, {failures.Count} answered 5xx");
        // The document really lists the API (not an empty or a foreign one), and every operation was tried.
        Assert.Contains(operations, o => o.Path == "/api/v1/auth/token");
        Assert.Contains(operations, o => o.Path == "/api/v1/residents/{id}");
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations in the document");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n" + string.Join("\n", failures.Take(60)));
    }

    private sealed record Operation(string Method, string Path, JsonNode Node, IReadOnlyList<JsonNode> Parameters);

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
            foreach (var (method, node) in item.AsObject().Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                var own = node!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                yield return new Operation(method.ToUpperInvariant(), path, node, [.. shared, .. own]);
            }
        }
    }

    private static IEnumerable<(string Description, Func<HttpRequestMessage> Create)> Requests(Operation op, JsonNode document)
    {
        var pathNames = op.Parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var queryNames = op.Parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        var method = new HttpMethod(op.Method);
        var hasBody = op.Method is "POST" or "PUT" or "PATCH";

        string Url(string pathValue, string? queryValue)
        {
            var url = pathNames.Aggregate(op.Path, (u, n) => u.Replace("{" + n + "}", pathValue, StringComparison.Ordinal));
            return queryValue is null || queryNames.Count == 0 ? url : url + "?" + string.Join("&", queryNames.Select(n => n + "=" + queryValue));
        }
        HttpRequestMessage Send(string url, HttpContent? content) => new(method, url) { Content = content };

        foreach (var v in pathNames.Count > 0 ? PathValues : [])
        {
            yield return ($"path={v[..Math.Min(v.Length, 20)]}", () => Send(Url(v, null), hasBody ? Json("{}") : null));
        }
        foreach (var v in QueryValues.Where(_ => queryNames.Count > 0))
        {
            yield return ($"query={v[..Math.Min(v.Length, 20)]}", () => Send(Url("1", v), hasBody ? Json("{}") : null));
        }
        // One parameter hostile, the others plausible, so the request gets past binding to the code behind it.
        var queryParameters = op.Parameters.Where(p => (string?)p["in"] == "query").ToList();
        foreach (var hostile in queryParameters)
        {
            foreach (var v in SingleQueryValues)
            {
                var query = string.Join("&", queryParameters.Select(p => (string)p["name"]! + "=" + (p == hostile ? v : Plausible(Resolve(p["schema"], document)))));
                yield return ($"{(string)hostile["name"]!}={v[..Math.Min(v.Length, 20)]}", () => Send(Url("1", null) + "?" + query, hasBody ? Json("{}") : null));
            }
        }
        if (!hasBody)
        {
            yield break;
        }
        var url = Url("1", null);
        var content = op.Node["requestBody"]?["content"]?.AsObject();
        if (content?.ContainsKey("multipart/form-data") == true || content?.ContainsKey("application/x-www-form-urlencoded") == true)
        {
            var fields = Properties(op.Node["requestBody"]!["content"]![content.ContainsKey("multipart/form-data") ? "multipart/form-data" : "application/x-www-form-urlencoded"]!["schema"], document);
            foreach (var (description, value) in FormValues)
            {
                yield return ($"form {description}", () => Send(url, Form(fields.Select(f => f.Name), value)));
            }
            yield return ("multipart without boundary", () => Send(url, Raw("--x\r\n", "multipart/form-data")));
        }
        var properties = Properties(content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value?["schema"], document);
        yield return ("malformed json", () => Send(url, Json("{\"a\":")));
        yield return ("json array", () => Send(url, Json("[]")));
        yield return ("json string", () => Send(url, Json("\"text\"")));
        yield return ("json number", () => Send(url, Json("123")));
        yield return ("json null", () => Send(url, Json("null")));
        yield return ("empty body", () => Send(url, Json("")));
        yield return ("deep nesting", () => Send(url, Json(new string('[', 2000) + new string(']', 2000))));
        yield return ("wrong types", () => Send(url, Json(Body(properties, p => Types(p).Contains("string") ? JsonValue.Create(12345) : JsonValue.Create("text")))));
        yield return ("objects for scalars", () => Send(url, Json(Body(properties, _ => new JsonObject { ["x"] = new JsonArray(1, 2) }))));
        var huge = Body(properties, p => Types(p).Overlaps(["integer", "number"]) ? JsonValue.Create(1e308) : JsonValue.Create("99999999999999999999"))
            .Replace("1E+308", "99999999999999999999999999", StringComparison.Ordinal);
        yield return ("huge numbers", () => Send(url, Json(huge)));
        yield return ("negative numbers", () => Send(url, Json(Body(properties, p => Types(p).Overlaps(["integer", "number"]) ? JsonValue.Create(-2147483648L) : JsonValue.Create("-1")))));
        yield return ("nul and control characters", () => Send(url, Json(Body(properties, p => Types(p).Contains("array") ? new JsonArray("a\0b") : JsonValue.Create("a\0\u0007b")))));
        yield return ("oversized strings", () => Send(url, Json(Body(properties, p => Types(p).Contains("array") ? new JsonArray(new string('a', 300)) : JsonValue.Create(new string('あ', 300))))));
        yield return ("oversized body", () => Send(url, Json("{\"x\":\"" + new string('a', 2_000_000) + "\"}")));
        foreach (var (name, _) in properties)
        {
            foreach (var (description, hostile) in SingleBodyValues)
            {
                var body = new JsonObject();
                foreach (var (other, schema) in properties)
                {
                    body[other] = other == name ? hostile.DeepClone() : JsonValue.Create(Plausible(schema));
                }
                var text = body.ToJsonString();
                yield return ($"{name} {description}", () => Send(url, Json(text)));
            }
        }
        yield return ("csv junk", () => Send(url, Raw("name,population,issued\n甲,99999999999999999999999,-5\n\0,,\n", "text/csv")));
        yield return ("wrong content type", () => Send(url, Raw("{}", "application/xml")));
    }

    private static List<(string Name, JsonNode Schema)> Properties(JsonNode? schema, JsonNode document)
    {
        schema = Resolve(schema, document);
        var list = new List<(string, JsonNode)>();
        foreach (var part in schema?["allOf"]?.AsArray().Select(s => Resolve(s, document)) ?? [schema])
        {
            foreach (var (name, property) in part?["properties"]?.AsObject() ?? [])
            {
                list.Add((name, Resolve(property, document) ?? new JsonObject()));
            }
        }
        return list;
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is { } reference; i++)
        {
            schema = ((string)reference!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode?>(document, (n, key) => n?[key]);
        }
        return schema;
    }

    private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => (string)t!).ToHashSet(),
        JsonValue one => [(string)one!],
        _ => [],
    };

    private static string Body(List<(string Name, JsonNode Schema)> properties, Func<JsonNode, JsonNode?> value)
    {
        var body = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            body[name] = value(schema);
        }
        if (properties.Count == 0)
        {
            body["value"] = value(new JsonObject());
        }
        return body.ToJsonString();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static MultipartFormDataContent Form(IEnumerable<string> fields, string value)
    {
        var form = new MultipartFormDataContent();
        foreach (var name in fields.DefaultIfEmpty("value"))
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var file in new[] { "photo", "csv", "zip" })
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), file, file + ".bin");
        }
        return form;
    }
}
