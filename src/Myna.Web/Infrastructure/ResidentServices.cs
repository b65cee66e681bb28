using Myna.Data;
using Myna.Data.Residents;
using Myna.Data.Staff;

namespace Myna.Web.Infrastructure;

/// <summary>Per-request use cases bound to the signed-in municipality's keys.</summary>
public sealed class ResidentServices(MynaRuntime runtime, MunicipalScope scope)
{
    public ResidentQueries Queries => new(runtime.Protector(scope.Code), runtime.MunicipalAudit(scope.Code), runtime.Purposes);
}

public static class StaffServices
{
    public static StaffSignIn SignIn(MynaRuntime runtime, Myna.Core.Identifiers.MunicipalityCode code) => new(runtime.MunicipalAudit(code), runtime.Time);
}
