namespace Myna.Core.Protection;

/// <summary>
/// A registered purpose (事務) for which a full individual number may be shown or exported
/// (DOMAIN §12, §0.3 principle 2). The list is configuration, not code.
/// </summary>
public sealed record NumberPurpose(string Code, string NameJa, string NameEn);

public sealed class PurposeCatalog
{
    public static readonly IReadOnlyList<NumberPurpose> Defaults =
    [
        new("card-issuance", "個人番号カード交付事務", "Individual Number Card issuance"),
        new("number-notification", "個人番号通知事務", "Number notification"),
        new("social-security", "社会保障事務", "Social security"),
        new("tax", "税務事務", "Taxation"),
        new("disaster", "災害対策事務", "Disaster response"),
    ];

    private readonly Dictionary<string, NumberPurpose> byCode;

    public PurposeCatalog(IEnumerable<NumberPurpose> purposes)
    {
        All = purposes.ToList();
        byCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<NumberPurpose> All { get; }

    public bool TryGet(string? code, out NumberPurpose purpose)
    {
        if (code is not null && byCode.TryGetValue(code, out var found))
        {
            purpose = found;
            return true;
        }
        purpose = null!;
        return false;
    }

    /// <summary>Throws with the list of valid codes when the purpose is not registered.</summary>
    public NumberPurpose Require(string? code) =>
        TryGet(code, out var p)
            ? p
            : throw new ArgumentException(
                $"'{code}' is not a registered purpose; registered: {string.Join(", ", All.Select(x => x.Code))}",
                nameof(code));
}
