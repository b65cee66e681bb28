using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Staff;
using Myna.Storage.Audit;

namespace Myna.Storage.Staff;

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
        var account = await db.Set<StaffAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.UserName == name, ct);
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
        var right = PasswordHashing.Verify(password, account.PasswordHash);
        // The password check is slow; the lock is decided again, atomically, by the statement that
        // records the outcome, so parallel guesses cannot slip past a lock set meanwhile.
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var table = Table(db);
        if (right)
        {
            await using var success = Sql.Command(db, $"""
                UPDATE {table} SET failed_attempts = 0, locked_until = NULL
                WHERE id = @id AND password_hash = @hash AND NOT disabled AND (locked_until IS NULL OR locked_until <= @now)
                """, "@id", "@hash", "@now");
            success.Set(0, account.Id);
            success.Set(1, account.PasswordHash);
            success.Set(2, now);
            if (await success.ExecuteNonQueryAsync(ct) == 1)
            {
                var current = await db.Set<StaffAccount>().AsNoTracking().SingleAsync(a => a.Id == account.Id, ct);
                await audit.AppendAsync(db, current.UserName, AuditActions.SignIn, "staff:" + current.UserName, ct: ct);
                await tx.CommitAsync(ct);
                return new SignInResult(SignInOutcome.Succeeded, current, null);
            }
        }
        else
        {
            // One statement counts the failure and, at the limit, locks the account and ends its sessions.
            await using var failure = Sql.Command(db, $"""
                UPDATE {table} SET
                    failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END,
                    locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE locked_until END,
                    security_stamp = CASE WHEN failed_attempts + 1 >= @max THEN @stamp ELSE security_stamp END
                WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
                """, "@id", "@now", "@max", "@until", "@stamp");
            failure.Set(0, account.Id);
            failure.Set(1, now);
            failure.Set(2, SignInPolicy.MaxFailures);
            failure.Set(3, now + SignInPolicy.LockDuration);
            failure.Set(4, StaffAccount.NewStamp());
            if (await failure.ExecuteNonQueryAsync(ct) == 1)
            {
                var counted = await db.Set<StaffAccount>().AsNoTracking().SingleAsync(a => a.Id == account.Id, ct);
                var locked = counted.LockedUntil is { } lockedUntil && lockedUntil > now;
                await audit.AppendAsync(db, account.UserName, locked ? AuditActions.AccountLocked : AuditActions.SignInFailed, "staff:" + account.UserName, ct: ct);
                await tx.CommitAsync(ct);
                return locked
                    ? new SignInResult(SignInOutcome.LockedOut, null, counted.LockedUntil)
                    : new SignInResult(SignInOutcome.WrongCredentials, null, null);
            }
        }
        // Locked (or changed) between the first read and the statement: the lock wins.
        var latest = await db.Set<StaffAccount>().AsNoTracking().SingleAsync(a => a.Id == account.Id, ct);
        await tx.CommitAsync(ct);
        return latest.LockedUntil is { } l && l > now
            ? new SignInResult(SignInOutcome.LockedOut, null, l)
            : new SignInResult(SignInOutcome.WrongCredentials, null, null);
    }

    /// <summary>
    /// Whether a session issued with <paramref name="stamp"/> is still current: the account exists,
    /// is not disabled and its stamp has not changed since (password, roles, lock or sign-out).
    /// </summary>
    public static async Task<bool> IsCurrentAsync(DbContext db, long accountId, string stamp, CancellationToken ct = default) =>
        await db.Set<StaffAccount>().AsNoTracking().AnyAsync(a => a.Id == accountId && a.SecurityStamp == stamp && !a.Disabled, ct);

    /// <summary>Ends every session and token of the account (sign-out): its stamp changes.</summary>
    public async Task EndSessionsAsync(DbContext db, long accountId, CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var account = await db.Set<StaffAccount>().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is not null)
        {
            account.SecurityStamp = StaffAccount.NewStamp();
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, account.UserName, AuditActions.SignOut, "staff:" + account.UserName, ct: ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Disables (or enables again) an account: a disabled account cannot sign in, and disabling it
    /// ends its sessions and tokens at once (the stamp changes). Returns false for an unknown user.
    /// </summary>
    public async Task<bool> SetDisabledAsync(DbContext db, string userName, bool disabled, string actor, CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var account = await db.Set<StaffAccount>().SingleOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null)
        {
            return false;
        }
        account.Disabled = disabled;
        account.SecurityStamp = StaffAccount.NewStamp();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, "staff:" + userName, ct: ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static string Table(DbContext db) =>
        db.Model.FindEntityType(typeof(StaffAccount))!.GetTableName()!;

    private static readonly string DummyHash = PasswordHashing.Hash("not-a-real-password");

    /// <summary>Creates the account, or resets its password and roles when it exists.</summary>
    public static Task EnsureAccountAsync(DbContext db, string userName, string displayName, string password,
        IEnumerable<string> roles, TimeProvider time, CancellationToken ct = default) =>
        EnsureAsync(db, StaffRoles.All, userName, displayName, password, roles, time, ct);

    /// <summary>A J-LIS operator's account, in the national store (DOMAIN §0.2).</summary>
    public static Task EnsureOperatorAsync(DbContext db, string userName, string displayName, string password, TimeProvider time,
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
            var roleText = string.Join(',', roleList);
            // A change of password, roles or lock ends the account's sessions and tokens.
            var changed = account.Roles != roleText || account.LockedUntil is not null;
            account.DisplayName = displayName;
            account.Roles = roleText;
            if (!PasswordHashing.Verify(password, account.PasswordHash))
            {
                account.PasswordHash = PasswordHashing.Hash(password);
                changed = true;
            }
            account.FailedAttempts = 0;
            account.LockedUntil = null;
            if (changed)
            {
                account.SecurityStamp = StaffAccount.NewStamp();
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
