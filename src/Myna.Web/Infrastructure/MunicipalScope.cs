using System.Security.Claims;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Residents;

namespace Myna.Web.Infrastructure;

public static class MynaClaims
{
    public const string Municipality = "myna:municipality";
    public const string DisplayName = "myna:display-name";
}

/// <summary>
/// The municipality of the signed-in staff member and its own database for this request
/// (DOMAIN §0.3): a clerk of one municipality can only ever open that municipality's store.
/// </summary>
public sealed class MunicipalScope(MynaRuntime runtime, IHttpContextAccessor http) : IAsyncDisposable
{
    private MunicipalDb? db;

    public Municipality Municipality
    {
        get
        {
            var user = http.HttpContext?.User;
            var code = user?.FindFirstValue(MynaClaims.Municipality)
                ?? throw new InvalidOperationException("no signed-in municipality");
            return runtime.Municipality(MunicipalityCode.Parse(code));
        }
    }

    public MunicipalityCode Code => Municipality.Code;

    public MunicipalDb Db => db ??= runtime.Stores.OpenMunicipal(Code);

    /// <summary>Who did it, as written to the audit log.</summary>
    public string Actor => http.HttpContext?.User.Identity?.Name ?? "anonymous";

    /// <summary>The reader of register data: only the support-measure officer sees protected addresses (DOMAIN §9).</summary>
    public Reader Reader => new(Actor, http.HttpContext?.User.IsInRole(StaffRoles.SupportOfficer) == true);

    public async ValueTask DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
    }
}
