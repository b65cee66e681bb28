using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Testing;

namespace Myna.Municipal.Tests.Audit;

/// <summary>DOMAIN §12: the audit log refuses a record out of bounds whole, never truncating it; nothing is written.</summary>
public sealed class AuditLimitsTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Append_OversizedOrBrokenField_RefusedAndNothingWritten(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        var audit = stores.Runtime.MunicipalAudit(TestStores.Ishinomaki);
        await audit.AppendAsync(db, "clerk", AuditActions.SignIn, "staff:clerk");

        var longActor = await Assert.ThrowsAsync<ArgumentException>(() =>
            audit.AppendAsync(db, new string('a', 25_000_000), AuditActions.SignInFailed, "staff:x"));
        var longDetail = await Assert.ThrowsAsync<ArgumentException>(() =>
            audit.AppendAsync(db, "clerk", AuditActions.SignInFailed, "staff:x", detail: new string('d', AuditLimits.Detail.MaxLength + 1)));
        var nul = await Assert.ThrowsAsync<ArgumentException>(() =>
            audit.AppendAsync(db, "cl\0erk", AuditActions.SignInFailed, "staff:x"));
        // Free text keeps its line breaks; the boundary itself is accepted.
        await audit.AppendAsync(db, new string('a', AuditLimits.Actor.MaxLength), AuditActions.SignIn, "staff:a", detail: "line one\nline two");

        Assert.Equal(("actor", "detail", "actor"), (longActor.ParamName, longDetail.ParamName, nul.ParamName));
        Assert.Equal(2, await db.AuditRecords.CountAsync());
        Assert.True((await audit.VerifyAsync(db)).IsIntact);
    }
}
