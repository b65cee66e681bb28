using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Myna.Core.Calendar;
using Myna.Pki.Authorities;
using Myna.Pki.Verification;

namespace Myna.Cli.Commands;

internal static class VerifyCommand
{
    /// <summary>
    /// <c>myna verify FILE.p7s [--content FILE] [--anchor CA.cer]… [--tsa-anchor TSA-CA.cer]…</c>: a verifier's
    /// check of a signed document (DOMAIN §7.6), at the present time unless a trusted RFC 3161 time-stamp
    /// proves an earlier one. Exit 0 valid, 1 not valid (the reason on the last line).
    /// </summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The CMS (PKCS#7) signature, DER or PEM (.p7s)" };
        var content = new Option<FileInfo?>("--content") { Description = "The signed content, when the signature is detached" };
        var anchors = new Option<FileInfo[]>("--anchor")
        {
            Description = "Trusted signature CA certificate (DER or PEM); repeatable. Default: this host's signature CA",
            AllowMultipleArgumentsPerToken = true,
        };
        var tsaAnchors = new Option<FileInfo[]>("--tsa-anchor")
        {
            Description = "Trusted time-stamping authority root (DER or PEM); repeatable. A signature carrying an RFC 3161 time-stamp token " +
                "from a TSA chaining to it is judged at the stamped time; otherwise at the present time (the signer's own signingTime is never relied on)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("verify",
            "Verify a CMS signature made with a JPKI signature certificate and print the signer's four information. The certificate is judged " +
            "at the present time, or at the time of a trusted RFC 3161 time-stamp token in the signature (--tsa-anchor); the output says which")
        {
            file, content, anchors, tsaAnchors,
        };
        command.SetAction(async (parse, ct) =>
        {
            var signature = parse.GetValue(file)!;
            if (!signature.Exists)
            {
                throw new CliException($"no such file: {signature.FullName}", 2);
            }
            var contentFile = parse.GetValue(content);
            if (contentFile is { Exists: false })
            {
                throw new CliException($"--content: no such file: {contentFile.FullName}", 2);
            }
            var trusted = LoadAnchors(parse, parse.GetValue(anchors) ?? []);
            var timestamping = (parse.GetValue(tsaAnchors) ?? []).Select(f => Load("--tsa-anchor", f.FullName)).ToList();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var verifier = new CmsVerifier(trusted, new OnlineRevocation(http, TimeProvider.System), TimeProvider.System, timestamping);
            var report = await verifier.VerifyAsync(await File.ReadAllBytesAsync(signature.FullName, ct),
                contentFile is null ? null : await File.ReadAllBytesAsync(contentFile.FullName, ct), ct);
            await Print(report);
            return report.Valid ? 0 : 1;
        });
        return command;
    }

    private static List<X509Certificate2> LoadAnchors(ParseResult parse, FileInfo[] files)
    {
        var paths = files.Select(f => f.FullName).ToList();
        if (paths.Count == 0)
        {
            var runtime = CliContext.Runtime(parse);
            var own = CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(CaKind.Signature));
            if (!File.Exists(own))
            {
                throw new CliException("no trust anchor: give the signature CA certificate with --anchor FILE (e.g. downloaded from /pki/ca/sign.cer)", 2);
            }
            paths.Add(own);
        }
        return paths.Select(p => Load("--anchor", p)).ToList();
    }

    private static X509Certificate2 Load(string option, string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CliException($"{option} {path}: not a certificate ({e.Message})", 2);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{option}: no such file: {path}", 2);
        }
    }

    private static async Task Print(SignatureReport report)
    {
        var o = Console.Out;
        if (report.Signer is { } signer)
        {
            await o.WriteLineAsync($"signer:      serial {signer.SerialNumber}, issued by {Myna.Pki.Profiles.JpkiNames.Display(signer.IssuerName)}");
            await o.WriteLineAsync($"certificate: valid {signer.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z to {signer.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
        }
        if (report.SigningTime is { } at)
        {
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"signed at:   {at:yyyy-MM-dd HH:mm:ss}Z (as stated by the signer: not evidence)"));
        }
        if (report.VerifiedAt is { } verifiedAt)
        {
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"checked at:  {verifiedAt:yyyy-MM-dd HH:mm:ss}Z ({report.TimeBasis})"));
        }
        if (report.TimestampProblem is { } timestampProblem)
        {
            await o.WriteLineAsync($"  note: time-stamp not used: {timestampProblem}");
        }
        if (report.Revocation is { } revocation)
        {
            await o.WriteLineAsync($"status:      {revocation.State.ToString().ToLowerInvariant()} ({revocation.Source})");
            foreach (var problem in revocation.Problems)
            {
                await o.WriteLineAsync($"  note: {problem}");
            }
        }
        if (report.FourInformation is { } info)
        {
            await o.WriteLineAsync("four information (基本4情報):");
            await o.WriteLineAsync($"  name:       {info.Name}");
            await o.WriteLineAsync($"  sex:        {info.Sex} ({info.Sex switch { 1 => "男", 2 => "女", 3 => "不明", _ => "?" }})");
            await o.WriteLineAsync($"  birth date: {info.BirthDate:yyyy-MM-dd} ({JapaneseDate.Format(info.BirthDate)})");
            await o.WriteLineAsync($"  address:    {info.Address}");
        }
        await o.WriteLineAsync(report.Valid ? report.Message : $"invalid: {report.Message}");
    }
}
