using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Core.Tests.Calendar;

public class JapaneseDateWeekdayTests
{
    [Theory]
    [InlineData("2026-12-07", "令和8年12月7日（月）", "12月7日（月）")]
    [InlineData("2027-01-03", "令和9年1月3日（日）", "1月3日（日）")]
    [InlineData("2019-05-01", "令和元年5月1日（水）", "5月1日（水）")]
    public void FormatWithWeekday_Dates_AppendTheWeekdayKanji(string iso, string full, string monthDay)
    {
        var date = DateOnly.Parse(iso, CultureInfo.InvariantCulture);

        Assert.Equal(full, JapaneseDate.FormatWithWeekday(date));
        Assert.Equal(monthDay, JapaneseDate.FormatMonthDayWithWeekday(date));
    }
}
