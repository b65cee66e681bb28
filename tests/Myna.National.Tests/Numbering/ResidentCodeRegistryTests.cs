using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Testing;

namespace Myna.National.Tests.Numbering;

/// <summary>DOMAIN §1.2: a resident code is nationally unique; the national side numbers it for one municipality only.</summary>
public sealed class ResidentCodeRegistryTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Assign_CodeNumberedForAnotherMunicipality_IsRefusedWithAStableCodeAndNoNumber(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var national = stores.Runtime.NationalNumbering();
        var shared = ResidentCode.FromBody(3_141_592_653);
        var own = ResidentCode.FromBody(2_718_281_828);
        var first = Assert.Single(await national.AssignAsync(TestStores.Ishinomaki, [shared]));

        var refusal = await Assert.ThrowsAsync<NumberingRefusedException>(() => national.AssignAsync(TestStores.Higashimatsushima, [own, shared]));

        Assert.Equal(NumberingRefusedException.CodeOfAnotherMunicipality, refusal.Code);
        Assert.Contains(shared.Value, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Value, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Value[..IndividualNumber.BodyDigitCount], refusal.Message, StringComparison.Ordinal);
        await using var db = stores.Runtime.Stores.OpenNational();
        // The refused request left nothing behind: not even the other code of the same request.
        Assert.Equal(1, await db.NumberedCodes.CountAsync());
        Assert.Equal(first, Assert.Single(await national.AssignAsync(TestStores.Ishinomaki, [shared]))); // the owner still gets its number
        await Assert.ThrowsAsync<NumberingRefusedException>(() => national.ChangeAsync(TestStores.Higashimatsushima, shared, Guid.NewGuid()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Moved_CodeBelongsToTheDestination_WhichMayThenNumberIt(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var national = stores.Runtime.NationalNumbering();
        var code = ResidentCode.FromBody(1_618_033_988);
        var number = Assert.Single(await national.AssignAsync(TestStores.Ishinomaki, [code]));
        var message = Guid.NewGuid();

        await national.MovedAsync(TestStores.Ishinomaki, TestStores.Higashimatsushima, code, message);
        await national.MovedAsync(TestStores.Ishinomaki, TestStores.Higashimatsushima, code, message); // delivered twice: once

        Assert.Equal(number, Assert.Single(await national.AssignAsync(TestStores.Higashimatsushima, [code])));
        await Assert.ThrowsAsync<NumberingRefusedException>(() => national.AssignAsync(TestStores.Ishinomaki, [code]));
    }
}
