using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Myna.Core.Text.Messages;

/// <summary>
/// A message kept in a store's text column (the note of a history line): its code and arguments as JSON,
/// <c>{"m":"code","a":["arg",…],"n":{"1":[{…}]}}</c>, so that the page shows it in the reader's language
/// (ARCHITECTURE 6) and a later change of wording reaches the old lines too. A column may still hold prose
/// (a clerk's free text, lines written before notes were messages); <see cref="Show"/> gives that back as it stands.
/// </summary>
public static class StoredMessage
{
    private const string Marker = "{\"m\":";

    public static string Write(Message message) => Node(message).ToJsonString();

    /// <summary>The message a stored note holds; false for prose, or for a code the catalogue no longer has.</summary>
    public static bool TryRead(string? stored, [NotNullWhen(true)] out Message? message)
    {
        message = null;
        if (stored is null || !stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            message = Read(JsonNode.Parse(stored));
            return message is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// A stored note as the reader sees it: the message in their language, or the prose as written. A register event's note
    /// is its changed fields, then " — " and its words; those words may be a message too.
    /// </summary>
    public static string Show(string? stored, bool english) =>
        Find(stored) is ({ } fields, { } message) ? fields + message.In(english) : stored ?? "";

    /// <summary>A note for the API: its English (as <c>detail</c> is), or null when there is none.</summary>
    public static string? English(string? stored) => stored is null ? null : Show(stored, english: true);

    /// <summary>A note's message for the API (code, arguments and both texts), when the note is one.</summary>
    public static MessageJson? Json(string? stored) => Find(stored).Message is { } message ? MessageJson.From(message) : null;

    /// <summary>The message in a note (the whole note, or its words after the fields), with what stands before it.</summary>
    private static (string? Before, Message? Message) Find(string? stored)
    {
        if (TryRead(stored, out var whole))
        {
            return ("", whole);
        }
        return stored?.Split(" — ", 2) is [var fields, var words] && TryRead(words, out var tail) ? (fields + " — ", tail) : (null, null);
    }

    private static JsonObject Node(Message message)
    {
        var node = new JsonObject
        {
            ["m"] = message.Code,
            ["a"] = new JsonArray([.. message.Args.Select(a => (JsonNode?)JsonValue.Create(a))]),
        };
        if (message.Nested.Count > 0)
        {
            var nested = new JsonObject();
            foreach (var (index, parts) in message.Nested.OrderBy(n => n.Key))
            {
                nested[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray([.. parts.Select(p => (JsonNode?)Node(p))]);
            }
            node["n"] = nested;
        }
        return node;
    }

    private static Message? Read(JsonNode? node)
    {
        if (node is not JsonObject o || o["m"]?.GetValue<string>() is not { } code || Catalogue.Find(code) is not { } text)
        {
            return null;
        }
        var args = o["a"] is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").ToArray() : [];
        var nested = new Dictionary<int, IReadOnlyList<Message>>();
        if (o["n"] is JsonObject n)
        {
            foreach (var (key, value) in n)
            {
                if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var index) || value is not JsonArray parts)
                {
                    return null;
                }
                var messages = parts.Select(Read).ToList();
                if (messages.Any(m => m is null))
                {
                    return null;
                }
                nested[index] = messages!;
            }
        }
        return new Message(text, args) { Nested = nested.ToFrozenDictionary() };
    }
}
