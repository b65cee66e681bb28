using System.Globalization;

namespace Myna.Core.Text.Messages;

/// <summary>
/// A catalogue entry: a stable code with its words in Japanese and English (ARCHITECTURE 6). Entries are
/// declared only as static fields of the catalogue classes (<see cref="Catalogue"/>), so a code cannot be
/// used without its words; placeholders are <c>{0}</c>, <c>{1}</c> … as in <see cref="string.Format(string, object[])"/>.
/// </summary>
public sealed record MessageText(string Code, string Ja, string En)
{
    /// <summary>This entry with its arguments, as the domain returns it.</summary>
    public Message With(params object?[] args) => new(this, [.. args.Select(Message.Argument)]);

    public static implicit operator Message(MessageText text) => new(text, []);
}

/// <summary>
/// What the domain and data layers say to a person: a catalogue entry and its arguments, never prose.
/// The page shows it in the reader's language; logs and exceptions carry the English.
/// </summary>
public sealed record Message(MessageText Text, IReadOnlyList<string> Args)
{
    public string Code => Text.Code;

    public string Ja => Format(Text.Ja);

    public string En => Format(Text.En);

    public string In(bool english) => english ? En : Ja;

    public override string ToString() => En;

    private string Format(string template) =>
        Args.Count == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, [.. Args]);

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

/// <summary>A rule refused what was asked; <see cref="Text"/> says which and why, in both languages.</summary>
public class MessageException(Message text, string? field = null) : InvalidOperationException(text.En)
{
    public Message Text { get; } = text;

    /// <summary>The input the message is about (a form field or JSON property), when there is one.</summary>
    public string? Field { get; } = field;
}
