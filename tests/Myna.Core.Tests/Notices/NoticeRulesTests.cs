using Myna.Core.Notices;
using Myna.Core.Residents;

namespace Myna.Core.Tests.Notices;

public sealed class NoticeRulesTests
{
    [Theory]
    [InlineData("2015-10-05", NoticeKind.NotificationCard)]
    [InlineData("2020-05-24", NoticeKind.NotificationCard)]
    [InlineData("2020-05-25", NoticeKind.NotificationLetter)]
    [InlineData("2026-11-24", NoticeKind.NotificationLetter)]
    public void NoticeKind_FollowsTheDate(string date, NoticeKind expected) =>
        Assert.Equal(expected, NoticeKinds.For(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    private static ResidenceRegistration Valid() => new()
    {
        ResidentId = 1,
        Reason = ResidenceReason.DisasterEvacuee,
        Delivery = DeliveryKind.Residence,
        Address = "宮城県仙台市青葉区国分町3丁目7番1号",
        PostalCode = "980-8671",
        IdDocumentChecked = true,
        DeliveryProofChecked = true,
        ReceivedOn = new DateOnly(2026, 9, 1),
        RecordedBy = "",
    };

    private static IEnumerable<string> Fields(ResidenceRegistration r, RegistrationWindow? window = null) =>
        ResidenceRules.Check(r, window).Select(p => p.Field);

    [Fact]
    public void Residence_Complete_HasNoProblems() => Assert.Empty(Fields(Valid()));

    [Fact]
    public void Residence_OutsideTheWindow_IsRefusedWithTheWindowNamed()
    {
        var r = Valid();
        r.ReceivedOn = new DateOnly(2026, 10, 1);
        var problem = Assert.Single(ResidenceRules.Check(r, new RegistrationWindow(new(2026, 9, 1), new(2026, 9, 30))));
        Assert.Equal(nameof(r.ReceivedOn), problem.Field);
        Assert.Contains("2026-09-01 – 2026-09-30", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldAtOffice_IsOnlyForAbuseVictims()
    {
        var r = Valid();
        r.Delivery = DeliveryKind.HeldAtOffice;
        Assert.Contains(nameof(r.Delivery), Fields(r));
        r.Reason = ResidenceReason.AbuseVictim;
        r.DeliveryProofChecked = false; // nothing to prove: the office is the place
        Assert.Empty(Fields(r));
    }

    [Theory]
    [InlineData(ResidenceReason.AbuseVictim, true)]
    [InlineData(ResidenceReason.HospitalOrFacility, true)]
    [InlineData(ResidenceReason.DisasterEvacuee, false)]
    [InlineData(ResidenceReason.Other, false)]
    public void HoldAtOffice_HospitalOrFacilityResidentsToo_OthersRefusedWithTheReasons(ResidenceReason reason, bool allowed)
    {
        var r = Valid();
        r.Reason = reason;
        r.ReasonDetail = "単身赴任先で受け取れない";
        r.Delivery = DeliveryKind.HeldAtOffice;
        r.DeliveryProofChecked = false;

        var problems = ResidenceRules.Check(r, null);

        if (allowed)
        {
            Assert.Empty(problems);
        }
        else
        {
            var problem = Assert.Single(problems);
            Assert.Equal(nameof(r.Delivery), problem.Field);
            Assert.Contains("long-term hospital or facility residents", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Proxy_NeedsNameAddressAndProofOfAuthority()
    {
        var r = Valid();
        r.Delivery = DeliveryKind.Proxy;
        Assert.Equal([nameof(r.ProxyName), nameof(r.ProxyAddress), nameof(r.ProxyAuthorityChecked)], Fields(r));
        r.ProxyName = "代理　花子";
        r.ProxyAddress = "宮城県石巻市穀町1番1号";
        r.ProxyPostalCode = "98685";
        r.ProxyAuthorityChecked = true;
        Assert.Equal([nameof(r.ProxyPostalCode)], Fields(r));
    }

    [Fact]
    public void Residence_ChecksDocumentsReasonAndConsent()
    {
        var r = Valid();
        r.IdDocumentChecked = false;
        r.DeliveryProofChecked = false;
        r.Reason = ResidenceReason.Other;
        r.ConsentToShare = true;
        r.Address = " ";
        Assert.Equal(
            [nameof(r.Address), nameof(r.ReasonDetail), nameof(r.IdDocumentChecked), nameof(r.DeliveryProofChecked), nameof(r.ConsentToShare)],
            Fields(r));
    }

    [Fact]
    public void ReturnedMail_IsKeptThreeMonths() =>
        Assert.Equal(new DateOnly(2027, 2, 28), ReturnedMailRules.KeepUntil(new DateOnly(2026, 11, 30)));

    [Theory]
    [InlineData(ResidentStatus.Active, true, ReturnFinding.StillResident)]
    [InlineData(ResidentStatus.Active, false, ReturnFinding.MovedWithin)]
    [InlineData(ResidentStatus.MovedOut, false, ReturnFinding.MovedOut)]
    [InlineData(ResidentStatus.Deceased, true, ReturnFinding.Deleted)]
    [InlineData(ResidentStatus.DeletedExOfficio, true, ReturnFinding.Deleted)]
    public void Finding_ComesFromTheRegister(ResidentStatus status, bool sameAddress, ReturnFinding expected) =>
        Assert.Equal(expected, ReturnedMailRules.Find(status, sameAddress));

    [Fact]
    public void Actions_FollowTheTableOfSection3_3()
    {
        var keep = new DateOnly(2027, 2, 24);
        var today = new DateOnly(2026, 12, 1);
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend, ReturnAction.Remind],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.StillResident, ReturnReason.AddresseeUnknown, keep, today));
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.StillResident, ReturnReason.Refused, keep, today));
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend],
            ReturnedMailRules.Allowed(MailState.ReminderSent, ReturnFinding.StillResident, ReturnReason.AddresseeUnknown, keep, today));
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.MovedWithin, ReturnReason.AddresseeUnknown, keep, today));
        Assert.Equal([ReturnAction.Dispose],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.MovedOut, ReturnReason.AddresseeUnknown, keep, today));
        Assert.Equal([ReturnAction.Dispose],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.Deleted, ReturnReason.Other, keep, today));
        // Not collected within 3 months: only return registration and disposal.
        Assert.Equal([ReturnAction.Dispose],
            ReturnedMailRules.Allowed(MailState.Returned, ReturnFinding.StillResident, ReturnReason.StorageExpired, keep, keep.AddDays(1)));
        Assert.Empty(ReturnedMailRules.Allowed(MailState.Sent, ReturnFinding.StillResident, ReturnReason.Other, keep, today));
        Assert.Empty(ReturnedMailRules.Allowed(MailState.Disposed, ReturnFinding.StillResident, ReturnReason.Other, keep, today));
    }
}
