using System.Globalization;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;

namespace Myna.Core.Residents;

/// <summary>
/// The resident CSV format for import and export (documented in docs/resident-csv.md).
/// A header row names the columns; order is free, unknown columns are an error, and the
/// required columns must all be present.
/// </summary>
public static class ResidentCsv
{
    public const string ResidentCode = "resident_code";
    public const string HouseholdCode = "household_code";
    public const string Relationship = "relationship";
    public const string FamilyName = "family_name";
    public const string GivenName = "given_name";
    public const string FamilyNameKana = "family_name_kana";
    public const string GivenNameKana = "given_name_kana";
    public const string BirthDate = "birth_date";
    public const string Sex = "sex";
    public const string PostalCode = "postal_code";
    public const string Prefecture = "prefecture";
    public const string City = "city";
    public const string Town = "town";
    public const string Block = "block";
    public const string Building = "building";
    public const string FormerSurname = "former_surname";
    public const string Alias = "alias";
    public const string Status = "status";
    public const string RegisteredOn = "registered_on";
    /// <summary>
    /// DOMAIN §9: <c>1</c> when the row's address was withheld at export (the address columns then hold the placeholder).
    /// On import such a row leaves the stored address untouched, and cannot add a resident; empty or <c>0</c> otherwise.
    /// </summary>
    public const string AddressWithheld = "address_withheld";
    /// <summary>本籍 as written (optional; DOMAIN §8.6).</summary>
    public const string FamilyRegisterPlace = "family_register_place";
    /// <summary>The municipality code of the 本籍 (optional): where support measures are forwarded (§9).</summary>
    public const string FamilyRegisterMunicipality = "family_register_municipality";
    /// <summary>在留資格 of a foreign resident, as in <see cref="ResidenceStatuses.All"/> (optional; DOMAIN §8.6).</summary>
    public const string ResidenceStatus = "residence_status";
    /// <summary>The last day of the period of stay (在留期間の満了日), ISO or era date; required exactly when the status has a period (§8.1).</summary>
    public const string StayUntil = "stay_until";
    /// <summary>Export only, with a purpose (DOMAIN §12); refused on import.</summary>
    public const string IndividualNumber = "individual_number";

    public static readonly IReadOnlyList<string> Columns =
    [
        ResidentCode, HouseholdCode, Relationship, FamilyName, GivenName, FamilyNameKana, GivenNameKana,
        BirthDate, Sex, PostalCode, Prefecture, City, Town, Block, Building, FormerSurname, Alias, Status, RegisteredOn,
        FamilyRegisterPlace, FamilyRegisterMunicipality, AddressWithheld, ResidenceStatus, StayUntil,
    ];

    /// <summary>
    /// Whether a file's header carries the status-of-residence columns. A file written before they existed carries neither, and
    /// its import keeps what the register holds instead of clearing it.
    /// </summary>
    public static bool CarriesResidenceStatus(IReadOnlyDictionary<string, int> map) =>
        map.ContainsKey(ResidenceStatus) || map.ContainsKey(StayUntil);

