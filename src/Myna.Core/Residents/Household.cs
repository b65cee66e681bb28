namespace Myna.Core.Residents;

/// <summary>世帯 (DOMAIN §2). The code is the register's own household number.</summary>
public sealed class Household
{
    public long Id { get; set; }
    public required string HouseholdCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
