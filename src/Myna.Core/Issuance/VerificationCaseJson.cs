using System.Globalization;
using System.Text.Json;

namespace Myna.Core.Issuance;

/// <summary>A case description that cannot be read, with the JSON path of the first problem.</summary>
public sealed class VerificationCaseFormatException(string path, string message) : FormatException($"{path}: {message}")
{
    public string Path { get; } = path;
}

/// <summary>
/// The documented JSON form of an identity-verification case (DOMAIN §6.5; docs/identity-verification.md),
/// shared by <c>myna idv evaluate</c> and <c>POST /api/v1/identity-verification/evaluate</c>:
/// <code>
/// { "verifiedOn": "2026-11-24", "byProxy": false,
///   "documents": [ { "kind": "drivers-license", "holder": "applicant", "photo": true, "issuedOn": "2019-05-01" } ],
///   "measures": { "pinEntered": false, "chipChecked": false, "questioned": true },
///   "proxyReasonDocument": false, "proxyAuthorisation": false }
/// </code>
/// Reading is strict: an unknown field, a wrong type or an unknown document kind is an error naming
/// its path, so a typo never silently weakens a case.
/// </summary>
public static class VerificationCaseJson
{
    private static readonly HashSet<string> CaseFields = ["verifiedOn", "byProxy", "documents", "measures", "proxyReasonDocument", "proxyAuthorisation"];
    private static readonly HashSet<string> DocumentFields = ["kind", "holder", "photo", "issuedOn"];
    private static readonly HashSet<string> MeasureFields = ["pinEntered", "chipChecked", "questioned"];

    /// <summary>Every kind the reader accepts: the 甲 and 乙 documents, the inquiry reply and a receipt.</summary>
    public static IEnumerable<string> Kinds =>
        IdentityVerification.KoKinds.Concat(IdentityVerification.OtsuKinds).Append(IdentityVerification.InquiryReply).Append(IdentityVerification.Receipt);

    /// <summary>Reads one case object, or an array of cases (a batch). <paramref name="today"/> is used when <c>verifiedOn</c> is absent.</summary>
    public static IReadOnlyList<VerificationCase> ReadAll(string json, DateOnly today)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new VerificationCaseFormatException("$", "not valid JSON (" + e.Message.Split(" Path:", StringSplitOptions.None)[0] + ")");
        }
        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array
                ? root.EnumerateArray().Select((e, i) => Read(e, $"$[{i}]", today)).ToList()
                : [Read(root, "$", today)];
        }
    }

    public static VerificationCase Read(JsonElement c, string path, DateOnly today)
    {
        Object(c, path, CaseFields);
        var documents = c.TryGetProperty("documents", out var docs)
            ? docs.ValueKind == JsonValueKind.Array
                ? docs.EnumerateArray().Select((d, i) => Document(d, $"{path}.documents[{i}]")).ToList()
                : throw new VerificationCaseFormatException(path + ".documents", "must be an array of documents")
            : throw new VerificationCaseFormatException(path + ".documents", "is required (an empty array when nothing was shown)");
        var measures = c.TryGetProperty("measures", out var m) ? m : default;
        if (measures.ValueKind != JsonValueKind.Undefined)
        {
            Object(measures, path + ".measures", MeasureFields);
        }
        return new VerificationCase(
            Bool(c, "byProxy", path),
            documents,
            Date(c, "verifiedOn", path) ?? today,
            Bool(measures, "pinEntered", path + ".measures"),
            Bool(measures, "chipChecked", path + ".measures"),
            Bool(measures, "questioned", path + ".measures"),
            Bool(c, "proxyReasonDocument", path),
            Bool(c, "proxyAuthorisation", path));
    }

    private static PresentedDocument Document(JsonElement d, string path)
    {
        Object(d, path, DocumentFields);
        var kind = d.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : throw new VerificationCaseFormatException(path + ".kind", "is required (a string)");
        if (!Kinds.Contains(kind))
        {
            throw new VerificationCaseFormatException(path + ".kind", $"'{kind}' is not a document kind (see docs/identity-verification.md)");
        }
        var holder = !d.TryGetProperty("holder", out var h) ? DocumentHolder.Applicant
            : h.ValueKind == JsonValueKind.String && h.GetString() is { } name && Enum.TryParse<DocumentHolder>(name, ignoreCase: true, out var parsed)
                && !int.TryParse(name, out _)
                ? parsed
                : throw new VerificationCaseFormatException(path + ".holder", "must be \"applicant\", \"proxy\" or \"household\"");
        return new PresentedDocument(kind, holder, Bool(d, "photo", path), Date(d, "issuedOn", path));
    }

    private static void Object(JsonElement e, string path, HashSet<string> fields)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new VerificationCaseFormatException(path, "must be an object");
        }
        foreach (var p in e.EnumerateObject())
        {
            if (!fields.Contains(p.Name))
            {
                throw new VerificationCaseFormatException($"{path}.{p.Name}", $"unknown field (known: {string.Join(", ", fields)})");
            }
        }
    }

    private static bool Bool(JsonElement e, string name, string path) =>
        e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) ? false
            : v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new VerificationCaseFormatException($"{path}.{name}", "must be true or false"),
            };

    private static DateOnly? Date(JsonElement e, string name, string path) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new VerificationCaseFormatException($"{path}.{name}", "must be a date \"YYYY-MM-DD\"");

    /// <summary>A case in the documented form, as the window stores it with the hand-over.</summary>
    public static string Write(VerificationCase c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("verifiedOn", c.VerifiedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteBoolean("byProxy", c.ByProxy);
            w.WriteStartArray("documents");
            foreach (var d in c.Documents)
            {
                w.WriteStartObject();
                w.WriteString("kind", d.Kind);
                w.WriteString("holder", d.Holder.ToString().ToLowerInvariant());
                w.WriteBoolean("photo", d.Photo);
                if (d.IssuedOn is { } on)
                {
                    w.WriteString("issuedOn", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("measures");
            w.WriteBoolean("pinEntered", c.PinEntered);
            w.WriteBoolean("chipChecked", c.ChipChecked);
            w.WriteBoolean("questioned", c.Questioned);
            w.WriteEndObject();
            w.WriteBoolean("proxyReasonDocument", c.ProxyReasonDocument);
            w.WriteBoolean("proxyAuthorisation", c.ProxyAuthorisation);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
