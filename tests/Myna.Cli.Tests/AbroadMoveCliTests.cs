using Microsoft.EntityFrameworkCore;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna lifecycle move-abroad|abroad-moves|abroad-return</c> (国外転出, DOMAIN §8.6).</summary>
public sealed class AbroadMoveCliTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task MoveAbroad_ContinuedUseOnTheMoveDateRefused_ALapseCarriedOutAndReturned()
    {
        var (stores, cards) = await CardScenarios.IssuedAsync("sqlite");
        await using var _ = stores;
        string japanese, foreign;
        await using (var db = stores.OpenMunicipal())
        {
            await db.Residents.Where(r => r.Id == cards[0].ResidentId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FamilyRegisterPlace, "東京都中央区日本橋一丁目1番地").SetProperty(r => r.FamilyRegisterMunicipality, "131024"));
            japanese = (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == cards[0].ResidentId)).ResidentCode;
            foreign = (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == cards[1].ResidentId)).ResidentCode;
        }

        var late = await MynaCli.RunAsync(stores, null, "lifecycle", "move-abroad", "--resident-code", japanese, "--moves-on", Iso(Today), "--country", "英国", "--continued-use");
        var future = await MynaCli.RunAsync(stores, null, "lifecycle", "abroad-moves", "--date", Iso(Today.AddDays(1)));
        var lapsed = await MynaCli.RunAsync(stores, null, "lifecycle", "move-abroad", "--resident-code", foreign, "--moves-on", Iso(Today), "--country", "英国");
        var run = await MynaCli.RunAsync(stores, null, "lifecycle", "abroad-moves");

        Assert.Equal(1, late.ExitCode);
        Assert.Contains("by the day before the move date", late.Err, StringComparison.Ordinal); // the CLI speaks the catalogue's English
        Assert.Equal(2, future.ExitCode);
        Assert.Equal(0, lapsed.ExitCode);
        Assert.Contains("the card lapses on the move date (carried out: the move date has come)", lapsed.Out, StringComparison.Ordinal);
        Assert.Equal("0 move(s) abroad carried out\n", run.Out);
        long moveId;
        await using (var db = stores.OpenMunicipal())
        {
            var move = await db.AbroadMoves.AsNoTracking().SingleAsync();
            moveId = move.Id;
            Assert.Equal(AbroadMoveState.Completed, move.State);
            Assert.Equal(ResidentStatus.MovedOutAbroad, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == cards[1].ResidentId)).Status);
            Assert.Equal(ResidentStatus.Active, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == cards[0].ResidentId)).Status);
        }
        var returned = await MynaCli.RunAsync(stores, null, "lifecycle", "abroad-return", "--move", moveId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, returned.ExitCode);
        Assert.Contains($"a free reissue can be applied for until {Iso(Today.AddDays(90))}", returned.Out, StringComparison.Ordinal);
    }
}
