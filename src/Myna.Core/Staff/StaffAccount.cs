namespace Myna.Core.Staff;

/// <summary>A local staff sign-in of one municipality.</summary>
public sealed class StaffAccount
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    /// <summary>Comma-separated <see cref="StaffRoles"/> names.</summary>
    public required string Roles { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Changes whenever the password, the roles or the lock change, and on sign-out: every session
    /// and token carries the stamp it was issued with, and one with an older stamp is over.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Roles of DOMAIN §0.2 on the municipal side.</summary>
public static class StaffRoles
{
    public const string WindowClerk = "window-clerk";
    public const string Supervisor = "supervisor";
    public const string SupportOfficer = "support-officer";
    public const string Administrator = "administrator";

    /// <summary>J-LIS operator (DOMAIN §0.2): the national side's certificate operations; signs in to the national store, never a municipality's.</summary>
    public const string JlisOperator = "jlis-operator";

    public static readonly IReadOnlyList<string> All = [WindowClerk, Supervisor, SupportOfficer, Administrator];
}

/// <summary>Lockout rule: after <see cref="MaxFailures"/> wrong passwords the account waits <see cref="LockDuration"/>.</summary>
public static class SignInPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);
}
