using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Residents;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary>
/// The signature certificate's address (DOMAIN §7.2, otherName 1.2.392.200149.8.5.5.5) is the
/// register's address as written: block and building separated by an ideographic space, the same
/// text the resident page and the letters show and the chip's four information carries.
/// </summary>
public sealed class CertificateAddressTests
{
    [Fact]
    public async Task CardCreate_ResidentWithABuilding_CertificateAddressUsesTheIdeographicSpaceOfTheRegister()
    {
        var (stores, code, _) = await CliScenarios.WithAnAdultAsync();
        await using var _stores = stores;
        string expected;
        await using (var db = stores.OpenMunicipal())
        {
            var resident = await db.Residents.SingleAsync(r => r.ResidentCode == code);
            resident.Building = "ハイツ石巻２０１号室";
            resident.RefreshDerived();
            await db.SaveChangesAsync();
            expected = RegisterAddress.Join(resident.Prefecture, resident.City, resident.Town, resident.Block, resident.Building);
            Assert.Equal(expected, resident.Address);
        }
        Assert.Contains("\u3000ハイツ石巻２０１号室", expected, StringComparison.Ordinal);

        var made = await MynaCli.RunAsync(stores, "2580\nMYNA2026\n", "card", "create", "--resident-code", code, "--expires", "2036-03-31");
        Assert.True(made.ExitCode == 0, made.Err);
        var serial = made.Out.Split(' ', ':')[1];

        await using var national = stores.Runtime.Stores.OpenNational();
        var der = await national.Certificates.AsNoTracking().Where(c => c.Ca == (int)CaKind.Signature).Select(c => c.Der).SingleAsync();
        using var certificate = X509CertificateLoader.LoadCertificate(der!);
        var address = CertificateProfiles.ReadSubjectAltName(certificate)[JpkiOids.Address];
        Assert.Equal(expected, address);
        Assert.DoesNotContain(' ', address);

        // The chip's four information carries the same text (read after the 4-digit PIN, as a reader would).
        var chip = await stores.Runtime.CardChips().LoadAsync(national, serial);
        var reader = new ChipReader(chip);
        reader.Select(CardApplications.InputAssist);
        Assert.True(reader.Verify(CardFiles.InputAssistPin, "2580"));
        Assert.Equal(expected, ChipLayout.ReadFourInformation(reader.ReadFile(CardFiles.FourInformation)!).Address);
    }
}
