using System.Globalization;
using Myna.Core.Text.Messages;

namespace Myna.Core.Identifiers;

/// <summary>
/// The shape of one identifier kind and the wording of its problems, so every kind checks in the
/// same order (empty → non-digit → length → check digit) and words its messages alike.
/// </summary>
internal sealed class IdentifierRule
{
    public IdentifierRule(MessageText noun, int length, bool sensitive)
    {
        Noun = noun;
        Length = length;
        Sensitive = sensitive;
    }

    /// <summary>The identifier's name in both languages, e.g. 個人番号 / "an individual number".</summary>
    public MessageText Noun { get; }

    public int Length { get; }

    /// <summary>
    /// DOMAIN §12: a sensitive identifier's messages never quote the input, any character of it,
    /// or an expected check digit, because messages end up in logs.
    /// </summary>
    public bool Sensitive { get; }

    /// <summary>
    /// Normalizes and checks everything but the check digit. On failure <paramref name="digits"/>
    /// is empty, so no caller can leak a sensitive input by accident.
    /// </summary>
    public bool TryShape(string? input, out string digits, out IdentifierProblem problem)
    {
        string text = input is null ? string.Empty : IdentifierInput.Normalize(input);
        digits = string.Empty;

        if (text.Length == 0)
        {
            problem = new(IdentifierError.Empty, IdentifierMessages.Empty.With(Noun));
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                problem = NonDigit(text[i], i + 1);
                return false;
            }
        }

        if (text.Length != Length)
        {
            problem = new(IdentifierError.Length, IdentifierMessages.Length.With(Noun, Length, text.Length));
            return false;
        }

        digits = text;
        problem = default;
        return true;
    }

    public IdentifierProblem CheckDigitMismatch(char expected) => Sensitive
        ? new(IdentifierError.CheckDigit, IdentifierMessages.CheckDigitSensitive.With(Noun))
        : new(IdentifierError.CheckDigit, IdentifierMessages.CheckDigit.With(Noun, expected));

    /// <summary>
    /// Guards the <c>FromBody</c>/<c>ComputeCheckDigit</c> helpers. The message never quotes the
    /// argument, which may be part of a sensitive number.
    /// </summary>
    public void RequireBody(ReadOnlySpan<char> body, int length, string part, string paramName)
    {
        if (body.Length != length || !IdentifierInput.IsAsciiDigits(body))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{Noun.En}'s {part} must be exactly {length} ASCII digits"),
                paramName);
        }
    }

    private IdentifierProblem NonDigit(char found, int position)
    {
        // Position counts characters after spaces and hyphens are removed.
        var message = Sensitive
            ? IdentifierMessages.NonDigitSensitive.With(Noun, position)
            : IdentifierMessages.NonDigit.With(Noun, Quote(found), position);
        return new(IdentifierError.NonDigit, message);
    }

    private static string Quote(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"'{c}'");
}
