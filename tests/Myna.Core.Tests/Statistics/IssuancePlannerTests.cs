using Myna.Core.Statistics;
using Myna.Core.Text.Messages;

namespace Myna.Core.Tests.Statistics;

/// <summary>The issuance planner (DOMAIN §11.3) against seed 004 and its what-ifs.</summary>
public sealed class IssuancePlannerTests
{
    [Fact]
    public void Seed004_ThirtyMinutesGiveAbout28ADay_And7939CardsTakeAbout284WindowDays()
    {
        var plan = IssuancePlanner.Plan(new WindowCapacity(Windows: 2, ServiceMinutes: 30, HoursPerDay: 7), backlog: 9785 - 1846);

        Assert.Equal((28, 284, 396), (plan.CardsPerDay, plan.WindowDays, plan.CalendarDays));
        Assert.Equal(28, plan.NoticesPerDay);
        // Two weeks of bookings at 28 a day fill the calendar up to the default target of 14 days: 10 open days.
        Assert.Equal((280, 14), (plan.FirstWave, plan.TargetWaitDays));
    }

    [Fact]
    public void TheFirstWaveFillsTheCalendarToTheTargetWait_OverTheShowUpRate_NeverMoreThanTheBacklog()
    {
        var capacity = new WindowCapacity(2, 30, 7);
        Assert.Equal(140, IssuancePlanner.Plan(capacity, 7939, targetWaitDays: 7).FirstWave);          // 5 open days × 28
        Assert.Equal(175, IssuancePlanner.Plan(capacity, 7939, showUpRate: 0.8, targetWaitDays: 7).FirstWave); // over the 80 % who come
        Assert.Equal(50, IssuancePlanner.Plan(capacity, 50, targetWaitDays: 30).FirstWave);            // all there is
        Assert.Equal(84, IssuancePlanner.Plan(capacity, 7939, targetWaitDays: 3).FirstWave);           // 3 open days
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(capacity, 10, targetWaitDays: 0));
    }

    [Theory]
    [InlineData(4, 30, 7, 5, 56, 142, 198)]   // twice the windows
    [InlineData(2, 30, 7, 7, 28, 284, 284)]   // weekend sessions: every day
    [InlineData(2, 15, 7, 5, 56, 142, 198)]   // half the service time
    [InlineData(2, 20, 7, 6, 42, 190, 221)]   // 20 minutes, Saturdays too
    [InlineData(1, 45, 7.5, 5, 10, 794, 1110)]
    public void WhatIfs(int windows, double minutes, double hours, int days, int perDay, int windowDays, int calendarDays)
    {
        var plan = IssuancePlanner.Plan(new WindowCapacity(windows, minutes, hours, days), 7939);
        Assert.Equal((perDay, windowDays, calendarDays), (plan.CardsPerDay, plan.WindowDays, plan.CalendarDays));
    }

    [Fact]
    public void TheClearingDay_CountsOnlyOpenDays_AndNoticesFollowTheShowUpRate()
    {
        // 2026-11-23 is a Monday: 6 window-days at 5 a week end on the next Monday.
        var plan = IssuancePlanner.Plan(new WindowCapacity(1, 60, 8), backlog: 48, start: new DateOnly(2026, 11, 23), showUpRate: 0.8);
        Assert.Equal((8, 6, 8), (plan.CardsPerDay, plan.WindowDays, plan.CalendarDays));
        Assert.Equal(new DateOnly(2026, 11, 30), plan.ClearsOn);
        Assert.Equal(10, plan.NoticesPerDay);
        Assert.Equal(0, IssuancePlanner.Plan(new WindowCapacity(1, 30, 7), 0).WindowDays);
    }

    [Fact]
    public void ImpossibleInputIsRefused()
    {
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(0, 30, 7), 10));
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 600, 7), 10));
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 30, 7, 8), 10));
        Assert.Equal(PlannerMessages.Backlog.Code, Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 30, 7), -1)).Text.Code);
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(int.MaxValue, 30, 7), 10));  // no overflow into a negative pace
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 1e-9, 7), 10));
        Assert.Equal(PlannerMessages.ShowUpRate.Code, Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 30, 7), 10, showUpRate: 1e-12)).Text.Code);
        var most = IssuancePlanner.Plan(new WindowCapacity(1, 30, 7), int.MaxValue);
        Assert.Equal((int)Math.Ceiling(int.MaxValue / 14.0), most.WindowDays);
        Assert.True(most.FirstWave > 0);
        Assert.Throws<MessageException>(() => IssuancePlanner.Plan(new WindowCapacity(1, 30, 7), int.MaxValue, start: new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void FromAWednesday_TheCalendarDaysRunToTheClearingDay()
    {
        // Seed 004's 284 window-days from Wednesday 2026-04-01: the date and the day count agree.
        var plan = IssuancePlanner.Plan(new WindowCapacity(2, 30, 7), 7939, start: new DateOnly(2026, 4, 1));
        Assert.Equal(284, plan.WindowDays);
        Assert.Equal((new DateOnly(2027, 5, 3), 398), (plan.ClearsOn!.Value, plan.CalendarDays)); // 2026-04-01 to 2027-05-03, both counted
        Assert.Equal(396, IssuancePlanner.Plan(new WindowCapacity(2, 30, 7), 7939).CalendarDays); // counted from a Monday
        Assert.Equal(396, IssuancePlanner.Plan(new WindowCapacity(2, 30, 7), 7939, start: new DateOnly(2026, 4, 4)).CalendarDays); // a Saturday: from Monday
    }
}
