using System.Globalization;
using Myna.Core.Issuance;

namespace Myna.Core.Tests.Issuance;

/// <summary>DOMAIN §8.1, case by case.</summary>
public sealed class CardValidityTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("1980-02-17", "2026-11-24", "2026-10-01", null, "2036-02-17")] // adult: 10th birthday after issue
    [InlineData("1980-11-24", "2026-11-24", "2026-10-01", null, "2036-11-24")] // issued on the birthday: that day does not count
    [InlineData("1980-11-25", "2026-11-24", "2026-10-01", null, "2035-11-25")] // the day after issue is the first birthday
    [InlineData("2008-05-01", "2026-06-01", "2026-05-01", null, "2036-05-01")] // 18, applied from 2022-04-01: adult
    [InlineData("2008-07-01", "2026-06-01", "2026-05-01", null, "2030-07-01")] // 17: 5th birthday (the first is a month after issue)
    [InlineData("2004-01-15", "2022-05-10", "2022-03-31", null, "2027-01-15")] // 18, applied before 2022-04-01: threshold 20
    [InlineData("2003-01-15", "2022-05-10", "2022-03-31", null, "2027-01-15")] // 19, applied before: 5 years
    [InlineData("2002-01-15", "2022-05-10", "2022-03-31", null, "2032-01-15")] // 20, applied before: 10 years
    [InlineData("2004-01-15", "2022-05-10", "2022-04-01", null, "2032-01-15")] // 18, applied on the day the rule changed
    [InlineData("2023-03-03", "2026-11-24", "2026-11-01", null, "2031-03-03")] // a child
    [InlineData("1980-02-29", "2026-03-01", "2026-02-01", null, "2036-02-29")] // 29 Feb: 10th birthday falls in a leap year
    [InlineData("1980-02-29", "2027-02-28", "2027-02-01", null, "2037-02-28")] // issued on the common-year birthday (28 Feb)
    [InlineData("2008-02-29", "2026-02-28", "2026-01-10", null, "2036-02-29")] // turns 18 on 28 Feb in a common year
    [InlineData("2008-02-29", "2026-02-27", "2026-01-10", null, "2030-02-28")] // one day before: still 17
    [InlineData("1990-06-10", "2026-11-24", "2026-10-01", "2028-06-30", "2028-06-30")] // period of stay ends first
    [InlineData("1990-06-10", "2026-11-24", "2026-10-01", "2040-01-01", "2036-06-10")] // period of stay ends later
    public void Expiry(string birth, string issued, string applied, string? stay, string expected) =>
        Assert.Equal(D(expected), CardValidity.Expiry(D(birth), D(issued), D(applied), stay is null ? null : D(stay)));

    [Fact]
    public void ImpossibleDates_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => CardValidity.Expiry(D("2026-01-01"), D("2025-12-31"), D("2025-12-01")));
        Assert.Throws<ArgumentException>(() => CardValidity.Expiry(D("1980-01-01"), D("2026-01-01"), D("2026-02-01")));
    }
}
