using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary>
/// The virtual card in a vpcd reader, read by OpenSC's JPKI driver (issue: real card software
/// talks to it): certificates listed and read byte for byte, a signature with the user key after
/// the PIN, and three wrong PINs lock the key.
/// </summary>
public sealed class CardReaderTests
{
    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{file} is missing: run the tests with ./test.sh");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }
        return (p.ExitCode, output.Result + error.Result);
    }

    private static bool Listening()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect("127.0.0.1", 35963);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>pcscd with the vpcd reader listening on 35963; started here (and stopped after) when it is not running.</summary>
    private static async Task<Process?> EnsurePcscdAsync()
    {
        if (Listening())
        {
            return null;
        }
        var pcscd = Process.Start(new ProcessStartInfo("pcscd", "-f") { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("pcscd is missing: run the tests with ./test.sh");
        for (var i = 0; i < 100 && !Listening(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(Listening(), "pcscd started but no vpcd reader listens on 35963 (is vsmartcard-vpcd installed?)");
        return pcscd;
    }

    /// <summary>Waits until OpenSC sees the My Number card's ATR in the vpcd reader.</summary>
    private static async Task WaitForTheCardAsync()
    {
        var atr = (1, "");
        for (var i = 0; i < 50 && !atr.Item2.Contains("3b:e0:00:ff:81:31:fe:45:14", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            atr = Run("opensc-tool", "-a");
        }
        Assert.Contains("3b:e0:00:ff:81:31:fe:45:14", atr.Item2, StringComparison.Ordinal);
    }

    private const string Pkcs11Module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

    /// <summary>
    /// Issue 18 point 2: a card without a signature certificate (declined, or under 15) keeps the JPKI-AP's
    /// layout (DOMAIN §7.7), so OpenSC binds it: pkcs15-tool lists the certificates, and pkcs11-tool signs
    /// with the user key after the 4-digit PIN; openssl verifies the signature with the certificate read
    /// from the card. Before, the missing signature PIN EF made OpenSC refuse the whole card.
    /// </summary>
    [Fact]
    public async Task OpenSc_CardWithoutASignatureCertificate_ListsTheCertificates_AndPkcs11SignsWithTheUserKey()
    {
        var (stores, code, _) = await CliScenarios.WithAnAdultAsync();
        await using var _stores = stores;
        var made = await MynaCli.RunAsync(stores, "2580\n", "card", "create", "--resident-code", code, "--expires", "2036-03-31", "--no-signature-certificate");
        Assert.True(made.ExitCode == 0, made.Err);
        var serial = made.Out.Split(' ', ':')[1];
        var shown = await MynaCli.RunAsync(stores, null, "card", "show", serial);
        Assert.Contains("signature certificate: none", shown.Out, StringComparison.Ordinal);
        Assert.Contains("PIN tries left: user 3, signature not set", shown.Out, StringComparison.Ordinal);

        using var pcscd = await EnsurePcscdAsync();
        using var inserted = MynaCli.Start(stores, "card", "insert", "--card", serial);
        var folder = stores.Root;
        try
        {
            await WaitForTheCardAsync();

            var list = Run("pkcs15-tool", "--list-certificates");
            Assert.True(list.ExitCode == 0, list.Output);
            Assert.DoesNotContain("Unsupported card", list.Output, StringComparison.Ordinal);
            Assert.Contains("User Authentication Certificate", list.Output, StringComparison.Ordinal);
            Assert.Contains("Digital Signature Certificate CA", list.Output, StringComparison.Ordinal);

            var read = Run("pkcs15-tool", "--read-certificate", "01");
            Assert.True(read.ExitCode == 0, read.Output);
            var pem = read.Output[read.Output.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];
            await File.WriteAllTextAsync(Path.Combine(folder, "user.pem"), pem);
            await using (var national = stores.Runtime.Stores.OpenNational())
            {
                using var fromCard = X509Certificate2.CreateFromPem(pem);
                var issued = await national.Certificates.AsNoTracking().SingleAsync(c => c.Ca == (int)CaKind.UserAuthentication);
                Assert.Equal(issued.Der, fromCard.RawData);
                Assert.False(await national.Certificates.AnyAsync(c => c.Ca == (int)CaKind.Signature));
            }

            var data = Path.Combine(folder, "login-challenge.txt");
            await File.WriteAllTextAsync(data, "ログイン要求 from a verifier");
            var sign = Run("pkcs11-tool", "--module", Pkcs11Module, "--login", "--pin", "2580", "--sign", "--id", "01", "--mechanism", "SHA256-RSA-PKCS",
                "--input-file", data, "--output-file", Path.Combine(folder, "sig.bin"));
            Assert.True(sign.ExitCode == 0, sign.Output);

            OpenSsl.Ok("x509", "-in", Path.Combine(folder, "user.pem"), "-pubkey", "-noout", "-out", Path.Combine(folder, "pub.pem"));
            var verified = OpenSsl.Ok("dgst", "-sha256", "-verify", Path.Combine(folder, "pub.pem"), "-signature", Path.Combine(folder, "sig.bin"), data);
            Assert.Contains("Verified OK", verified, StringComparison.Ordinal);

            // The signature PIN EF is there but holds no PIN: nothing verifies against it, no try is counted.
            var signaturePin = Run("pkcs15-tool", "--verify-pin", "--auth-id", "02", "--pin", "MYNA2026");
            Assert.DoesNotContain("Unsupported card", signaturePin.Output, StringComparison.Ordinal);
            Assert.True(signaturePin.ExitCode != 0, signaturePin.Output);
        }
        finally
        {
            inserted.Kill(entireProcessTree: true);
            if (pcscd is not null)
            {
                pcscd.Kill();
                await pcscd.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task OpenSc_ListsAndReadsTheCertificates_SignsAfterThePin_AndThreeWrongPinsLockTheKey()
    {
        var (stores, code, _) = await CliScenarios.WithAnAdultAsync();
        await using var _stores = stores;
        var made = await MynaCli.RunAsync(stores, "2580\nMYNA2026\n", "card", "create", "--resident-code", code, "--expires", "2036-03-31");
        Assert.True(made.ExitCode == 0, made.Err);
        var serial = made.Out.Split(' ', ':')[1];

        using var pcscd = await EnsurePcscdAsync();
        using var inserted = MynaCli.Start(stores, "card", "insert", "--card", serial);
        try
        {
            await WaitForTheCardAsync();

            var list = Run("pkcs15-tool", "--list-certificates");
            Assert.True(list.ExitCode == 0, list.Output);
            Assert.Contains("User Authentication Certificate", list.Output, StringComparison.Ordinal);
            Assert.Contains("Digital Signature Certificate", list.Output, StringComparison.Ordinal);

            var read = Run("pkcs15-tool", "--read-certificate", "01");
            Assert.True(read.ExitCode == 0, read.Output);
            var pem = read.Output[read.Output.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];
            using var fromCard = X509Certificate2.CreateFromPem(pem);
            await using (var national = stores.Runtime.Stores.OpenNational())
            {
                var issued = await national.Certificates.AsNoTracking().SingleAsync(c => c.Ca == (int)CaKind.UserAuthentication);
                Assert.Equal(issued.Der, fromCard.RawData); // byte for byte
            }

            var folder = stores.Root;
            var message = "ログイン要求 from a verifier"u8.ToArray();
            await File.WriteAllBytesAsync(Path.Combine(folder, "hash.bin"), SHA256.HashData(message));
            var sign = Run("pkcs15-crypt", "--sign", "--key", "01", "--pin", "2580", "--sha-256", "--pkcs1",
                "-i", Path.Combine(folder, "hash.bin"), "-o", Path.Combine(folder, "sig.bin"));
            Assert.True(sign.ExitCode == 0, sign.Output);
            using var publicKey = fromCard.GetRSAPublicKey()!;
            Assert.True(publicKey.VerifyData(message, await File.ReadAllBytesAsync(Path.Combine(folder, "sig.bin")), HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1));

            Assert.Contains("PIN code or key incorrect", Run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", "0000").Output, StringComparison.Ordinal);
            Assert.Contains("PIN code or key incorrect", Run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", "1111").Output, StringComparison.Ordinal);
            Assert.Contains("blocked", Run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", "2222").Output, StringComparison.Ordinal);
            var locked = Run("pkcs15-crypt", "--sign", "--key", "01", "--pin", "2580", "--sha-256", "--pkcs1",
                "-i", Path.Combine(folder, "hash.bin"), "-o", Path.Combine(folder, "sig2.bin"));
            Assert.NotEqual(0, locked.ExitCode);
            Assert.Contains("blocked", locked.Output, StringComparison.Ordinal);
        }
        finally
        {
            inserted.Kill(entireProcessTree: true);
            if (pcscd is not null)
            {
                pcscd.Kill();
                await pcscd.WaitForExitAsync();
            }
        }

        // The lock is the chip's memory: it is still there when the card is loaded again.
        await using var store = stores.Runtime.Stores.OpenNational();
        var card = await stores.Runtime.CardChips().LoadAsync(store, serial);
        var reader = new Myna.Pki.Card.ChipReader(card);
        reader.Select(Myna.Pki.Card.CardApplications.Jpki);
        Assert.Equal(0, reader.TriesLeft(Myna.Pki.Card.CardFiles.UserPin));
        var events = await store.AuditRecords.Where(a => a.Subject == "card:" + serial && a.Action.StartsWith("card.pin.")).OrderBy(a => a.Sequence)
            .Select(a => a.Action).ToListAsync();
        Assert.Equal(["card.pin.failed", "card.pin.failed", "card.pin.locked", "card.pin.locked"], events); // the PIN queries are not events
    }
}
