using Myna.Core.Lifecycle;
using Myna.Core.SupportMeasures;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// Every state the officer's pages name has words in both languages (DOMAIN §9), so no raw key reaches the officer; the desk's
/// refusals are catalogue entries (<see cref="SupportMeasureMessages"/>, walked by the catalogue's own tests), named after their field.
/// </summary>
public sealed class SupportMeasureWordsTests
{
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var k in Enum.GetNames<SupportMeasureKind>().Select(s => "sm.kind." + s)
            .Concat(Enum.GetNames<SupportBasisKind>().Select(s => "sm.basis." + s))
            .Concat(Enum.GetNames<SupportMeasureEventKind>().Select(s => "sm.event." + s))
            .Concat(Enum.GetNames<SupportPersonRole>().Select(s => "sm.role." + s))
            .Concat(Enum.GetNames<ForwardReason>().Select(s => "sm.forward.reason." + s))
            .Concat(["sm.f.destination"])
            .Concat(Enum.GetNames<SupportMeasureListState>().Select(s => "sm.filter." + s))
            .Concat(["sm.state.Active", "sm.state.Lifted", "sm.state.Ended", "sm.state.NotStarted"]))
        {
            keys.Add(k);
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Words_EveryKey_HasJapaneseAndEnglish(string key)
    {
        var ja = new UiText("ja")[key];
        var en = new UiText("en")[key];
        Assert.NotEqual(key, ja);
        Assert.NotEqual(key, en);
        Assert.NotEqual(ja, en);
    }

    [Fact]
    public void Error_ADeskRefusal_NamesTheFieldAndTheReasonInTheReadersLanguage()
    {
        var ja = new UiText("ja");
        var en = new UiText("en");
        var endFirst = new SupportMeasureException("endsOn", "end-before-start", SupportMeasureMessages.EndBeforeStart);
        Assert.Equal("終了日: 終了日が開始日より前になっています。", SupportMeasureWords.Error(ja, endFirst));
        Assert.Equal("end: the end cannot be before the start", SupportMeasureWords.Error(en, endFirst));
        Assert.Equal("加害者 3 行目: 加害者に措置の対象者を登録することはできません。",
            SupportMeasureWords.Error(ja, new SupportMeasureException("offenders[2]", "offender-is-covered", SupportMeasureMessages.OffenderIsCovered)));
        // The reason's arguments are shown in the reader's language too: a date with its era in Japanese.
        var lifted = new SupportMeasureException("measureId", "lifted", SupportMeasureMessages.Lifted.With(LifecycleMessages.Day(new DateOnly(2026, 12, 7))));
        Assert.Equal("支援措置: この支援措置は 令和8年12月7日（2026-12-07） にすでに解除されています。続けて支援が必要なときは新しい申出を登録してください。",
            SupportMeasureWords.Error(ja, lifted));
        Assert.Equal("the measure was lifted on 2026-12-07 (令和8年12月7日): a new application is needed", lifted.Message);
    }
}
