using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.Notices;
using Myna.Testing;
using static Myna.Testing.RegisterScenarios;

namespace Myna.Municipal.Tests.Notices;

public sealed class MailTrackingTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Returned_StillResident_IsResentInAResendBatch_WithTheSameNotices(string provider)
    {
        var (stores, mail, _) = await PostedAsync(provider, 20);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var found = await MailTracking.FindAsync(db, "123456780001");
        Assert.NotNull(found);

        var booked = await mail.BookReturnAsync(db, found.Id, ReturnReason.Refused, "clerk");

        Assert.Equal((MailState.Returned, new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 1)), (booked.State, booked.ReturnedOn, booked.KeepUntil));
        var again = await Assert.ThrowsAsync<MailRuleException>(() => mail.BookReturnAsync(db, found.Id, ReturnReason.Refused, "clerk"));
        Assert.Contains("already booked", again.Message, StringComparison.Ordinal);
        var view = await mail.CaseAsync(db, found.Id, maySeeProtected: false);
        Assert.Equal(ReturnFinding.StillResident, view!.Finding);
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend], view.Allowed);
        await Assert.ThrowsAsync<MailRuleException>(() => mail.ActAsync(db, found.Id, ReturnAction.Dispose, null, "clerk"));

        await mail.ActAsync(db, found.Id, ReturnAction.Resend, "本人から電話あり", "clerk");

        var resend = await db.NoticeBatches.SingleAsync(b => b.IsResend);
        var copy = await db.NoticeEnvelopes.SingleAsync(e => e.BatchId == resend.Id);
        Assert.Equal((found.Id, MailState.Prepared), (copy.ResendOfId, copy.State));
        var original = await stores.Runtime.NoticePrintData(TestStores.Ishinomaki).ReadAsync(db, found.BatchId).Where(r => r.EnvelopeSequence == found.Sequence).ToListAsync();
        var resent = await stores.Runtime.NoticePrintData(TestStores.Ishinomaki).ReadAsync(db, resend.Id).ToListAsync();
        Assert.Equal(original.Select(r => r.ApplicationId), resent.Select(r => r.ApplicationId));
        var history = await db.MailEvents.Where(m => m.EnvelopeId == found.Id).OrderBy(m => m.Id).Select(m => m.ToState).ToListAsync();
        Assert.Equal([MailState.Sent, MailState.Returned, MailState.Resent], history);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AResend_ForAResidentProtectedSinceTheFirstRun_WaitsAtTheOffice_NeverAtTheRegisteredAddress(string provider)
    {
        var (stores, mail, _) = await PostedAsync(provider, 20);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var envelope = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).FirstAsync();
        var residentId = await db.Notices.Where(n => n.EnvelopeId == envelope.Id).Select(n => n.ResidentId).FirstAsync();
        await mail.BookReturnAsync(db, envelope.Id, ReturnReason.Refused, "clerk");
        await RegisterScenarios.ProtectAsync(stores, db, residentId); // §9 support measure granted meanwhile

        // A clerk without the right sees the case with the address withheld, and the attempt is logged for the officer (§9).
        var seen = await mail.CaseAsync(db, envelope.Id, maySeeProtected: false, actor: "clerk");
        Assert.True(seen!.AddressWithheld);
        var logged = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == Core.Audit.AuditActions.ProtectedAddressRefused);
        Assert.Equal("returned mail", logged.Detail);
        Assert.Contains(residentId.ToString(System.Globalization.CultureInfo.InvariantCulture), logged.Subject["resident:".Length..].Split(','));

        await mail.ActAsync(db, envelope.Id, ReturnAction.Resend, null, "clerk");

        var copy = await db.NoticeEnvelopes.AsNoTracking().SingleAsync(e => e.ResendOfId == envelope.Id);
        Assert.Equal((DeliveryKind.HeldAtOffice, MailState.HeldAtOffice, null), (copy.Delivery, copy.State, copy.PostalCode));
        Assert.Equal(NoticeGeneration.OfficeAddressOf(stores.Runtime.Municipality(TestStores.Ishinomaki)), copy.Address);
        Assert.NotEqual(envelope.Address, copy.Address);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Returned_MovedOut_OrPastThreeMonths_OnlyDisposal(string provider)
    {
        var (stores, mail, clock) = await PostedAsync(provider, 20);
        await using var _s = stores;
        await using var db = stores.OpenMunicipal();
        var envelopes = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).Take(2).ToListAsync();
        var movedOut = await db.Residents.SingleAsync(r => r.Id == db.Notices.First(n => n.EnvelopeId == envelopes[0].Id).ResidentId);
        movedOut.Status = ResidentStatus.MovedOut;
        await db.SaveChangesAsync();
        await mail.BookReturnAsync(db, envelopes[0].Id, ReturnReason.AddresseeUnknown, "clerk");
        await mail.BookReturnAsync(db, envelopes[1].Id, ReturnReason.AddresseeUnknown, "clerk");

        Assert.Equal([ReturnAction.Dispose], (await mail.CaseAsync(db, envelopes[0].Id, false))!.Allowed);
        Assert.Equal([ReturnAction.HandOver, ReturnAction.Resend, ReturnAction.Remind], (await mail.CaseAsync(db, envelopes[1].Id, false))!.Allowed);
        Assert.Empty(await mail.DueAsync(db, false));

        clock.Now = clock.Now.AddMonths(3).AddDays(-3);
        Assert.Equal(2, (await mail.DueAsync(db, false)).Count);
        clock.Now = clock.Now.AddDays(4);
        Assert.Equal([ReturnAction.Dispose], (await mail.CaseAsync(db, envelopes[1].Id, false))!.Allowed);

        await mail.ActAsync(db, envelopes[1].Id, ReturnAction.Dispose, null, "clerk");
        Assert.Equal(MailState.Disposed, (await db.NoticeEnvelopes.AsNoTracking().SingleAsync(e => e.Id == envelopes[1].Id)).State);
        Assert.Single(await mail.DueAsync(db, false));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task MailNumbers_AreAllOrNothing(string provider)
    {
        await using var stores = await RegisterScenarios.NumberedAsync(provider, 10);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var mail = stores.Runtime.MailTracking(TestStores.Ishinomaki);

        var e = await Assert.ThrowsAsync<MailRuleException>(() => mail.RecordMailNumbersAsync(db, [(1, 1, "111122223333"), (1, 2, "12-34")], "clerk"));

        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        await db.SaveChangesAsync(); // nothing half-applied is left to save
        Assert.Equal(0, await db.NoticeEnvelopes.CountAsync(x => x.RegisteredMailNumber != null));
        Assert.Equal(0, await db.MailEvents.CountAsync());
    }
}
