namespace Myna.Core.Residents;

/// <summary>
/// A person in the municipality's resident register (住民基本台帳), with the basic four
/// information (DOMAIN §2). Rows are never deleted (§0.3 principle 4): a move-out, death or
/// ex-officio deletion changes <see cref="Status"/> and adds a <see cref="ResidentEvent"/>.
/// </summary>
public sealed class Resident
{
    public long Id { get; set; }

    /// <summary>住民票コード, 11 ASCII digits (DOMAIN §1.2).</summary>
    public required string ResidentCode { get; set; }

    public long HouseholdId { get; set; }
    public Household? Household { get; set; }

    /// <summary>続柄 as written in the register (世帯主, 妻, 子, …).</summary>
    public required string Relationship { get; set; }

    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }
    /// <summary>Reading in full-width katakana.</summary>
    public required string FamilyNameKana { get; set; }
    public required string GivenNameKana { get; set; }
    /// <summary>旧氏, when the resident asked for it to be recorded.</summary>
    public string? FormerSurname { get; set; }
    /// <summary>通称 of a foreign resident.</summary>
    public string? Alias { get; set; }

    /// <summary>Gregorian; shown in the Japanese era (DOMAIN §2).</summary>
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }

    public string? PostalCode { get; set; }
    public required string Prefecture { get; set; }
    public required string City { get; set; }
    public required string Town { get; set; }
    public required string Block { get; set; }
    public string? Building { get; set; }

    /// <summary>
    /// 0/1 per character of the full name: 1 where the character is outside JIS X 0208 and
    /// needs an alternative character (代替文字) in the signature certificate (DOMAIN §2, §7.2).
    /// Null when every character is inside JIS X 0208.
    /// </summary>
    public string? NameAltFlags { get; set; }
    /// <summary>The full name with alternative characters substituted.</summary>
    public string? NameSubstitute { get; set; }
    public string? AddressAltFlags { get; set; }
    public string? AddressSubstitute { get; set; }

    public ResidentStatus Status { get; set; }

    /// <summary>
    /// 本籍 (Japanese nationals, DOMAIN §8.6): the place of the family register as written (e.g. 宮城県石巻市穀町14番地).
    /// Null for foreign residents and where the register does not hold it.
    /// </summary>
    public string? FamilyRegisterPlace { get; set; }

    /// <summary>
    /// 在留資格 of a foreign resident (DOMAIN §8.6), as written in <see cref="ResidenceStatuses.All"/>; null for a Japanese national.
    /// </summary>
    public string? ResidenceStatus { get; set; }

    /// <summary>
    /// The last day of the period of stay (在留期間の満了日), inclusive; null for a status without one (永住者, 特別永住者). Caps the
    /// card's expiry (§8.1) and its certificates' (§7.2).
    /// </summary>
    public DateOnly? StayUntil { get; set; }

    /// <summary>The municipality code of <see cref="FamilyRegisterPlace"/>: where a support measure is forwarded (§9).</summary>
    public string? FamilyRegisterMunicipality { get; set; }

    /// <summary>
    /// 成年被後見人 (DOMAIN §4.4): no signature certificate is issued to the person. Recorded by a clerk from the
    /// guardianship's evidence (the court's ruling or the registry's certificate), audited.
    /// </summary>
    public bool AdultWard { get; set; }

    /// <summary>Date the person entered this municipality's register.</summary>
    public DateOnly RegisteredOn { get; set; }

    /// <summary>Family and given names without spaces, for search.</summary>
    public string SearchName { get; set; } = "";
    /// <summary>Reading normalised to katakana without spaces, for search.</summary>
    public string SearchKana { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string FullName => FamilyName + "\u3000" + GivenName;
    public string FullNameKana => FamilyNameKana + "\u3000" + GivenNameKana;

    public string Address => RegisterAddress.Join(Prefecture, City, Town, Block, Building);

    /// <summary>Recomputes search keys and alternative-character flags after any change.</summary>
    public void RefreshDerived()
    {
        SearchName = ResidentSearch.NormalizeName(FamilyName + GivenName);
        SearchKana = ResidentSearch.NormalizeKana(FamilyNameKana + GivenNameKana);
        (NameAltFlags, NameSubstitute) = AlternativeCharacters.Analyse(FullName);
        (AddressAltFlags, AddressSubstitute) = AlternativeCharacters.Analyse(Address);
    }
}

/// <summary>JPKI sex coding (DOMAIN §2, §7.2).</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
    NotApplicable = 3,
}

public enum ResidentStatus
{
    Active = 1,
    MovedOut = 2,
    Deceased = 3,
    DeletedExOfficio = 4,
    /// <summary>国外転出 (DOMAIN §8.6): left the register on the move date for a life abroad.</summary>
    MovedOutAbroad = 5,
}
