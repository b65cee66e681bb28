using Myna.Core.Text.Messages;

namespace Myna.Core.Text;

/// <summary>
/// How long a text field may be and which characters it may hold. Lengths count UTF-16 code
/// units (what the database and <see cref="string.Length"/> count), so 𠮷 counts two.
/// </summary>
/// <param name="MaxLength">The longest accepted value, inclusive.</param>
/// <param name="Multiline">Free text may hold line breaks and tabs; no field holds any other control character.</param>
public sealed record FieldLimit(int MaxLength, bool Multiline = false);

/// <summary>
/// A value refused by <see cref="FieldLimits"/>: the field, a stable code and a catalogue message that never quotes
/// the value (<see cref="Message"/> is its English, for the API's detail, logs and the CLI).
/// </summary>
public sealed record FieldProblem(string Field, string Code, Message Text)
{
    public string Message => Text.En;
}

/// <summary>
/// The one table of input limits (DOMAIN §12: nothing unbounded reaches the register or the audit
/// log). Every edge — API endpoints, page handlers, the CSV import, the CLI — checks text by
/// field name against this table before anything is stored; a field not named here gets
/// <see cref="Line"/>. The audit log checks its own fields again as a last line (<see cref="Audit.AuditLimits"/>).
/// </summary>
public static class FieldLimits
{
    public const string TooLong = "field-too-long";
    public const string InvalidCharacter = "field-invalid-character";

    /// <summary>Names, readings and address parts of the register (DOMAIN §2): one line, 100 characters, as the import always allowed.</summary>
    public static readonly FieldLimit RegisterText = new(100);
    /// <summary>A whole address written as one line (a residence registration's, a destination's).</summary>
    public static readonly FieldLimit Address = new(200);
    public static readonly FieldLimit UserName = new(64);
    /// <summary>Long enough for any passphrase; short enough that hashing it costs nothing extra.</summary>
    public static readonly FieldLimit Password = new(256);
    /// <summary>A reason, a purpose, an evidence reference: one line.</summary>
    public static readonly FieldLimit Reason = new(500);
    /// <summary>Notes a clerk types into a text area.</summary>
    public static readonly FieldLimit FreeText = new(2000, Multiline: true);
    /// <summary>A signed consent (a CMS signature in base64) a verifier sends as evidence (§7.5).</summary>
    public static readonly FieldLimit SignedEvidence = new(128 * 1024);
    /// <summary>Anything else sent as text: codes, dates, search words, choices.</summary>
    public static readonly FieldLimit Line = new(200);

    private static readonly Dictionary<string, FieldLimit> ByField = new(StringComparer.OrdinalIgnoreCase)
    {
        // §2: the basic four information and what goes with it.
        ["familyName"] = RegisterText, ["givenName"] = RegisterText, ["familyNameKana"] = RegisterText, ["givenNameKana"] = RegisterText,
        ["formerSurname"] = RegisterText, ["alias"] = RegisterText, ["relationship"] = RegisterText,
        ["name"] = RegisterText, ["proxyName"] = RegisterText, ["legalRepresentative"] = RegisterText, ["caller"] = RegisterText,
        ["employer"] = RegisterText, ["place"] = RegisterText,
        ["prefecture"] = RegisterText, ["city"] = RegisterText, ["town"] = RegisterText, ["block"] = RegisterText, ["building"] = RegisterText,
        ["address"] = Address, ["destinationAddress"] = Address, ["proxyAddress"] = Address,
        // Staff accounts.
        ["userName"] = UserName, ["displayName"] = RegisterText,
        ["password"] = Password, ["pin"] = Line, ["pinAgain"] = Line, ["signaturePin"] = Line, ["signaturePinAgain"] = Line,
        // Why something was done.
        ["reason"] = Reason, ["reasons"] = Reason, ["reasonDetail"] = Reason, ["purpose"] = Reason, ["evidence"] = Reason,
        ["proxyReason"] = Reason, ["endReason"] = Reason, ["protectionReason"] = Reason, ["wardEvidence"] = Reason,
        ["policeReport"] = Reason, ["email"] = Reason, ["consent"] = SignedEvidence,
        ["note"] = FreeText, ["detail"] = FreeText,
        // Where to go back to after the language switch or sign-in.
        ["returnUrl"] = new(2000),
    };

    /// <summary>The limit of a field, by its name in the request (camelCase or PascalCase alike).</summary>
    public static FieldLimit For(string field) => ByField.TryGetValue(field, out var limit) ? limit : Line;

    /// <summary>Null when <paramref name="value"/> is acceptable for <paramref name="field"/>; otherwise why not.</summary>
    public static FieldProblem? Check(string field, string? value) => Check(field, value, For(field));

    public static FieldProblem? Check(string field, string? value, FieldLimit limit)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > limit.MaxLength)
        {
            return new(field, TooLong, FieldLimitMessages.TooLong.With(field, limit.MaxLength));
        }
        return FirstBadCharacter(value, limit.Multiline) is { } at
            ? new(field, InvalidCharacter, FieldLimitMessages.InvalidCharacter.With(field, at + 1))
            : null;
    }

    /// <summary>
    /// The index of the first character no field may hold: NUL and every other control
    /// character (C0, DEL, C1; line breaks and tabs only in free text), or half of a
    /// surrogate pair standing alone (not a character at all, and unencodable in any file).
    /// </summary>
    public static int? FirstBadCharacter(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                if (multiline && c is '\n' or '\r' or '\t')
                {
                    continue;
                }
                return i;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return i;
            }
        }
        return null;
    }
}

/// <summary>Bounds on paged lists, so a page number can never push an offset past what the database can count.</summary>
public static class Paging
{
    public const int MaxPage = 100_000;
    public const int MaxPageSize = 100;
    public const string InvalidPage = "invalid-page";

    /// <summary>Null when the page (1…<see cref="MaxPage"/>) and size (1…<see cref="MaxPageSize"/>) are acceptable.</summary>
    public static FieldProblem? Check(int page, int pageSize = 1) =>
        page is < 1 or > MaxPage ? new("page", InvalidPage, FieldLimitMessages.PageOutOfRange.With("page", MaxPage))
        : pageSize is < 1 or > MaxPageSize ? new("pageSize", InvalidPage, FieldLimitMessages.PageOutOfRange.With("pageSize", MaxPageSize))
        : null;
}
