using Myna.Core.Applications;
using Myna.Testing;

namespace Myna.Core.Tests.Applications;

public sealed class PhotoCheckTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static string[] Codes(byte[] file) => PhotoCheck.Check(file, Today).Problems.Select(p => p.Code).ToArray();

    [Fact]
    public void GoodPhoto_PassesWithItsFacts()
    {
        var (facts, problems) = PhotoCheck.Check(TestPhotos.Jpeg(600, 800, 40_000, new DateOnly(2026, 10, 1)), Today);
        Assert.Empty(problems);
        Assert.Equal(new PhotoFacts(600, 800, 40_000, new DateOnly(2026, 10, 1)), facts);
    }

    [Fact]
    public void Pixels_MessageCarriesTheSizeAndTheBounds()
    {
        var pixels = PhotoCheck.Check(TestPhotos.Jpeg(400, 300), Today).Problems.Single();
        Assert.Equal(["400", "300", "480", "6000"], pixels.Text.Args);
        Assert.Equal("写真の大きさが 400×300 ピクセルです。幅・高さとも480〜6000ピクセルにしてください。", pixels.Text.Ja);
        Assert.Equal("The photo is 400×300 pixels; width and height must each be 480–6000 pixels.", pixels.Text.En);
    }

    [Fact]
    public void Deficiencies_KeepTheirCodes_AndTheJapaneseTheApplicationStores()
    {
        Assert.Equal(["not-frontal", "hat", "background", "face-size", "blurred", "eyes", "other-person", "edited"], PhotoDeficiencies.All.Select(d => d.Code));
        Assert.Equal("帽子等をかぶっている", PhotoDeficiencies.Ja("hat"));
        Assert.Equal("Wearing a hat or head covering", PhotoDeficiencies.Find("hat")!.En);
        Assert.Null(PhotoDeficiencies.Ja("sunglasses"));
    }

    [Theory]
    [InlineData(479, 800, "pixels")]
    [InlineData(600, 6001, "pixels")]
    [InlineData(480, 6000, null)]
    public void PixelBounds_AreInclusive(int width, int height, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected], Codes(TestPhotos.Jpeg(width, height)));

    [Fact]
    public void Size_AndFormat_AreCheckedWithPreciseMessages()
    {
        var small = PhotoCheck.Check(TestPhotos.Jpeg(bytes: 20 * 1024 - 1), Today).Problems.Single();
        Assert.Equal("too-small", small.Code);
        Assert.Contains("20KB以上", small.Text.Ja, StringComparison.Ordinal);
        Assert.Equal("photo-rule.too-small", small.Text.Code);
        Assert.Equal("The file is too small (20KB); it must be at least 20 KB.", small.Text.En);
        Assert.Equal(["too-large"], Codes(TestPhotos.Jpeg(bytes: 7 * 1024 * 1024 + 1)));
        Assert.Equal([], Codes(TestPhotos.Jpeg(bytes: 7 * 1024 * 1024)));
        var png = new byte[30_000];
        new byte[] { 0x89, 0x50, 0x4E, 0x47 }.CopyTo(png, 0);
        Assert.Equal(["not-jpeg"], Codes(png));
    }

    [Fact]
    public void ShootingDate_OlderThanSixMonths_IsRefused_AndAMissingDateIsLeftToTheReviewer()
    {
        var old = PhotoCheck.Check(TestPhotos.Jpeg(takenOn: new DateOnly(2026, 5, 23)), Today).Problems.Single();
        Assert.Equal(("too-old", "photo-rule.too-old"), (old.Code, old.Text.Code));
        Assert.Equal("撮影日が 令和8年5月23日（2026-05-23） です。6か月以内に撮影した写真にしてください。", old.Text.Ja);
        Assert.Equal("The photo was taken on 2026-05-23 (令和8年5月23日); it must be taken within 6 months.", old.Text.En);
        Assert.Equal([], Codes(TestPhotos.Jpeg(takenOn: new DateOnly(2026, 5, 24))));
        Assert.Equal([], Codes(TestPhotos.Jpeg()));
    }

    [Theory]
    [InlineData("2011-11-24", "2026-11-24", 15)]
    [InlineData("2011-11-25", "2026-11-24", 14)]
    [InlineData("2008-02-29", "2023-02-28", 14)]
    public void Age_CountsWholeYears(string birth, string on, int age) =>
        Assert.Equal(age, ApplicationRules.AgeOn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("https://myna.example/apply?id=04202112345678901234565", "04202112345678901234565")]
    [InlineData("http://localhost:5080/apply?lang=ja&id=04202112345678901234565&x=1", "04202112345678901234565")]
    [InlineData(" 0420 2112 3456 7890 1234 565 ", "0420 2112 3456 7890 1234 565")]
    public void ScannedQr_YieldsTheApplicationId(string scanned, string expected) =>
        Assert.Equal(expected, ApplicationRules.IdFromScan(scanned));
}
