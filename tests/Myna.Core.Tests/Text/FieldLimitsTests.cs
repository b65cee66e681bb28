using System.Globalization;
using Myna.Core.Calendar;
using Myna.Core.Text;

namespace Myna.Core.Tests.Text;

public sealed class FieldLimitsTests
{
    [Theory]
    [InlineData("familyName", "山田", null)]
    [InlineData("familyName", "\U00020BB7田", null)]
    [InlineData("familyName", "山\0田", FieldLimits.InvalidCharacter)]
    [InlineData("town", "中央\n一丁目", FieldLimits.InvalidCharacter)]
    [InlineData("block", "1\u0085-2", FieldLimits.InvalidCharacter)]
    [InlineData("note", "一行目\r\n二行目\t続き", null)]
    [InlineData("note", "一行目\0", FieldLimits.InvalidCharacter)]
    [InlineData("UserName", "clerk", null)]
    public void Check_Characters_OneLineExceptFreeText(string field, string value, string? code) =>
        Assert.Equal(code, FieldLimits.Check(field, value)?.Code);

    [Fact]
    public void Check_HalfASurrogatePair_Refused()
    {
        Assert.Equal(FieldLimits.InvalidCharacter, FieldLimits.Check("givenName", "\uD842子")?.Code);
        Assert.Equal(FieldLimits.InvalidCharacter, FieldLimits.Check("givenName", "子\uDFB7")?.Code);
    }

    [Theory]
    [InlineData("familyName", 100)]
    [InlineData("userName", 64)]
    [InlineData("password", 256)]
    [InlineData("purpose", 500)]
    [InlineData("note", 2000)]
    [InlineData("anythingElse", 200)]
    public void Check_Length_BoundaryAcceptedOneMoreRefused(string field, int max)
    {
        Assert.Null(FieldLimits.Check(field, new string('あ', max)));
        var problem = FieldLimits.Check(field, new string('あ', max + 1));
        Assert.Equal((FieldLimits.TooLong, field), (problem?.Code, problem?.Field));
        Assert.DoesNotContain("あ", problem!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, null)]
    [InlineData(100_000, 100, null)]
    [InlineData(0, 20, "page")]
    [InlineData(int.MaxValue, 20, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    public void Paging_Check_BoundsPageAndSize(int page, int size, string? field) =>
        Assert.Equal(field, Paging.Check(page, size)?.Field);

    [Theory]
    [InlineData("2016-01-01", "2026-01-01", null)]
    [InlineData("2026-04-01", "2026-04-01", null)]
    [InlineData("2016-01-01", "2026-01-02", "to")]
    [InlineData("0001-01-01", "9999-12-31", "from")]
    [InlineData("1868-10-22", "1870-01-01", "from")]
    [InlineData("2999-01-01", "3000-01-01", "to")]
    [InlineData("2026-04-02", "2026-04-01", "to")]
    public void ReportPeriod_Check_AtMostTenYearsWithinTheCalendar(string from, string to, string? field) =>
        Assert.Equal(field, ReportPeriod.Check(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture))?.Field);
}
