using System.Collections.Frozen;
using System.Globalization;

namespace Myna.Core.Text.Messages;

/// <summary>
/// A catalogue entry: a stable code with its words in Japanese and English (ARCHITECTURE 6). Entries are
/// declared only as static fields of the catalogue classes (<see cref="Catalogue"/>), so a code cannot be
/// used without its words; placeholders are <c>{0}</c>, <c>{1}</c> … as in <see cref="string.Format(string, object[])"/>.
/// </summary>
public sealed record MessageText(string Code, string Ja, string En)
{
    /// <summary>
    /// This entry with its arguments, as the domain returns it. An argument that is itself a <see cref="Message"/>,
    /// or a list of messages, is shown in the reader's language too (a list joined with 「、」 or "; ").
    /// </summary>
    public Message With(params object?[] args)
    {
        var nested = new Dictionary<int, IReadOnlyList<Message>>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is Message m)
            {
                nested[i] = [m];
            }
            else if (args[i] is MessageText t)
            {
                nested[i] = [t];
            }
            else if (args[i] is IEnumerable<Message> list)
            {
                nested[i] = [.. list];
            }
        }
        return new Message(this, [.. args.Select((a, i) => nested.TryGetValue(i, out var parts) ? Message.Joined(parts, english: true) : Message.Argument(a))])
        {
            Nested = nested.ToFrozenDictionary(),
        };
    }

    public static implicit operator Message(MessageText text) => new(text, []);
}

/// <summary>
/// What the domain and data layers say to a person: a catalogue entry and its arguments, never prose.
/// The page shows it in the reader's language; logs and exceptions carry the English.
/// </summary>
public sealed record Message(MessageText Text, IReadOnlyList<string> Args)
{
    public string Code => Text.Code;

    public string Ja => Format(english: false);

    public string En => Format(english: true);

    /// <summary>Arguments that are messages themselves, by position: formatted in the same language as the whole.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Message>> Nested { get; init; } = FrozenDictionary<int, IReadOnlyList<Message>>.Empty;

    public string In(bool english) => Format(english);

    public override string ToString() => En;

    /// <summary>Two messages are the same when they have the same code and the same arguments (the texts follow from those).</summary>
    public bool Equals(Message? other) =>
        other is not null && Text.Code == other.Text.Code && Args.SequenceEqual(other.Args, StringComparer.Ordinal);

    public override int GetHashCode() => Args.Aggregate(StringComparer.Ordinal.GetHashCode(Text.Code), (h, a) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(a)));

    private string Format(bool english)
    {
        var template = english ? Text.En : Text.Ja;
        if (Args.Count == 0)
        {
            return template;
        }
        var args = Args.Select((a, i) => Nested.TryGetValue(i, out var parts) ? Joined(parts, english) : a).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, template, args);
    }

    internal static string Joined(IEnumerable<Message> parts, bool english) =>
        string.Join(english ? "; " : "、", parts.Select(p => p.In(english)));

    /// <summary>Arguments are kept as text (numbers without grouping, dates as ISO) so a message can be stored and compared.</summary>
    internal static string Argument(object? value) => value switch
    {
        null => "",
        Message nested => nested.En,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// An exception that can say why in the catalogue's words: pages show <see cref="Text"/> in the reader's language, the API
/// adds its code. Exceptions of other base types (a <see cref="FormatException"/>, a <see cref="KeyNotFoundException"/>)
/// implement it too, so one check finds every refusal's message.
/// </summary>
public interface IMessageCarrier
{
    /// <summary>The catalogue message, or null for a refusal that carries prose only.</summary>
    Message? Text { get; }
}

/// <summary>A rule refused what was asked; <see cref="Text"/> says which and why, in both languages.</summary>
public class MessageException(Message text, string? field = null) : InvalidOperationException(text.En), IMessageCarrier
{
    public Message Text { get; } = text;

    Message? IMessageCarrier.Text => Text;

    /// <summary>The input the message is about (a form field or JSON property), when there is one.</summary>
    public string? Field { get; } = field;
}

/// <summary>A message as the API and the CLI's JSON write it: the stable code, its arguments, and both texts.</summary>
public sealed record MessageJson(string Code, IReadOnlyList<string> Args, string Ja, string En)
{
    public static MessageJson From(Message message) => new(message.Code, message.Args, message.Ja, message.En);
}