    /// <summary>
    /// Whether a file's header carries the 本籍 columns. A file written before they existed carries neither, and its import
    /// keeps the 本籍 the register holds instead of clearing it.
    /// </summary>
    public static bool CarriesFamilyRegister(IReadOnlyDictionary<string, int> map) =>
        map.ContainsKey(FamilyRegisterPlace) || map.ContainsKey(FamilyRegisterMunicipality);

    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal)
    {
        ResidentCode, HouseholdCode, Relationship, FamilyName, GivenName, FamilyNameKana, GivenNameKana,
        BirthDate, Sex, Prefecture, City, Town, Block, RegisteredOn,
    };

    private static readonly int MaxText = Text.FieldLimits.RegisterText.MaxLength;

    public static string StatusName(ResidentStatus s) => s switch
    {
        ResidentStatus.Active => "active",
        ResidentStatus.MovedOut => "moved-out",
        ResidentStatus.Deceased => "deceased",
        ResidentStatus.MovedOutAbroad => "moved-out-abroad",
        _ => "deleted",
    };

    /// <summary>Maps header names to positions; returns the problems with the header itself.</summary>
    public static (Dictionary<string, int> Map, List<string> Problems) ReadHeader(IReadOnlyList<string> header)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (string.Equals(name, IndividualNumber, StringComparison.Ordinal))
            {
                problems.Add($"column '{IndividualNumber}' is not accepted on import: numbers are assigned by 'myna number assign' (DOMAIN §1.3)");
            }
            else if (!Columns.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"unknown column '{name}'");
            }
            else if (!map.TryAdd(name, i))
            {
                problems.Add($"column '{name}' appears twice");
            }
        }
        foreach (var required in Columns.Where(c => Required.Contains(c) && !map.ContainsKey(c)))
        {
            problems.Add($"required column '{required}' is missing");
        }
        return (map, problems);
    }

    /// <summary>
    /// Validates one data row. Returns the record, or null with every problem found in the row
    /// (column name and reason), so the clerk can fix a file in one go.
    /// </summary>
    public static ResidentRecord? ParseRow(IReadOnlyList<string> fields, Dictionary<string, int> map, List<(string Column, string Reason)> problems)
    {
        problems.Clear();
        if (fields.Count != map.Count)
        {
            problems.Add(("*", $"expected {map.Count} fields, found {fields.Count}"));
            return null;
        }
        string Get(string column) => map.TryGetValue(column, out var i) ? fields[i].Trim() : "";
        // DOMAIN §2: no field of the register holds NUL or another control character (a CSV field may quote a line break).
        foreach (var column in map.Where(c => Text.FieldLimits.FirstBadCharacter(fields[c.Value]) is not null).Select(c => c.Key))
        {
            problems.Add((column, "has a control character (NUL, a line break, …) or a broken surrogate"));
        }
        string? Optional(string column)
        {
            var v = Get(column);
            if (v.Length > MaxText)
            {
                problems.Add((column, $"longer than {MaxText} characters"));
            }
            return v.Length == 0 ? null : v;
        }
        string RequiredText(string column)
        {
            var v = Get(column);
            if (v.Length == 0)
            {
                problems.Add((column, "required"));
            }
            else if (v.Length > MaxText)
            {
                problems.Add((column, $"longer than {MaxText} characters"));
            }
            return v;
        }
        string Kana(string column, bool required)
        {
            var raw = Get(column);
            if (raw.Length == 0)
            {
                if (required)
                {
                    problems.Add((column, "required"));
                }
                return "";
            }
            var kana = ResidentSearch.NormalizeKana(raw);
            if (!ResidentSearch.IsKana(kana))
            {
                problems.Add((column, "must be written in katakana (フリガナ)"));
            }
            return kana;
        }
        DateOnly Date(string column)
        {
            var v = Get(column);
            if (v.Length == 0)
            {
                problems.Add((column, "required"));
                return default;
            }
            if (!JapaneseDate.TryParse(v, out var d, out var error))
            {
                problems.Add((column, error.En));
            }
            return d;
        }

        var codeText = Get(ResidentCode);
        ResidentCode code = default;
        if (codeText.Length == 0)
        {
            problems.Add((ResidentCode, "required"));
        }
        else if (!Identifiers.ResidentCode.TryParse(codeText, out code, out var codeProblem))
        {
            problems.Add((ResidentCode, codeProblem.Message));
        }
        var household = RequiredText(HouseholdCode);
        if (household.Length > 20 || household.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            problems.Add((HouseholdCode, "up to 20 ASCII letters, digits or hyphens"));
        }
        var relationship = RequiredText(Relationship);
        var family = RequiredText(FamilyName);
        var given = Optional(GivenName) ?? "";
        var familyKana = Kana(FamilyNameKana, required: true);
        var givenKana = Kana(GivenNameKana, required: given.Length > 0);
        var birth = Date(BirthDate);
        var sexText = Get(Sex);
        var sex = sexText switch
        {
            "1" => Residents.Sex.Male,
            "2" => Residents.Sex.Female,
            "3" => Residents.Sex.NotApplicable,
            _ => (Residents.Sex)0,
        };
        if (sex == 0)
        {
            problems.Add((Sex, sexText.Length == 0 ? "required" : "must be 1 (male), 2 (female) or 3 (not applicable)"));
        }
        var postal = Optional(PostalCode);
        if (postal is not null)
        {
            postal = Residents.PostalCode.Normalize(postal);
            if (postal is null)
            {
                problems.Add((PostalCode, Residents.PostalCode.Rule));
            }
        }
        var prefecture = RequiredText(Prefecture);
        var city = RequiredText(City);
        var town = RequiredText(Town);
        var block = RequiredText(Block);
        var building = Optional(Building);
        var former = Optional(FormerSurname);
        var alias = Optional(Alias);
        var statusText = Get(Status);
        ResidentStatus status = statusText switch
        {
            "" or "active" => ResidentStatus.Active,
            "moved-out" => ResidentStatus.MovedOut,
            "deceased" => ResidentStatus.Deceased,
            "deleted" => ResidentStatus.DeletedExOfficio,
            "moved-out-abroad" => ResidentStatus.MovedOutAbroad,
            _ => 0,
        };
        if (status == 0)
        {
            problems.Add((Status, "must be active, moved-out, moved-out-abroad, deceased or deleted"));
        }
        var registered = Date(RegisteredOn);
        var mark = Get(AddressWithheld);
        var withheld = mark == "1";
        if (mark is not ("" or "0" or "1"))
        {
            problems.Add((AddressWithheld, "must be 1 (the address was withheld at export) or empty"));
        }
        var addressColumns = new[] { (PostalCode, Get(PostalCode)), (Prefecture, prefecture), (City, city), (Town, town), (Block, block), (Building, building ?? "") };
        if (withheld)
        {
            // The mark says the file does not hold this address; a real address beside it would be silently ignored, so it is refused.
            if (town != AddressProtection.Hidden)
            {
                problems.Add((Town, "the row is marked address_withheld but holds an address: clear the mark to change the address"));
            }
        }
        else
        {
            // DOMAIN §9: the placeholder is never written into the register as an address.
            foreach (var (column, value) in addressColumns.Where(c => c.Item2.Contains(AddressProtection.Hidden, StringComparison.Ordinal)))
            {
                problems.Add((column, AddressProtection.NotAnAddress + " (a row exported with its address withheld keeps address_withheld=1)"));
            }
        }
        var registerPlace = Optional(FamilyRegisterPlace);
        var registerMunicipality = Optional(FamilyRegisterMunicipality);
        if (registerMunicipality is not null)
        {
            if (!MunicipalityCode.TryParse(registerMunicipality, out var m, out var mProblem))
            {
                problems.Add((FamilyRegisterMunicipality, mProblem.Message));
            }
            else
            {
                registerMunicipality = m.Value;
            }
            if (registerPlace is null)
            {
                problems.Add((FamilyRegisterPlace, "required when family_register_municipality is given"));
            }
        }
        var residenceStatus = Optional(ResidenceStatus);
        DateOnly? stayUntil = null;
        if (Get(StayUntil) is { Length: > 0 } stayText)
        {
            if (JapaneseDate.TryParse(stayText, out var stay, out var stayError))
            {
                stayUntil = stay;
            }
            else
            {
                problems.Add((StayUntil, stayError.En));
            }
        }
        if (ResidenceStatuses.Check(residenceStatus, stayUntil, registerPlace) is { } rule && !problems.Any(p => p.Column == StayUntil))
        {
            problems.Add((rule.Field == "stayUntil" ? StayUntil : ResidenceStatus, rule.Message.En));
        }
        if (problems.Count == 0 && registered < birth)
        {
            problems.Add((RegisteredOn, "is before the birth date"));
        }
        if (problems.Count > 0)
        {
            return null;
        }
        return new ResidentRecord(code, household, new ResidentSnapshot(
            household, relationship, family, given, familyKana, givenKana, former, alias, birth, sex,
            postal, prefecture, city, town, block, building, status, registerPlace, registerMunicipality, residenceStatus, stayUntil), registered, withheld,
            CarriesFamilyRegister(map), CarriesResidenceStatus(map));
    }

    /// <summary>
    /// The fields of one export row, in <see cref="Columns"/> order. <paramref name="withheld"/> (DOMAIN §9): the address is
    /// written as the placeholder (prefecture and city, the municipality's own, stay) and the row is marked.
    /// </summary>
    public static IEnumerable<string?> Row(string residentCode, ResidentSnapshot s, DateOnly registeredOn, bool withheld = false)
    {
        if (withheld)
        {
            s = s with { PostalCode = null, Town = AddressProtection.Hidden, Block = AddressProtection.Hidden, Building = null };
        }
        yield return residentCode;
        yield return s.HouseholdCode;
        yield return s.Relationship;
        yield return s.FamilyName;
        yield return s.GivenName;
        yield return s.FamilyNameKana;
        yield return s.GivenNameKana;
        yield return s.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return ((int)s.Sex).ToString(CultureInfo.InvariantCulture);
        yield return s.PostalCode;
        yield return s.Prefecture;
        yield return s.City;
        yield return s.Town;
        yield return s.Block;
        yield return s.Building;
        yield return s.FormerSurname;
        yield return s.Alias;
        yield return StatusName(s.Status);
        yield return registeredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return s.FamilyRegisterPlace;
        yield return s.FamilyRegisterMunicipality;
        yield return withheld ? "1" : "";
        yield return s.ResidenceStatus;
        yield return s.StayUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One valid row of a resident file. <see cref="AddressWithheld"/>: its address columns hold the placeholder, not the
/// address (§9). <see cref="FamilyRegisterGiven"/> is false when the file has no 本籍 columns (written before they existed):
/// the import then keeps the register's 本籍; likewise <see cref="ResidenceStatusGiven"/> for the status of residence and period of stay.
/// </summary>
public sealed record ResidentRecord(ResidentCode Code, string HouseholdCode, ResidentSnapshot Data, DateOnly RegisteredOn, bool AddressWithheld = false,
    bool FamilyRegisterGiven = true, bool ResidenceStatusGiven = true);
