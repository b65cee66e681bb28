using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Municipal.Issuance;
using Myna.Pki.Card;
using Myna.Testing;

namespace Myna.Municipal.Tests.Issuance;

/// <summary>The hand-over at the window (DOMAIN §6.4): scan, identity, checks, PINs on the pad, hand-over; a proxy; a stop.</summary>
public sealed class WindowDeskTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static VerificationCase Case(bool proxy, params PresentedDocument[] documents) =>
        new(proxy, documents, Today, ProxyReasonDocument: proxy, ProxyAuthorisation: proxy);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnOrdinaryHandOver_ThenAProxy_ThenAStop(string provider)
    {
        await using var stores = await CardScenarios.ReadyCardsAsync(provider);
        await using var db = stores.OpenMunicipal();
        var letters = await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk", size: 10);
        var window = stores.Runtime.WindowDesk(TestStores.Ishinomaki);

        // 1. The notice's QR code is scanned (printed 4-4-4, read as digits).
        var started = await window.StartAsync(db, letters[0].Number, desk: 1, "clerk");
        Assert.Equal(CardState.NoticeSent, started.Card.State);
        Assert.Equal(started.Issuance.Id, (await window.StartAsync(db, $"{letters[0].Number[..4]}-{letters[0].Number[4..8]}-{letters[0].Number[8..]}", 1, "clerk")).Issuance.Id);
        var unknown = await Assert.ThrowsAsync<CardSafeException>(() => window.StartAsync(db, "123", 1, "clerk"));
        Assert.Contains("12-digit number", unknown.Message, StringComparison.Ordinal);
        var id = started.Issuance.Id;

        // 2. Identity: one 甲 alone is not enough; the engine says what is missing and nothing is recorded.
        var lacking = await window.VerifyIdentityAsync(db, id, Case(false, new PresentedDocument("drivers-license")), "{}", null, null);
        Assert.False(lacking.Verified);
        Assert.Contains(lacking.Missing, m => m.En.Contains("PIN entry, an IC-chip check or questioning", StringComparison.Ordinal));
        Assert.Null(await PadAsync(db, 1)); // not verified: the pad waits
        var verified = await window.VerifyIdentityAsync(db, id, Case(false, new PresentedDocument("drivers-license"), new PresentedDocument("passport")), "{}", null, null);
        Assert.Equal("B", verified.Method);
        var early = await Assert.ThrowsAsync<CardSafeException>(() => window.CompleteAsync(db, id, true, false, false, "clerk"));
        Assert.Contains("checks", early.Message, StringComparison.Ordinal);

        // 3–4. Checks, then the resident's PINs on the pad: a weak one is explained, a typo is caught, then accepted.
        await WindowDesk.RecordChecksAsync(db, id, photoMatches: true, faceChecked: true, registerMatchesDocuments: true);
        var pad = await PadAsync(db, 1);
        Assert.Equal(started.Card.FullName, pad!.FullName);
        Assert.True(pad.SignaturePin);
        var birth = started.Card.BirthDate;
        var weak = await window.SubmitPinsAsync(db, id, birth.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture),
            birth.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture), "MYNA2026", "MYNA2026", "pinpad");
        Assert.False(weak.Accepted);
        Assert.Equal(PinKind.UserAuthentication, weak.Refused);
        Assert.Contains("生年月日", weak.Reason!.Japanese, StringComparison.Ordinal);
        var typo = await window.SubmitPinsAsync(db, id, "2580", "2580", "MYNA2026", "MYNA2027", "pinpad");
        Assert.Equal(("mismatch", PinKind.Signature), (typo.Reason!.Code, typo.Refused));
        var set = await window.SubmitPinsAsync(db, id, "2580", "2580", "myna2026", "MYNA2026", "pinpad");
        Assert.True(set.Accepted);
        Assert.Null(await PadAsync(db, 1));

        // 5–6. Hand-over.
        var done = await window.CompleteAsync(db, id, alternativeCharactersConfirmed: true, jukiCardCollected: true, notificationCardCollected: true, "clerk");
        Assert.Equal((IssuanceOutcome.Issued, CardState.Issued), (done.Issuance.Outcome, done.Card.State));
        Assert.Equal(2, (await db.WindowIssuances.AsNoTracking().SingleAsync(i => i.Id == id)).PinRefusals);
        Assert.NotNull(done.Issuance.EndedAt);
        Assert.Equal(ApplicationStatus.CardIssued, (await db.CardApplications.AsNoTracking().SingleAsync(a => a.ApplicationId == done.Card.ApplicationId)).Status);
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, done.Card.Serial);
            var reader = new ChipReader(chip);
            reader.Select(CardApplications.Jpki);
            Assert.True(reader.Verify(CardFiles.UserPin, "2580"));
            Assert.True(reader.Verify(CardFiles.SignaturePin, "MYNA2026"));
        }
        var twice = await Assert.ThrowsAsync<CardSafeException>(() => window.StartAsync(db, letters[0].Number, 1, "clerk"));
        Assert.Contains("already been handed over", twice.Message, StringComparison.Ordinal);

        // A proxy, found by the application ID: the proxy's own documents and the applicant's, plus the reason and the authorisation.
        var applicationId = await db.Cards.Where(c => c.Id == letters[1].CardId).Join(db.CardApplications, c => c.CardApplicationId, a => a.Id, (c, a) => a.ApplicationId)
            .SingleAsync();
        var proxyCase = await window.StartAsync(db, applicationId, 2, "clerk");
        var noReason = await window.VerifyIdentityAsync(db, proxyCase.Issuance.Id, Case(true, new PresentedDocument("passport", DocumentHolder.Proxy),
            new PresentedDocument("drivers-license", DocumentHolder.Proxy), new PresentedDocument("health-insurance-card"), new PresentedDocument("passport")), "{}", "代理　花子", null);
        Assert.Contains(noReason.Missing, m => m.En.Contains("why the applicant cannot come", StringComparison.Ordinal));
        var byProxy = await window.VerifyIdentityAsync(db, proxyCase.Issuance.Id, Case(true, new PresentedDocument("passport", DocumentHolder.Proxy),
            new PresentedDocument("drivers-license", DocumentHolder.Proxy), new PresentedDocument("health-insurance-card"), new PresentedDocument("passport")), "{}", "代理　花子", "入院中");
        Assert.Equal("proxy B + applicant B", byProxy.Method);
        await WindowDesk.RecordChecksAsync(db, proxyCase.Issuance.Id, true, true, true);
        // This resident keeps three different 4-digit PINs (§6.6 allows one value or three); a typo in one is caught by name.
        var assistTypo = await window.SubmitPinsAsync(db, proxyCase.Issuance.Id,
            new PadPins("7391", "7391", "KAGI7391", "KAGI7391", InputAssist: "4826", InputAssistAgain: "4827", ResidentRegister: "5937", ResidentRegisterAgain: "5937"), "pinpad");
        Assert.Equal(("mismatch", PinKind.InputAssist), (assistTypo.Reason!.Code, assistTypo.Refused));
        var weakJuki = await window.SubmitPinsAsync(db, proxyCase.Issuance.Id,
            new PadPins("7391", "7391", "KAGI7391", "KAGI7391", InputAssist: "4826", InputAssistAgain: "4826", ResidentRegister: "1111", ResidentRegisterAgain: "1111"), "pinpad");
        Assert.Equal(PinKind.ResidentRegister, weakJuki.Refused);
        Assert.True((await window.SubmitPinsAsync(db, proxyCase.Issuance.Id,
            new PadPins("7391", "7391", "KAGI7391", "KAGI7391", InputAssist: "4826", InputAssistAgain: "4826", ResidentRegister: "5937", ResidentRegisterAgain: "5937"), "pinpad")).Accepted);
        var proxyDone = await window.CompleteAsync(db, proxyCase.Issuance.Id, true, false, false, "clerk");
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var reader = new ChipReader(await stores.Runtime.CardChips().LoadAsync(national, proxyDone.Card.Serial));
            reader.Select(CardApplications.Jpki);
            Assert.True(reader.Verify(CardFiles.UserPin, "7391"));
            reader.Select(CardApplications.InputAssist);
            Assert.True(reader.Verify(CardFiles.InputAssistPin, "4826"));
            reader.Select(CardApplications.ResidentRegister);
            Assert.True(reader.Verify(CardFiles.ResidentRegisterPin, "5937"));
        }
        Assert.True(proxyDone.Issuance.ByProxy);
        Assert.Equal("入院中", proxyDone.Issuance.ProxyReason);

        // A photo that clearly differs: unticking it stops nothing; the stop is its own step with its reason. The card stays in the safe.
        var third = await window.StartAsync(db, letters[2].Number, 1, "clerk");
        await window.VerifyIdentityAsync(db, third.Issuance.Id, Case(false, new PresentedDocument("drivers-license"), new PresentedDocument("passport")), "{}", null, null);
        var unticked = await WindowDesk.RecordChecksAsync(db, third.Issuance.Id, photoMatches: false, faceChecked: true, registerMatchesDocuments: true);
        Assert.Equal([WindowCheck.Photo], unticked.Unticked);
        Assert.Equal(IssuanceOutcome.InProgress, unticked.Case.Issuance.Outcome);
        var stopped = await window.StopAsync(db, third.Issuance.Id, IssuanceStopReason.PhotoDiffers, null, "clerk");
        Assert.Equal((IssuanceOutcome.Stopped, IssuanceStopReason.PhotoDiffers), (stopped.Case.Issuance.Outcome, stopped.Case.Issuance.StopReason));
        Assert.Equal(CardState.NoticeSent, stopped.Case.Card.State);
    }

    private static Task<PadRequest?> PadAsync(MunicipalDb db, int desk) => WindowDesk.PadRequestAsync(db, desk);
}
