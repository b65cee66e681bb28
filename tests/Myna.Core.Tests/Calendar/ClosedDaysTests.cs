using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Core.Tests.Calendar;

public class ClosedDaysTests
{
    [Theory]
    [InlineData("2026-12-28", null)]
    [InlineData("2026-12-29", ClosedReason.YearEnd)]
    [InlineData("2026-12-31", ClosedReason.YearEnd)]
    [InlineData("2027-01-01", ClosedReason.NationalHoliday)]
    [InlineData("2027-01-03", ClosedReason.YearEnd)]
    [InlineData("2027-01-04", null)]
    [InlineData("2026-09-22", ClosedReason.NationalHoliday)]
    [InlineData("2026-12-10", ClosedReason.Municipal)]
    public void Of_YearEndHolidaysAndMunicipalDays_SaysWhy(string iso, ClosedReason? reason)
    {
        var calendar = new ClosedDays(new Dictionary<DateOnly, string> { [new DateOnly(2026, 12, 10)] = "庁舎設備点検" });

        Assert.Equal(reason, calendar.Of(DateOnly.Parse(iso, CultureInfo.InvariantCulture))?.Reason);
    }

    [Fact]
    public void Of_NewYearsDay_NamedAsTheHoliday()
    {
        Assert.Equal("元日", ClosedDays.NationalOnly.Of(new DateOnly(2027, 1, 1))!.Name);
    }
}
