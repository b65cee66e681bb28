using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Staff;
using Myna.Data.Audit;

namespace Myna.Data.Staff;

public enum SignInOutcome
{
    Succeeded,
    WrongCredentials,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, StaffAccount? Account, DateTimeOffset? LockedUntil);

/// <summary>
/// Local staff accounts: PBKDF2 password hashes and a lockout after repeated failures
/// (<see cref="SignInPolicy"/>). An unknown user and a wrong password get the same answer,
/// so the form does not reveal which user names exist.
/// </summary>
public sealed class StaffSignIn(AuditLog audit, TimeProvider time)
{
    public async Task<SignInResult> SignInAsync(DbContext db, string userName, string password, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var name = userName.Trim();
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.UserName == name, ct);
        if (account is null || account.Disabled)
        {
            // Spend the same time as a real check.
            PasswordHashing.Verify(password, DummyHash);
            await audit.AppendAsync(db, name.Length == 0 ? "-" : name, AuditActions.SignInFailed, "staff:" + name, detail: "unknown or disabled account", ct: ct);
            return new SignInResult(SignInOutcome.WrongCredentials, null, null);
        }
        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!PasswordHashing.Verify(password, account.PasswordHash))
        {
            account.FailedAttempts++;
            var locked = account.FailedAttempts >= SignInPolicy.MaxFailures;
            if (locked)
            {
                account.LockedUntil = now + SignInPolicy.LockDuration;
                account.FailedAttempts = 0;
            }
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, account.UserName, locked ? AuditActions.AccountLocked : AuditActions.SignInFailed, "staff:" + account.UserName, ct: ct);
            await tx.CommitAsync(ct);
            return locked
                ? new SignInResult(SignInOutcome.LockedOut, null, account.LockedUntil)
                : new SignInResult(SignInOutcome.WrongCredentials, null, null);
        }
        account.FailedAttempts = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, account.UserName, AuditActions.SignIn, "staff:" + account.UserName, ct: ct);
        await tx.CommitAsync(ct);
        return new SignInResult(SignInOutcome.Succeeded, account, null);
    }

    private static readonly string DummyHash = PasswordHashing.Hash("not-a-real-password");

    /// <summary>Creates the account, or resets its password and roles when it exists.</summary>
    public static Task EnsureAccountAsync(MunicipalDb db, string userName, string displayName, string password,
        IEnumerable<string> roles, TimeProvider time, CancellationToken ct = default) =>
        EnsureAsync(db, StaffRoles.All, userName, displayName, password, roles, time, ct);

    /// <summary>A J-LIS operator's account, in the national store (DOMAIN §0.2).</summary>
    public static Task EnsureOperatorAsync(NationalDb db, string userName, string displayName, string password, TimeProvider time,
        CancellationToken ct = default) =>
        EnsureAsync(db, [StaffRoles.JlisOperator], userName, displayName, password, [StaffRoles.JlisOperator], time, ct);

    private static async Task EnsureAsync(DbContext db, IReadOnlyList<string> allowed, string userName, string displayName, string password,
        IEnumerable<string> roles, TimeProvider time, CancellationToken ct)
    {
        var roleList = roles.ToList();
        var unknown = roleList.Where(r => !allowed.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown role(s): {string.Join(", ", unknown)}; roles: {string.Join(", ", allowed)}", nameof(roles));
        }
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null)
        {
            account = new StaffAccount
            {
                UserName = userName,
                DisplayName = displayName,
                PasswordHash = PasswordHashing.Hash(password),
                Roles = string.Join(',', roleList),
                CreatedAt = time.GetUtcNow(),
            };
            db.Set<StaffAccount>().Add(account);
        }
        else
        {
            account.DisplayName = displayName;
            account.Roles = string.Join(',', roleList);
            if (!PasswordHashing.Verify(password, account.PasswordHash))
            {
                account.PasswordHash = PasswordHashing.Hash(password);
            }
            account.FailedAttempts = 0;
            account.LockedUntil = null;
        }
        await db.SaveChangesAsync(ct);
    }
}
