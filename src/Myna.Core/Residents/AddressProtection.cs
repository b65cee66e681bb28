using Myna.Core.Staff;

namespace Myna.Core.Residents;

/// <summary>
/// DV等支援措置 (DOMAIN §9): a protected resident's address (and registered residence) reaches
/// only the support-measure officer. Everyone else sees that the flag is set — departments must
/// know — and a placeholder where the address would be.
/// </summary>
public static class AddressProtection
{
    /// <summary>Shown instead of the address.</summary>
    public const string Hidden = "（支援措置により非表示）";

    /// <summary>The refusal when the placeholder is offered as an address (a form or a file filled from a withheld view).</summary>
    public const string NotAnAddress = "（支援措置により非表示） stands for a withheld address and is not an address: enter the real address, or leave the field unchanged";

    public static bool MaySee(IEnumerable<string> roles) => RolePermissions.Grants(roles, Permission.AddressProtection);

    /// <summary>Blanks every address field of a detached copy (postal code, town, block, building and their alternative characters).</summary>
    public static void Redact(Resident r)
    {
        r.PostalCode = null;
        r.Town = Hidden;
        r.Block = "";
        r.Building = null;
        r.AddressAltFlags = null;
        r.AddressSubstitute = null;
    }
}
