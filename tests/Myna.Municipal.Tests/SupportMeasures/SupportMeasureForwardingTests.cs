using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage.Outbox;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9 "Forwarding" between the two municipalities of one host (石巻市 042021 → 東松島市 042145): on creation and on
/// every change, through the outbox and the municipal exchange, acknowledged on the measure's history; with the advance
/// move-out information; interrupted and delivered later; refused when the municipality is not one.
/// </summary>
public sealed class SupportMeasureForwardingTests
{
    private static readonly DateOnly Today = JapanClock.Today(TimeProvider.System);
    private static readonly MunicipalityCode Origin = TestStores.Ishinomaki;
    private static readonly MunicipalityCode Other = TestStores.Higashimatsushima;

    /// <summary>Two municipalities; six residents at the origin, none with a 本籍 elsewhere unless a test says so.</summary>
    private static async Task<(TestStores Stores, List<Resident> Residents)> TwoMunicipalitiesAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider, neighbour: true);
        await RegisterScenarios.LoadAsync(stores, 6);
        await using var db = stores.OpenMunicipal(Origin);
        await db.Residents.ExecuteUpdateAsync(s => s.SetProperty(r => r.FamilyRegisterMunicipality, (string?)null));
        return (stores, await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
    }

    private static SupportMeasureApplication Application(long applicant) => new(applicant, SupportMeasureKind.DomesticViolence, SupportBasisKind.Police,
        "石巻警察署", Today.AddDays(-1), null, null, null, [], [new OffenderInput("加害　太郎", "カガイ　タロウ", new DateOnly(1980, 1, 1), "宮城県仙台市青葉区一番町1-1", "夫")]);

    private static Task<int> SetFamilyRegisterAsync(MunicipalDb db, long residentId, MunicipalityCode code) =>
        db.Residents.Where(r => r.Id == residentId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FamilyRegisterPlace, "宮城県東松島市矢本字大溜1番地").SetProperty(r => r.FamilyRegisterMunicipality, code.Value));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CreateAsync_FamilyRegisterElsewhere_ForwardedTheSameDayAndAcknowledged(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var other = stores.OpenMunicipal(Other);
        var applicant = residents[0];
        await SetFamilyRegisterAsync(origin, applicant.Id, Other);

        var measure = await stores.Runtime.SupportMeasureDesk(Origin).CreateAsync(origin, Application(applicant.Id), "officer");

        var forward = await origin.SupportMeasureForwards.AsNoTracking().SingleAsync();
        Assert.Equal((Other.Value, ForwardReason.FamilyRegister), (forward.Destination, forward.Reason));
        Assert.NotNull(forward.AcknowledgedAt);
        Assert.Equal(Today, DateOnly.FromDateTime(JapanClock.ToJapan(forward.AcknowledgedAt.Value).DateTime)); // §9 [project]: the same day
        Assert.Contains("kept until " + SupportMeasureForwarding.KeepUntil(Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), forward.Receipt, StringComparison.Ordinal);
        Assert.Equal([SupportMeasureEventKind.Created, SupportMeasureEventKind.Forwarded, SupportMeasureEventKind.ForwardAcknowledged],
            await origin.SupportMeasureEvents.Where(e => e.MeasureId == measure.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Empty(await Myna.Storage.Outbox.Outbox.OpenAsync(origin));

        var copy = await other.SupportMeasures.AsNoTracking().Include(m => m.People).Include(m => m.Offenders).SingleAsync();
        Assert.Equal((measure.Reference, Origin.Value, SupportMeasureForwarding.KeepUntil(Today), measure.EndsOn),
            (copy.Reference, copy.ForwardedFrom, copy.KeepUntil, copy.EndsOn));
        Assert.Equal(applicant.ResidentCode, Assert.Single(copy.People).ResidentCode);
        Assert.Equal("夫", Assert.Single(copy.Offenders).Relationship);
        Assert.True(await stores.Runtime.AddressRule(Other).IsCoveredAsync(other, applicant.ResidentCode));
        Assert.Equal(SupportMeasureEventKind.Received, (await other.SupportMeasureEvents.AsNoTracking().SingleAsync()).Kind);

        // The protected address never travels: not in the message, not at the receiver.
        var payload = (await origin.OutboxMessages.AsNoTracking().SingleAsync()).Payload;
        Assert.DoesNotContain(applicant.Town, payload, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant.Block, payload, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExtendAndLift_UpdateTheCopy_AndACopyPastKeepUntilNoLongerApplies(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var other = stores.OpenMunicipal(Other);
        var code = residents[0].ResidentCode;
        await SetFamilyRegisterAsync(origin, residents[0].Id, Other);
        var desk = stores.Runtime.SupportMeasureDesk(Origin);
        var rule = stores.Runtime.AddressRule(Other);
        var measure = await desk.CreateAsync(origin, Application(residents[0].Id), "officer");

        await desk.ExtendAsync(origin, measure.Id, measure.EndsOn.AddMonths(6), "継続の申出", "officer");

        Assert.Equal(measure.EndsOn, (await other.SupportMeasures.AsNoTracking().SingleAsync()).EndsOn);
        Assert.Equal(2, await origin.SupportMeasureForwards.CountAsync(f => f.AcknowledgedAt != null));

        // Kept one year from its reception (§9): past that, the copy no longer protects anyone here.
        await other.SupportMeasures.ExecuteUpdateAsync(s => s.SetProperty(m => m.KeepUntil, Today.AddDays(-1)));
        Assert.False(await rule.IsCoveredAsync(other, code));

        await desk.LiftAsync(origin, measure.Id, "申出者からの解除の申出", "officer");

        var copy = await other.SupportMeasures.AsNoTracking().SingleAsync();
        Assert.Equal((SupportMeasureState.Lifted, Today, SupportMeasureForwarding.KeepUntil(Today)), (copy.State, copy.LiftedOn, copy.KeepUntil));
        Assert.False(await rule.IsCoveredAsync(other, code));
        Assert.Equal(3, await origin.SupportMeasureEvents.CountAsync(e => e.MeasureId == measure.Id && e.Kind == SupportMeasureEventKind.ForwardAcknowledged));

        // A forward delivered twice takes effect once and gets the same receipt.
        var last = await origin.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).LastAsync();
        var received = await other.SupportMeasureEvents.CountAsync(e => e.Kind == SupportMeasureEventKind.Received);
        var again = await stores.Runtime.Exchange().ForwardSupportMeasureAsync(Origin, Other,
            Myna.Storage.Outbox.Outbox.Read<SupportMeasureForwardPayload>(last).Measure, last.MessageId);
        Assert.Equal(SupportMeasureForwarding.KeepUntil(Today), again.KeepUntil);
        Assert.Equal(received, await other.SupportMeasureEvents.CountAsync(e => e.Kind == SupportMeasureEventKind.Received));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task MoveOut_CoveredPerson_ArrivesProtectedAndNothingGoesToAPersonOrCarriesTheOldAddress(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var other = stores.OpenMunicipal(Other);
        var person = residents[0];
        var desk = stores.Runtime.SupportMeasureDesk(Origin);
        var measure = await desk.CreateAsync(origin, Application(person.Id), "officer");
        Assert.Empty(await origin.SupportMeasureForwards.ToListAsync()); // nothing related elsewhere yet

        await stores.Runtime.ResidentRegister(Origin).RecordAsync(origin, person.Id, new ResidentChange(ResidentEventType.MoveOut, Today, Today,
            Destination: Other.Value, DestinationAddress: "宮城県東松島市小野字新宮前5"), "clerk");

        // The measure went with the advance information: held there before the person arrives, and acknowledged here.
        var incoming = await other.IncomingMoveOuts.AsNoTracking().SingleAsync();
        var copy = await other.SupportMeasures.AsNoTracking().SingleAsync();
        Assert.Equal((measure.Reference, Origin.Value), (copy.Reference, copy.ForwardedFrom));
        var forward = await origin.SupportMeasureForwards.AsNoTracking().SingleAsync();
        Assert.Equal((Other.Value, ForwardReason.MoveOut), (forward.Destination, forward.Reason));
        Assert.NotNull(forward.AcknowledgedAt);

        var moved = await stores.Runtime.MoveDesk(Other).MoveInAsync(other, incoming.Id, new MoveInAddress("981-0400", "小野字新宮前", "5", null), Today, Today, "clerk-h");

        // The AddressRule applies it by resident code: the person arrives protected.
        Assert.True(await stores.Runtime.AddressRule(Other).IsWithheldAsync(other, moved.ResidentId));

        // An extension at the origin now reaches the destination too (it is a place the measure went).
        await desk.ExtendAsync(origin, measure.Id, measure.EndsOn.AddMonths(3), null, "officer");
        Assert.Equal(measure.EndsOn, (await other.SupportMeasures.AsNoTracking().SingleAsync()).EndsOn);

        // §9 first failure: every message of the move goes to a municipality or the national side, never to a person or an
        // address; the 転入通知 back to the origin carries no address; neither the old nor the new address crosses back.
        var messages = (await origin.OutboxMessages.AsNoTracking().ToListAsync()).Concat(await other.OutboxMessages.AsNoTracking().ToListAsync()).ToList();
        Assert.All(messages, m => Assert.True(m.Destination == Myna.Storage.Outbox.Outbox.National || MunicipalityCode.TryParse(m.Destination, out var _, out var _)));
        Assert.All(messages, m => Assert.DoesNotContain(person.Block, m.Payload, StringComparison.Ordinal));
        var notified = Assert.Single(messages, m => m.Kind == MoveInNotifiedMessages.Kind);
        Assert.DoesNotContain("小野", notified.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("住所", notified.Payload, StringComparison.Ordinal);
        Assert.False(await origin.AuditRecords.AnyAsync(a => a.Detail != null && a.Detail.Contains("新宮前")));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var tx = await origin.Database.BeginTransactionAsync();
            await Myna.Storage.Outbox.Outbox.RecordAsync(origin, MoveInNotifiedMessages.Kind, "加害　太郎 宮城県仙台市青葉区一番町1-1", new { }, TimeProvider.System, default);
        });
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForwardToAsync_NotAMunicipality_IsRefusedWithTheFieldAndWritesNothing(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        var measure = await stores.Runtime.SupportMeasureDesk(Origin).CreateAsync(origin, Application(residents[0].Id), "officer");
        var forwarding = stores.Runtime.SupportMeasureForwarding(Origin);
        var audit = await origin.AuditRecords.CountAsync();

        foreach (var (input, key) in new[]
        {
            ((string?)null, "forward-destination"), ("04202", "forward-destination"), ("042022", "forward-destination"),
            ("000001", "forward-unknown-municipality"), ("480002", "forward-unknown-municipality"), ("040002", "forward-unknown-municipality"),
            (Origin.Value, "forward-here"),
        })
        {
            var e = await Assert.ThrowsAsync<SupportMeasureException>(() => forwarding.ForwardToAsync(origin, measure.Id, input, "officer"));
            Assert.Equal(("destination", key), (e.Field, e.Key));
        }
        var missing = await Assert.ThrowsAsync<SupportMeasureException>(() => forwarding.ForwardToAsync(origin, 999_999, Other.Value, "officer"));
        Assert.Equal(("measureId", "no-measure"), (missing.Field, missing.Key));
        Assert.Equal(SupportMeasureMessages.NoMeasure.With(999_999), missing.Text);

        Assert.Empty(await origin.SupportMeasureForwards.ToListAsync());
        Assert.Empty(await origin.OutboxMessages.ToListAsync());
        Assert.Equal(audit, await origin.AuditRecords.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForwardToAsync_MunicipalityNotReachable_WaitsRetriedWithoutHoldingBackTheOthers(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var other = stores.OpenMunicipal(Other);
        var measure = await stores.Runtime.SupportMeasureDesk(Origin).CreateAsync(origin, Application(residents[0].Id), "officer");
        var forwarding = stores.Runtime.SupportMeasureForwarding(Origin);

        var waiting = await forwarding.ForwardToAsync(origin, measure.Id, "131016", "officer"); // 千代田区: a municipality, not on this host
        var delivered = await forwarding.ForwardToAsync(origin, measure.Id, Other.Value, "officer");
        var round = await stores.Runtime.Outbox(Origin).DeliverAsync();

        Assert.Null(waiting.AcknowledgedAt);
        Assert.NotNull(delivered.AcknowledgedAt);
        Assert.Equal(1, round.Waiting);
        var status = (await SupportMeasureForwarding.ForwardsAsync(origin, measure.Id)).Single(f => f.Destination == "131016");
        Assert.True(status.Waiting);
        Assert.True(status.Attempts >= 2, $"attempts {status.Attempts}");
        Assert.Contains("not served by this host", status.LastError, StringComparison.Ordinal);
        Assert.Single(await other.SupportMeasures.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Forward_ProcessKilledAfterRecordingOrAfterDelivering_IsDeliveredLaterOnce(string provider)
    {
        var (stores, residents) = await TwoMunicipalitiesAsync(provider);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var other = stores.OpenMunicipal(Other);
        var measure = await stores.Runtime.SupportMeasureDesk(Origin).CreateAsync(origin, Application(residents[0].Id), "officer");

        // Killed right after the forward's commit: recorded, nothing delivered.
        var killed = await MynaCli.RunWithEnvironmentAsync(stores, new Dictionary<string, string> { [FaultPoint.Variable] = FaultPoint.Recorded },
            "support-forward", "send", measure.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--to", Other.Value, "-m", Origin.Value);
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Null((await origin.SupportMeasureForwards.AsNoTracking().SingleAsync()).AcknowledgedAt);
        Assert.Empty(await other.SupportMeasures.ToListAsync());

        // Killed after the receiver kept it, before the acknowledgement was recorded.
        var half = await MynaCli.RunWithEnvironmentAsync(stores,
            new Dictionary<string, string> { [FaultPoint.Variable] = FaultPoint.Delivered + ":" + SupportMeasureForwardMessages.Kind }, "outbox", "deliver", "-m", Origin.Value);
        Assert.NotEqual(0, half.ExitCode);
        Assert.Single(await other.SupportMeasures.AsNoTracking().ToListAsync());
        Assert.Null((await origin.SupportMeasureForwards.AsNoTracking().SingleAsync()).AcknowledgedAt);

        var rerun = await MynaCli.RunAsync(stores, null, "outbox", "deliver");
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);

        Assert.NotNull((await origin.SupportMeasureForwards.AsNoTracking().SingleAsync()).AcknowledgedAt);
        Assert.Equal(1, await other.SupportMeasureEvents.CountAsync(e => e.Kind == SupportMeasureEventKind.Received));
        Assert.Equal(1, await origin.SupportMeasureEvents.CountAsync(e => e.Kind == SupportMeasureEventKind.ForwardAcknowledged));
        var list = await MynaCli.RunAsync(stores, null, "support-forward", "list", measure.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", Origin.Value);
        Assert.Contains(Other.Value + " manual", list.Out, StringComparison.Ordinal);
        Assert.Contains("acknowledged", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ResidentCsv_FamilyRegister_RoundTripsAndAnOldFileKeepsIt(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 6);
        await using var origin = stores.OpenMunicipal(Origin);
        var residents = await origin.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var records = TestData.Residents(6);
        var withRegister = records.Select((r, i) => i == 0 ? r with { Data = r.Data with { FamilyRegisterPlace = "宮城県東松島市矢本字大溜99番地", FamilyRegisterMunicipality = Other.Value } } : r).ToList();
        var importer = stores.Runtime.ResidentImporter(Origin);

        var changed = await importer.ImportAsync(origin, ResidentImporter.ReadCsv(new StringReader(TestData.Csv(withRegister))), "test", "with-register");
        Assert.True(changed.Succeeded);
        Assert.Equal(1, changed.Changed);
        var first = await origin.Residents.AsNoTracking().SingleAsync(r => r.ResidentCode == records[0].Code.Value);
        Assert.Equal(("宮城県東松島市矢本字大溜99番地", Other.Value), (first.FamilyRegisterPlace, first.FamilyRegisterMunicipality));
        Assert.Contains("FamilyRegisterMunicipality", (await origin.ResidentEvents.AsNoTracking().Where(e => e.ResidentId == first.Id).OrderBy(e => e.Id).LastAsync()).Note, StringComparison.Ordinal);

        // A file written before the columns existed imports and keeps the register's 本籍.
        var lines = TestData.Csv(withRegister).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)
            .Select(l => string.Join(',', l.Split(',').Where((_, i) =>
                ResidentCsv.Columns[i] is not (ResidentCsv.FamilyRegisterPlace or ResidentCsv.FamilyRegisterMunicipality)))).ToList();
        var old = await importer.ImportAsync(origin, ResidentImporter.ReadCsv(new StringReader(string.Join('\n', lines))), "test", "old-file");
        Assert.True(old.Succeeded, string.Join("; ", old.Problems.Select(p => p.Reason)));
        Assert.Equal(0, old.Changed);
        Assert.Equal(Other.Value, (await origin.Residents.AsNoTracking().SingleAsync(r => r.Id == first.Id)).FamilyRegisterMunicipality);

        // A code with a bad check digit is refused with its column.
        var bad = TestData.Csv([withRegister[0] with { Data = withRegister[0].Data with { FamilyRegisterMunicipality = "042146" } }]);
        var refused = await importer.ImportAsync(origin, ResidentImporter.ReadCsv(new StringReader(bad)), "test", "bad");
        Assert.Equal(ResidentCsv.FamilyRegisterMunicipality, Assert.Single(refused.Problems).Column);

        // The window records a change of 本籍 like any register change.
        var entry = await stores.Runtime.ResidentRegister(Origin).RecordAsync(origin, residents[1].Id, new ResidentChange(ResidentEventType.Correction, Today, Today,
            FamilyRegisterPlace: "東京都千代田区千代田2番地", FamilyRegisterMunicipality: "131016"), "clerk");
        Assert.StartsWith("FamilyRegisterPlace", entry.Note, StringComparison.Ordinal);
        var corrected = await origin.Residents.AsNoTracking().SingleAsync(r => r.Id == residents[1].Id);
        Assert.Equal(("東京都千代田区千代田2番地", "131016"), (corrected.FamilyRegisterPlace, corrected.FamilyRegisterMunicipality));
        var wrong = await Assert.ThrowsAsync<RegisterRuleException>(() => stores.Runtime.ResidentRegister(Origin).RecordAsync(origin, residents[1].Id,
            new ResidentChange(ResidentEventType.Correction, Today, Today, FamilyRegisterMunicipality: "13101"), "clerk"));
        Assert.Equal("familyRegisterMunicipality", wrong.Field);
    }
}
