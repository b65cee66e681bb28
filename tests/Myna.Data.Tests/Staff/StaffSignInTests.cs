using Myna.Core.Staff;
using Myna.Data.Staff;
using Myna.Testing;

namespace Myna.Data.Tests.Staff;

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
}
