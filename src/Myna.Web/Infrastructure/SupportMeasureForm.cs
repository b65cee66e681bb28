using System.Globalization;
using System.Text.RegularExpressions;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Municipal.SupportMeasures;

namespace Myna.Web.Infrastructure;

/// <summary>An offender row as typed: every field text, so a refused form comes back as it was.</summary>
public sealed class OffenderRowForm
{
    public string? Name { get; set; }
    public string? NameKana { get; set; }
    public string? BirthDate { get; set; }
    public string? Address { get; set; }
    public string? Relationship { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NameKana) && string.IsNullOrWhiteSpace(BirthDate)
        && string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(Relationship);
}

/// <summary>The new-measure form as typed (DOMAIN §9 申出): dates in era or Gregorian form, read by <see cref="JapaneseDate"/>.</summary>
public sealed class NewMeasureForm
{
    public string? Kind { get; set; }
    public string? BasisKind { get; set; }
    public string? BasisBody { get; set; }
    public string? BasisDate { get; set; }
    public string? BasisNote { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public List<long> MemberIds { get; set; } = [];
    public List<OffenderRowForm> Offenders { get; set; } = [];
}

/// <summary>A refusal to show: the field (as the form names it) and the reason in the reader's language.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Turns the officer's typed text into the desk's inputs, and the desk's refusals into words (their catalogue messages).</summary>
public static partial class SupportMeasureWords
{
    /// <summary>The reason for a refusal, with the field named: "終了日: 終了日が開始日より前になっています。".</summary>
    public static string Error(UiText t, SupportMeasureException e)
    {
        return t.Format("sm.field", Field(t, e.Field), t[e.Text]);
    }

    /// <summary>A field of the desk's in the reader's words; offender rows counted from 1.</summary>
    public static string Field(UiText t, string field)
    {
        if (OffenderField().Match(field) is { Success: true } m)
        {
            return t.Format("sm.f.offender", int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1);
        }
        var key = "sm.f." + field;
        return t[key] is var label && label != key ? label : field;
    }

    /// <summary>The path a withheld read was logged on (the audit log keeps it in English), in the reader's words where known.</summary>
    public static string Path(UiText t, string? where)
    {
        var key = "sm.path." + where;
        return where is null ? "" : t[key] is var words && words != key ? words : where;
    }

    /// <summary>A date as typed: empty is null; otherwise read in era or Gregorian form, or refused for <paramref name="field"/>.</summary>
    public static DateOnly? Date(string? typed, string field)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        return JapaneseDate.TryParse(typed, out var date, out var error) ? date : throw new SupportMeasureException(field, "date", error);
    }

    /// <summary>A municipality as the officer reads it: its name with the code when this host serves it, else the code alone.</summary>
    public static string Place(IEnumerable<Core.Municipalities.Municipality> served, string code) =>
        served.FirstOrDefault(m => m.Code.Value == code) is { } m ? $"{m.Name}（{code}）" : code;

    /// <summary>
    /// The receiving municipality's receipt of a forward in the reader's words. The sender keeps it as text
    /// (<see cref="SupportMeasureForwarding"/>): "kept until DATE; resident there now: yes|no", or the move-out's own receipt.
    /// </summary>
    public static string Receipt(UiText t, string receipt)
    {
        if (receipt == "received with the advance move-out information")
        {
            return t["sm.receipt.move-out"];
        }
        if (KeptReceipt().Match(receipt) is { Success: true } m
            && DateOnly.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var keep))
        {
            return t.Format("sm.receipt.kept", Display.Date(keep, t), t[m.Groups[2].Value == "yes" ? "sm.receipt.here" : "sm.receipt.not.here"]);
        }
        return receipt;
    }

    public static T? Choice<T>(string? typed) where T : struct, Enum =>
        Enum.TryParse<T>(typed, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;

    /// <summary>The state a measure shows today: in force, not yet started, ended or lifted.</summary>
    public static string StateKey(SupportMeasureState state, DateOnly startsOn, DateOnly endsOn, DateOnly today) =>
        state == SupportMeasureState.Lifted ? "sm.state.Lifted" : endsOn < today ? "sm.state.Ended" : startsOn > today ? "sm.state.NotStarted" : "sm.state.Active";

    [GeneratedRegex(@"^kept until (\d{4}-\d{2}-\d{2}); resident there now: (yes|no)$")]
    private static partial Regex KeptReceipt();

    [GeneratedRegex(@"^offenders\[(\d+)\]")]
    private static partial Regex OffenderField();
}
