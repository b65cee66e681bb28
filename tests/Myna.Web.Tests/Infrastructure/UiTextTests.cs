using Myna.Core.Applications;
using Myna.Core.Appointments;
using Myna.Core.Issuance;
using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>Every state the pages name by key has words in both languages, so no raw key ever reaches a screen.</summary>
public sealed class UiTextTests
{
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var s in Enum.GetNames<ApplicationStatus>())
        {
            keys.Add("app.status." + s);
            keys.Add("app.status.public." + s);
        }
        foreach (var s in Enum.GetNames<IssuanceOutcome>())
        {
            keys.Add("window.outcome." + s);
        }
        foreach (var s in Enum.GetNames<AppointmentState>())
        {
            keys.Add("appt.state." + s);
        }
        foreach (var s in Enum.GetNames<SessionKind>())
        {
            keys.Add("book.kind." + s);
        }
        foreach (var s in Enum.GetValues<CardProblem>())
        {
            keys.Add(CardProblems.Of(s).Code); // a catalogue entry for every problem
        }
        foreach (var k in VerificationCaseJson.Kinds.Except([IdentityVerification.InquiryReply, IdentityVerification.Receipt]))
        {
            keys.Add("idv.kind." + k);
        }
        foreach (var d in Enum.GetNames<DayOfWeek>())
        {
            keys.Add("appt.day." + d);
        }
        foreach (var c in new[] { "email", "phone", "post" })
        {
            keys.Add("appt.channel." + c);
        }
        // The card lifecycle (DOMAIN §8): every kind the timeline and the card page name.
        foreach (var s in Enum.GetNames<Core.Lifecycle.LifecycleKind>())
        {
            keys.Add("lifecycle." + s);
        }
        foreach (var s in Enum.GetNames<CardState>())
        {
            keys.Add("cards.state." + s);
        }
        foreach (var s in Enum.GetValues<Core.Lifecycle.ReissueCause>())
        {
            keys.Add(Core.Lifecycle.ReissueCauses.Of(s).Code); // a catalogue entry for every cause
        }
        foreach (var s in Enum.GetNames<Core.Lifecycle.HeldCardState>())
        {
            keys.Add("life.held." + s);
        }
        foreach (var s in Enum.GetNames<Core.Lifecycle.ReplacementState>().Select(s => "life.replacement." + s)
            .Concat(Enum.GetNames<Core.Lifecycle.ReplacementKind>().Select(s => "life.kind." + s))
            .Concat(Enum.GetNames<PinKind>().Select(s => "pin.kind." + s))
            .Concat(Enum.GetNames<Myna.National.Jpki.CertificateStatus>().Select(s => "life.cert.status." + s))
            .Concat(Enum.GetNames<Myna.National.Cards.CallCentreOutcome>().Select(s => "cc.outcome." + s))
            .Concat(["national.suspended", "life.cert.sign", "life.cert.auth"]))
        {
            keys.Add(s);
        }
        foreach (var s in Enum.GetNames<Core.Residents.ResidentEventType>())
        {
            keys.Add("event." + s);
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void HasJapaneseAndEnglish(string key)
    {
        Assert.NotEqual(key, new UiText("ja")[key]);
        Assert.NotEqual(key, new UiText("en")[key]);
    }
}
