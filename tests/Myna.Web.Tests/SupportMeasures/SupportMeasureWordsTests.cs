using Myna.Core.SupportMeasures;
using Myna.Data.SupportMeasures;
using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>Every refusal of the desk and every state the officer's pages name has words in both languages (DOMAIN §9), so no raw key reaches the officer.</summary>
public sealed class SupportMeasureWordsTests
{
    /// <summary>The keys <see cref="SupportMeasureDesk"/> and <see cref="SupportMeasureForwarding"/> refuse with (and the pages' own date refusal).</summary>
    private static readonly string[] Refusals =
    [
        "kind", "basis", "basis-future", "end-before-start", "end-too-late", "no-resident", "not-resident", "extend-not-later", "extend-too-late",
        "applicant-away", "already-covered", "member-is-offender", "not-covered", "relax-applicant", "lifted", "ended", "no-measure",
        "member-is-applicant", "member-not-sharing", "offender-name", "offender-is-covered", "relax-reason", "lift-reason", "date",
        // SupportMeasureForwarding's refusals of the officer's "forward to 〇〇".
        "forward-destination", "forward-unknown-municipality", "forward-here",
    ];

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var k in Refusals.Select(r => "sm.error." + r)
            .Concat(Enum.GetNames<SupportMeasureKind>().Select(s => "sm.kind." + s))
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
    public void Error_ADeskRefusal_NamesTheFieldAndTheReasonInJapanese()
    {
        var ja = new UiText("ja");
        Assert.Equal("終了日: 終了日が開始日より前になっています。", SupportMeasureWords.Error(ja, new SupportMeasureException("endsOn", "end-before-start", "the end cannot be before the start")));
        Assert.StartsWith("加害者 3 行目: ", SupportMeasureWords.Error(ja, new SupportMeasureException("offenders[2]", "offender-is-covered", "x")), StringComparison.Ordinal);
        // A key without words falls back to the desk's own sentence rather than showing a raw key.
        Assert.Equal("支援措置: a new rule", SupportMeasureWords.Error(ja, new SupportMeasureException("measureId", "unknown-key", "a new rule")));
    }
}
