using Myna.Hosting;
using Myna.Municipal.Residents;
using Myna.Storage.Staff;

namespace Myna.Web.Infrastructure;

/// <summary>Per-request use cases bound to the signed-in municipality's keys.</summary>
public sealed class ResidentServices(MynaRuntime runtime, MunicipalScope scope)
{
    public ResidentQueries Queries => runtime.ResidentQueries(scope.Code);
}

public static class StaffServices
{
    public static StaffSignIn SignIn(MynaRuntime runtime, Myna.Core.Identifiers.MunicipalityCode code) => new(runtime.MunicipalAudit(code), runtime.Time);
}
