using System.Text.Json;

namespace Myna.Core.Residents;

/// <summary>The register data of a resident at one point in history (no individual number).</summary>
public sealed record ResidentSnapshot(
    string HouseholdCode,
    string Relationship,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string? FormerSurname,
    string? Alias,
    DateOnly BirthDate,
    Sex Sex,
    string? PostalCode,
    string Prefecture,
    string City,
    string Town,
    string Block,
    string? Building,
    ResidentStatus Status,
    string? FamilyRegisterPlace = null,
    string? FamilyRegisterMunicipality = null,
    string? ResidenceStatus = null,
    DateOnly? StayUntil = null)
{
    public static ResidentSnapshot Of(Resident r, string householdCode) => new(
        householdCode, r.Relationship, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana,
        r.FormerSurname, r.Alias, r.BirthDate, r.Sex, r.PostalCode, r.Prefecture, r.City, r.Town,
        r.Block, r.Building, r.Status, r.FamilyRegisterPlace, r.FamilyRegisterMunicipality, r.ResidenceStatus, r.StayUntil);

    public string ToJson() => JsonSerializer.Serialize(this, SnapshotJson.Options);

    public static ResidentSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ResidentSnapshot>(json, SnapshotJson.Options)
        ?? throw new InvalidDataException("empty resident snapshot");

    /// <summary>Names of the fields that differ, for the event note.</summary>
    public IReadOnlyList<string> ChangedFields(ResidentSnapshot other)
    {
        var changed = new List<string>();
        void Check<T>(string name, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                changed.Add(name);
            }
        }
        Check(nameof(HouseholdCode), HouseholdCode, other.HouseholdCode);
        Check(nameof(Relationship), Relationship, other.Relationship);
        Check(nameof(FamilyName), FamilyName, other.FamilyName);
        Check(nameof(GivenName), GivenName, other.GivenName);
        Check(nameof(FamilyNameKana), FamilyNameKana, other.FamilyNameKana);
        Check(nameof(GivenNameKana), GivenNameKana, other.GivenNameKana);
        Check(nameof(FormerSurname), FormerSurname, other.FormerSurname);
        Check(nameof(Alias), Alias, other.Alias);
        Check(nameof(BirthDate), BirthDate, other.BirthDate);
        Check(nameof(Sex), Sex, other.Sex);
        Check(nameof(PostalCode), PostalCode, other.PostalCode);
        Check(nameof(Prefecture), Prefecture, other.Prefecture);
        Check(nameof(City), City, other.City);
        Check(nameof(Town), Town, other.Town);
        Check(nameof(Block), Block, other.Block);
        Check(nameof(Building), Building, other.Building);
        Check(nameof(Status), Status, other.Status);
        Check(nameof(FamilyRegisterPlace), FamilyRegisterPlace, other.FamilyRegisterPlace);
        Check(nameof(FamilyRegisterMunicipality), FamilyRegisterMunicipality, other.FamilyRegisterMunicipality);
        Check(nameof(ResidenceStatus), ResidenceStatus, other.ResidenceStatus);
        Check(nameof(StayUntil), StayUntil, other.StayUntil);
        return changed;
    }
}

internal static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
