using System.Reflection;
using Myna.Core.Contracts;
using Myna.National;

namespace Myna.Municipal.Tests;

/// <summary>
/// The two sides meet only in the contracts (ARCHITECTURE principles 1–2). The project references already keep them
/// apart; these tests make a reference added by mistake fail loudly, and walk every exception the national side
/// declares so that a new refusal cannot slip past the municipal handlers.
/// </summary>
public sealed class SideBoundaryTests
{
    private static readonly Assembly MunicipalSide = typeof(MunicipalDb).Assembly;
    private static readonly Assembly NationalSide = typeof(NationalDb).Assembly;

    [Fact]
    public void TheMunicipalSide_ReferencesNeitherTheNationalSideNorItsPki()
    {
        var references = MunicipalSide.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Myna.National", references);
        Assert.DoesNotContain("Myna.Pki", references);
        Assert.Contains("Myna.Core", references);
    }

    [Fact]
    public void TheNationalSide_DoesNotReferenceTheMunicipalSide()
    {
        Assert.DoesNotContain("Myna.Municipal", NationalSide.GetReferencedAssemblies().Select(a => a.Name));
    }

    /// <summary>
    /// Every exception the national side defines is a contract refusal, except those of its own consoles (the call
    /// centre's operator pages, the verifiers' API), which no municipality calls.
    /// </summary>
    [Fact]
    public void EveryNationalException_ReachableFromAContract_IsAContractRefusal()
    {
        string[] consolesOnly = ["CallCentreException", "VerifierException"];
        var exceptions = NationalSide.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.NotEmpty(exceptions);
        foreach (var type in exceptions.Where(t => !consolesOnly.Contains(t.Name)))
        {
            Assert.True(typeof(ContractRefusedException).IsAssignableFrom(type), $"{type.FullName} is not a {nameof(ContractRefusedException)}");
        }
    }

    [Fact]
    public void ContractRefusalCodes_AreLowercaseDottedAndDistinct()
    {
        var codes = typeof(ContractRefusals).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*\\.([a-z]+(-[a-z]+)*)?$", c));
    }
}
