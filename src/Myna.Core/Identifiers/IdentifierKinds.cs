namespace Myna.Core.Identifiers;

/// <summary>
/// Looks up an identifier kind by the name used on the command line (<c>myna validate KIND VALUE</c>).
/// </summary>
public static class IdentifierKinds
{
    public const string IndividualNumberName = "individual-number";
    public const string CorporateNumberName = "corporate-number";
    public const string MunicipalityCodeName = "municipality-code";
    public const string ResidentCodeName = "resident-code";

    /// <summary>The kind names <see cref="Validate"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [IndividualNumberName, CorporateNumberName, MunicipalityCodeName, ResidentCodeName];

    /// <summary>
    /// Null when <paramref name="input"/> is a valid identifier of that kind, otherwise the first
    /// rule it breaks. Names match ordinally, ignoring case; an unknown kind throws
    /// <see cref="ArgumentException"/> listing the known ones.
    /// </summary>
    public static IdentifierProblem? Validate(string kind, string input)
    {
        ArgumentNullException.ThrowIfNull(kind);
        IdentifierProblem problem;
        bool valid;
        if (kind.Equals(IndividualNumberName, StringComparison.OrdinalIgnoreCase))
        {
            valid = IndividualNumber.TryParse(input, out _, out problem);
        }
        else if (kind.Equals(CorporateNumberName, StringComparison.OrdinalIgnoreCase))
        {
            valid = CorporateNumber.TryParse(input, out _, out problem);
        }
        else if (kind.Equals(MunicipalityCodeName, StringComparison.OrdinalIgnoreCase))
        {
            valid = MunicipalityCode.TryParse(input, out _, out problem);
        }
        else if (kind.Equals(ResidentCodeName, StringComparison.OrdinalIgnoreCase))
        {
            valid = ResidentCode.TryParse(input, out _, out problem);
        }
        else
        {
            throw new ArgumentException(
                $"unknown identifier kind '{kind}'; expected one of: {string.Join(", ", Names)}", nameof(kind));
        }

        return valid ? null : problem;
    }
}
