using Myna.Core.Appointments;
using Myna.Municipal.Appointments;
using Myna.Municipal.Reports;
using Myna.Testing;

namespace Myna.Municipal.Tests.Reports;

/// <summary>The planner's inputs read from the records (DOMAIN §11.3), and a notice wave sized by the plan.</summary>
public sealed class PlannerDataTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SessionsBacklogAndServiceTime_GiveThePlan_AndTheWaveFollowsIt(string provider)
    {
        await using var stores = await CardScenarios.ReadyCardsAsync(provider);
        await using var db = stores.OpenMunicipal();
        var book = stores.Runtime.AppointmentBook();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課", null);
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        // Four weeks of weekday sessions, 8:30–17:00 (8.5 hours), 2 desks, 30 minutes planned.
        await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, Today, Today.AddDays(27), weekdays, new TimeOnly(8, 30), new TimeOnly(17, 0), 30, 2, onClosedDays: true);

        var inputs = await PlannerData.ReadAsync(db, TimeProvider.System);

        Assert.Equal(20, inputs.SessionDays);
        Assert.Equal((2, 30.0, 8.5, 5), (inputs.Capacity.Windows, inputs.Capacity.ServiceMinutes, inputs.Capacity.HoursPerDay, inputs.Capacity.DaysPerWeek));
        Assert.False(inputs.MeasuredServiceTime);
        Assert.Equal(4, inputs.Backlog); // 3 adults and a child, set up, waiting for their notices
        Assert.Equal(1.0, inputs.ShowUpRate);
        var plan = await PlannerData.PlanAsync(db, TimeProvider.System);
        Assert.Equal((34, 1, 34), (plan.CardsPerDay, plan.WindowDays, plan.NoticesPerDay));
        Assert.Equal(4, (await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk", plan.NoticesPerDay)).Count);
    }
}
