using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Core.Tests.Calendar;

public class JapaneseDateTests
{
    [Theory]
    [InlineData("2019-05-01", "令和元年5月1日", "R1.5.1")]
    [InlineData("2019-04-30", "平成31年4月30日", "H31.4.30")]
    [InlineData("2020-12-31", "令和2年12月31日", "R2.12.31")]
    [InlineData("1989-01-07", "昭和64年1月7日", "S64.1.7")]
    [InlineData("1989-01-08", "平成元年1月8日", "H1.1.8")]
    [InlineData("1926-12-24", "大正15年12月24日", "T15.12.24")]
    [InlineData("1926-12-25", "昭和元年12月25日", "S1.12.25")]
    [InlineData("1912-07-29", "明治45年7月29日", "M45.7.29")]
    [InlineData("1912-07-30", "大正元年7月30日", "T1.7.30")]
    [InlineData("1868-10-23", "明治元年10月23日", "M1.10.23")]
    [InlineData("1980-02-17", "昭和55年2月17日", "S55.2.17")]
    public void Format_EraBoundariesAndExamples_UsesGannen(string iso, string full, string shortForm)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(full, JapaneseDate.Format(date));
        Assert.Equal(shortForm, JapaneseDate.FormatShort(date));
        Assert.Equal(date, JapaneseDate.Parse(full));
        Assert.Equal(date, JapaneseDate.Parse(shortForm));
    }

    [Theory]
    [InlineData("1980-02-17", "319800217")]
    [InlineData("1868-10-23", "118681023")]
    [InlineData("1912-07-30", "219120730")]
    [InlineData("1989-01-08", "419890108")]
    [InlineData("2019-05-01", "520190501")]
    public void JpkiBirthDate_Date_EraCodeThenGregorian(string iso, string expected)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(expected, JapaneseDate.JpkiBirthDate(date));
    }

    [Fact]
    public void EraOf_BeforeMeiji_Throws()
    {
        var before = new DateOnly(1868, 10, 22);

        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDate.EraOf(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDate.Format(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDate.JpkiBirthDate(before));
    }

    [Fact]
    public void Eras_FiveErasInOrder_AreContiguous()
    {
        var eras = JapaneseDate.Eras;

        Assert.Equal(["明治", "大正", "昭和", "平成", "令和"], eras.Select(e => e.Name));
        Assert.Equal("MTSHR", new string(eras.Select(e => e.Initial).ToArray()));
        Assert.Equal([1, 2, 3, 4, 5], eras.Select(e => e.JpkiCode));
        for (int i = 1; i < eras.Count; i++)
        {
            Assert.Equal(eras[i].FirstDay, eras[i - 1].LastDay!.Value.AddDays(1));
        }

        Assert.Null(eras[^1].LastDay);
    }

    [Theory]
    [InlineData("1912-07-29", "明治")]
    [InlineData("1912-07-30", "大正")]
    [InlineData("1926-12-24", "大正")]
    [InlineData("1926-12-25", "昭和")]
    [InlineData("1989-01-07", "昭和")]
    [InlineData("1989-01-08", "平成")]
    [InlineData("2019-04-30", "平成")]
    [InlineData("2019-05-01", "令和")]
    public void EraOf_Boundaries_SwitchOnTheFirstDay(string iso, string era)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(era, JapaneseDate.EraOf(date).Name);
        Assert.True(JapaneseDate.EraOf(date).Contains(date));
    }

    [Fact]
    public void YearOf_DateOutsideEra_Throws()
    {
        var reiwa = JapaneseDate.Eras[^1];

        Assert.Equal(1, reiwa.YearOf(new DateOnly(2019, 5, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reiwa.YearOf(new DateOnly(2019, 4, 30)));
    }

    [Theory]
    [InlineData("令和元年5月1日")]
    [InlineData("令和1年5月1日")]
    [InlineData("令和01年05月01日")]
    [InlineData("令和 元年 5月 1日")]
    [InlineData(" 令和元年　5月1日 ")]
    [InlineData("R1.5.1")]
    [InlineData("R01.05.01")]
    [InlineData("r1/5/1")]
    [InlineData("R1-5-1")]
    [InlineData("R元.5.1")]
    [InlineData("令和1.5.1")]
    [InlineData("令和1/5/1")]
    [InlineData("Ｒ１．５．１")]
    [InlineData("ｒ１／５／１")]
    [InlineData("Ｒ１－５－１")]
    [InlineData("令和１年５月１日")]
    [InlineData("㋿1年5月1日")]
    [InlineData("2019-05-01")]
    [InlineData("2019/5/1")]
    [InlineData("2019.5.1")]
    [InlineData("2019年5月1日")]
    [InlineData("20190501")]
    [InlineData("２０１９－０５－０１")]
    [InlineData("２０１９０５０１")]
    public void Parse_AcceptedForms_Reiwa1May1(string input)
    {
        Assert.Equal(new DateOnly(2019, 5, 1), JapaneseDate.Parse(input));
    }

    [Theory]
    [InlineData("H31.4.30", "2019-04-30")]
    [InlineData("平成31.4.30", "2019-04-30")]
    [InlineData("㍻31年4月30日", "2019-04-30")]
    [InlineData("S64.1.7", "1989-01-07")]
    [InlineData("T15.12.24", "1926-12-24")]
    [InlineData("M45.7.29", "1912-07-29")]
    [InlineData("m45/07/29", "1912-07-29")]
    [InlineData("大正元年7月30日", "1912-07-30")]
    [InlineData("昭和55年2月17日", "1980-02-17")]
    [InlineData("1800-01-01", "1800-01-01")]
    [InlineData("令和2年2月29日", "2020-02-29")]
    public void Parse_OtherEras_Gregorian(string input, string iso)
    {
        Assert.Equal(DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture), JapaneseDate.Parse(input));
    }

    [Theory]
    [InlineData("平成31年5月1日", "平成 ended on 2019-04-30, so 平成31年5月1日 does not exist (2019-05-01 is 令和元年5月1日)")]
    [InlineData("H31.5.1", "平成 ended on 2019-04-30, so 平成31年5月1日 does not exist (2019-05-01 is 令和元年5月1日)")]
    [InlineData("令和1年4月30日", "令和 began on 2019-05-01, so 令和元年4月30日 does not exist (2019-04-30 is 平成31年4月30日)")]
    [InlineData("昭和64年1月8日", "昭和 ended on 1989-01-07, so 昭和64年1月8日 does not exist (1989-01-08 is 平成元年1月8日)")]
    [InlineData("大正元年7月29日", "大正 began on 1912-07-30, so 大正元年7月29日 does not exist (1912-07-29 is 明治45年7月29日)")]
    [InlineData("明治元年1月1日", "明治 began on 1868-10-23, so 明治元年1月1日 does not exist")]
    [InlineData("令和2年2月30日", "令和2年2月30日 does not exist: month 2 of 2020 has 29 days")]
    [InlineData("R1.2.29", "令和元年2月29日 does not exist: month 2 of 2019 has 28 days")]
    [InlineData("2019-02-29", "2019-02-29 does not exist: month 2 of 2019 has 28 days")]
    [InlineData("2019年4月31日", "2019-04-31 does not exist: month 4 of 2019 has 30 days")]
    [InlineData("20191301", "2019-13-01 does not exist: there is no month 13")]
    [InlineData("R1.0.1", "令和元年0月1日 does not exist: there is no month 0")]
    [InlineData("2019-05-00", "2019-05-00 does not exist: month 5 of 2019 has 31 days")]
    [InlineData("0000-01-01", "year 0 does not exist; years start at 1")]
    [InlineData("令和0年5月1日", "era year 0 does not exist; the first year of 令和 is year 1 (元年)")]
    [InlineData("R0.5.1", "era year 0 does not exist; the first year of 令和 is year 1 (元年)")]
    [InlineData("天保3年1月1日", "unknown era '天保'; expected an era name (明治, 大正, 昭和, 平成 or 令和) or its initial M, T, S, H or R")]
    [InlineData("X1.5.1", "unknown era 'X'; expected an era name (明治, 大正, 昭和, 平成 or 令和) or its initial M, T, S, H or R")]
    [InlineData("Reiwa1.5.1", "unknown era 'Reiwa'; expected an era name (明治, 大正, 昭和, 平成 or 令和) or its initial M, T, S, H or R")]
    [InlineData("", "a date is required; the input is empty")]
    [InlineData("  ", "a date is required; the input is empty")]
    [InlineData("R", "expected the year of 令和 (元 or 1–2 digits) after the era; use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("令和100年1月1日", "expected the year of 令和 (元 or 1–2 digits) after the era; use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("R2019.5.1", "expected the year of 令和 (元 or 1–2 digits) after the era; use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("R1.5", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("R1.5/1", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("令和元年5月1", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("2019-5-1x", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("19-5-1", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("2019-123-1", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    [InlineData("201905011", "not a date: use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01")]
    public void TryParse_Invalid_ExplainsWhy(string input, string message)
    {
        Assert.False(JapaneseDate.TryParse(input, out var date, out var error));
        Assert.Equal(default, date);
        Assert.Equal(message, error.En);
        Assert.Matches(@"[\u3040-\u30FF\u4E00-\u9FFF]", error.Ja);
        Assert.Equal(message, Assert.Throws<FormatException>(() => JapaneseDate.Parse(input)).Message);
    }

    [Fact]
    public void TryParse_Null_ReportsEmpty()
    {
        Assert.False(JapaneseDate.TryParse(null, out _, out var error));
        Assert.Equal("a date is required; the input is empty", error.En);
        Assert.Equal("日付を入力してください。", error.Ja);
        Assert.Throws<ArgumentNullException>(() => JapaneseDate.Parse(null!));
    }

    [Fact]
    public void TryParse_Valid_ErrorIsEmpty()
    {
        Assert.True(JapaneseDate.TryParse("R1.5.1", out _, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void FormatThenParse_EveryDay1989To2020_RoundTrips()
    {
        for (var date = new DateOnly(1989, 1, 1); date <= new DateOnly(2020, 12, 31); date = date.AddDays(1))
        {
            Assert.Equal(date, JapaneseDate.Parse(JapaneseDate.Format(date)));
            Assert.Equal(date, JapaneseDate.Parse(JapaneseDate.FormatShort(date)));
            Assert.Equal(JapaneseDate.EraOf(date).JpkiCode, JapaneseDate.JpkiBirthDate(date)[0] - '0');
        }
    }

    [Theory]
    [InlineData("th-TH")]
    [InlineData("ja-JP")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    public void FormatAndParse_AnyCurrentCulture_SameResult(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var date = new DateOnly(1980, 2, 17);

            Assert.Equal("昭和55年2月17日", JapaneseDate.Format(date));
            Assert.Equal("S55.2.17", JapaneseDate.FormatShort(date));
            Assert.Equal("319800217", JapaneseDate.JpkiBirthDate(date));
            Assert.Equal(date, JapaneseDate.Parse("1980-02-17"));
            Assert.Equal("2019-02-29 does not exist: month 2 of 2019 has 28 days",
                Assert.Throws<FormatException>(() => JapaneseDate.Parse("2019-02-29")).Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
