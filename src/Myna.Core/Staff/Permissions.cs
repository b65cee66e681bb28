namespace Myna.Core.Staff;

/// <summary>
/// What a signed-in person may do, by name. Every page handler and every API endpoint names the
/// permission it needs; roles map to permissions only in <see cref="RolePermissions"/> (DOMAIN §0.2).
/// </summary>
public enum Permission
{
    /// <summary>Search the register and open a resident (the four information, household, timeline, cards).</summary>
    ResidentsRead,
    /// <summary>Record 異動, residence registrations and adult-ward entries on the register.</summary>
    ResidentsRecord,
    /// <summary>Display an individual number in full, with a registered purpose (DOMAIN §12).</summary>
    NumberReveal,
    /// <summary>Record, extend, relax, lift and forward support measures (DV等支援措置) and see withheld addresses (DOMAIN §9).</summary>
    AddressProtection,
    /// <summary>Record posted and returned mail and act on returned envelopes (DOMAIN §3.3).</summary>
    MailRecord,
    /// <summary>See card applications and their photos.</summary>
    ApplicationsRead,
    /// <summary>Take applications at the window, in bulk, or on paper; identity and PINs at application (DOMAIN §4).</summary>
    ApplicationsTake,
    /// <summary>Review an application: accept, or return it with a deficiency notice (DOMAIN §4).</summary>
    ApplicationsReview,
    /// <summary>See the safe, the delivery lists and the cards' states (DOMAIN §5).</summary>
    CardsRead,
    /// <summary>Import delivery lists, scan cards in, send cards back for remaking, pre-issuance setup, registered mail (DOMAIN §5, §6.1).</summary>
    CardsManage,
    /// <summary>Send issuance notices in waves, reminders, and destroy uncollected cards (DOMAIN §6.2).</summary>
    NoticesSend,
    /// <summary>Hand a card over at the window and run the resident's PIN pad (DOMAIN §6.4–§6.6).</summary>
    WindowIssue,
    /// <summary>See appointments and book, cancel or message for a resident (DOMAIN §6.3).</summary>
    AppointmentsBook,
    /// <summary>Open windows and sessions, close a session (DOMAIN §6.3).</summary>
    AppointmentsManage,
    /// <summary>Act on a held card: suspension lifted, loss, return, reissue, renewal, PIN reset, move-in (DOMAIN §8).</summary>
    LifecycleAct,
    /// <summary>Run the lifecycle batches: expiry notices and the 90-day invalidation (DOMAIN §8.2, §8.6).</summary>
    LifecycleBatches,
    /// <summary>The dashboard, the operations report, issuance rates, the planner and the fee ledger (DOMAIN §11).</summary>
    ReportsRead,
    /// <summary>Evaluate documents against the identity-verification rules (DOMAIN §6.5).</summary>
    IdentityVerify,
    /// <summary>J-LIS: search certificates, revoke, suspend and release (DOMAIN §7.4).</summary>
    NationalCertificates,
    /// <summary>J-LIS: the 24/365 call centre (DOMAIN §8.3).</summary>
    NationalCallCentre,
    /// <summary>J-LIS: register verifiers and their keys (DOMAIN §7.5).</summary>
    NationalVerifiers,
}

/// <summary>The one table of who may do what (DOMAIN §0.2). Navigation, pages and the API all read it.</summary>
public static class RolePermissions
{
    private static readonly Permission[] ClerkWork =
    [
        Permission.ResidentsRead, Permission.ResidentsRecord, Permission.NumberReveal, Permission.MailRecord,
        Permission.ApplicationsRead, Permission.ApplicationsTake, Permission.ApplicationsReview,
        Permission.CardsRead, Permission.CardsManage, Permission.WindowIssue, Permission.AppointmentsBook,
        Permission.LifecycleAct, Permission.IdentityVerify,
    ];

    /// <summary>Each role's permissions. A role not listed has none.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Permission>> Table = new Dictionary<string, IReadOnlySet<Permission>>(StringComparer.Ordinal)
    {
        // The window clerk does the daily work of the register and the card (窓口担当).
        [StaffRoles.WindowClerk] = new HashSet<Permission>(ClerkWork),
        // The supervisor also plans and sends: notice waves, sessions, batches, reports (責任者).
        [StaffRoles.Supervisor] = new HashSet<Permission>(ClerkWork)
        {
            Permission.NoticesSend, Permission.AppointmentsManage, Permission.LifecycleBatches, Permission.ReportsRead,
        },
        // The support-measure officer reads the register and alone protects addresses (DOMAIN §9).
        [StaffRoles.SupportOfficer] = new HashSet<Permission> { Permission.ResidentsRead, Permission.AddressProtection },
        // Municipal IT runs the CLI and backups; on the web it reads, and changes nothing of the business.
        [StaffRoles.Administrator] = new HashSet<Permission>
        {
            Permission.ResidentsRead, Permission.ApplicationsRead, Permission.CardsRead, Permission.ReportsRead,
        },
        [StaffRoles.JlisOperator] = new HashSet<Permission>
        {
            Permission.NationalCertificates, Permission.NationalCallCentre, Permission.NationalVerifiers,
        },
    };

    /// <summary>Permissions of the national side: held only by J-LIS operators, who never open a municipality's store.</summary>
    public static bool IsNational(Permission permission) =>
        permission is Permission.NationalCertificates or Permission.NationalCallCentre or Permission.NationalVerifiers;

    public static bool Grants(IEnumerable<string> roles, Permission permission) =>
        roles.Any(r => Table.TryGetValue(r, out var set) && set.Contains(permission));
}
