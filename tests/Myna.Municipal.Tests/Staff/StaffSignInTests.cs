using Microsoft.EntityFrameworkCore;
using Myna.Core.Staff;
using Myna.Storage.Staff;
using Myna.Testing;

namespace Myna.Municipal.Tests.Staff;

public sealed class StaffSignInTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_RepeatedFailures_LockTheAccountEvenForTheRightPassword(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        await StaffSignIn.EnsureAccountAsync(db, "clerk", "窓口 一郎", "correct horse battery", [StaffRoles.WindowClerk], TimeProvider.System);
        var signIn = new StaffSignIn(stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), TimeProvider.System);

        Assert.Equal(SignInOutcome.Succeeded, (await signIn.SignInAsync(db, "clerk", "correct horse battery")).Outcome);
        for (var i = 1; i < SignInPolicy.MaxFailures; i++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await signIn.SignInAsync(db, "clerk", "wrong")).Outcome);
        }
        var locked = await signIn.SignInAsync(db, "clerk", "wrong");
        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await signIn.SignInAsync(db, "clerk", "correct horse battery")).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await signIn.SignInAsync(db, "nobody", "x")).Outcome);
        var stored = db.StaffAccounts.Single(a => a.UserName == "clerk");
        Assert.DoesNotContain("correct horse battery", stored.PasswordHash, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_FiftyConcurrentWrongGuesses_LockTheAccount(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var (signIn, outcomes) = await GuessInParallelAsync(stores, i => "wrong " + i);

        Assert.DoesNotContain(SignInOutcome.Succeeded, outcomes);
        Assert.Equal(SignInPolicy.MaxFailures - 1, outcomes.Count(o => o == SignInOutcome.WrongCredentials));
        await using var check = stores.OpenMunicipal();
        Assert.True((await check.StaffAccounts.AsNoTracking().SingleAsync(a => a.UserName == "clerk")).LockedUntil > DateTimeOffset.UtcNow);
        Assert.Equal(SignInOutcome.LockedOut, (await signIn.SignInAsync(check, "clerk", "correct horse battery")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_RightPasswordAmongFortyNineConcurrentGuesses_LeavesTheAccountLocked(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var (_, outcomes) = await GuessInParallelAsync(stores, i => i == 25 ? "correct horse battery" : "wrong " + i);

        // However the guesses interleave, at least five wrong ones follow the right one or precede
        // it, so the account ends locked; the right one got in only if it came before the fifth failure.
        await using var check = stores.OpenMunicipal();
        var account = await check.StaffAccounts.AsNoTracking().SingleAsync(a => a.UserName == "clerk");
        Assert.True(account.LockedUntil > DateTimeOffset.UtcNow);
        Assert.True(outcomes.Count(o => o == SignInOutcome.Succeeded) <= 1);
        var failures = await check.AuditRecords.AsNoTracking().CountAsync(r => r.Action == Core.Audit.AuditActions.SignInFailed || r.Action == Core.Audit.AuditActions.AccountLocked);
        Assert.Equal(outcomes.Count(o => o == SignInOutcome.WrongCredentials) + 1, failures);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EnsureAccount_PasswordRoleOrLockChange_ChangesTheStampOtherwiseKeepsIt(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        await StaffSignIn.EnsureAccountAsync(db, "clerk", "窓口 一郎", "correct horse battery", [StaffRoles.WindowClerk], TimeProvider.System);
        async Task<string> StampAsync() => (await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.UserName == "clerk")).SecurityStamp;

        var first = await StampAsync();
        await StaffSignIn.EnsureAccountAsync(db, "clerk", "窓口 一郎（改）", "correct horse battery", [StaffRoles.WindowClerk], TimeProvider.System);
        Assert.Equal(first, await StampAsync()); // a new display name ends nothing
        await StaffSignIn.EnsureAccountAsync(db, "clerk", "窓口 一郎", "correct horse battery", [StaffRoles.Supervisor], TimeProvider.System);
        var second = await StampAsync();
        Assert.NotEqual(first, second);
        await StaffSignIn.EnsureAccountAsync(db, "clerk", "窓口 一郎", "another password", [StaffRoles.Supervisor], TimeProvider.System);
        Assert.NotEqual(second, await StampAsync());
    }

    /// <summary>Fifty sign-ins of one account at once, each on its own connection, with the passwords given.</summary>
    private static async Task<(StaffSignIn SignIn, SignInOutcome[] Outcomes)> GuessInParallelAsync(TestStores stores, Func<int, string> password)
    {
        await using (var setup = stores.OpenMunicipal())
        {
            await StaffSignIn.EnsureAccountAsync(setup, "clerk", "窓口 一郎", "correct horse battery", [StaffRoles.WindowClerk], TimeProvider.System);
        }
        var signIn = new StaffSignIn(stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), TimeProvider.System);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var db = stores.OpenMunicipal();
            return (await signIn.SignInAsync(db, "clerk", password(i))).Outcome;
        })));
        return (signIn, outcomes);
    }
}
