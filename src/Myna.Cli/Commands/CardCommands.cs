using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.National.Cards;
using Myna.National.Jpki;
using Myna.Pki.Card;
using Myna.Pki.Profiles;

namespace Myna.Cli.Commands;

/// <summary><c>myna card create|show|insert</c>: virtual cards for development and demonstration (DOMAIN §7.3, §7.7).</summary>
internal static class CardCommands
{
    public static Command Create()
    {
        var card = new Command("card", "Virtual My Number cards: make one, look at its chip, put it into a vpcd reader");
        card.Subcommands.Add(CreateCommand());
        card.Subcommands.Add(ShowCommand());
        card.Subcommands.Add(InsertCommand());
        card.Subcommands.Add(ValidityCommand());
        return card;
    }

    /// <summary><c>myna card validity --birth D --issued D --applied D [--stay-until D]</c>: the expiry (DOMAIN §8.1), ISO, one line.</summary>
    private static Command ValidityCommand()
    {
        var birth = new Option<string>("--birth") { Description = "Birth date, YYYY-MM-DD", Required = true };
        var issued = new Option<string>("--issued") { Description = "Issue date, YYYY-MM-DD", Required = true };
        var applied = new Option<string>("--applied") { Description = "Date the application reached J-LIS, YYYY-MM-DD (decides the adult age: 20 before 2022-04-01, 18 from then)", Required = true };
        var stay = new Option<string?>("--stay-until") { Description = "End of a foreign resident's period of stay, YYYY-MM-DD" };
        var command = new Command("validity", "Print the card's expiry date for a holder (DOMAIN §8.1)") { birth, issued, applied, stay };
        command.SetAction(async (parse, ct) =>
        {
            DateOnly Date(Option<string> option) => ParseDate(option.Name, parse.GetValue(option));
            DateOnly? stayUntil = parse.GetValue(stay) is { } s ? ParseDate("--stay-until", s) : null;
            try
            {
                await Console.Out.WriteLineAsync(Core.Issuance.CardValidity.Expiry(Date(birth), Date(issued), Date(applied), stayUntil)
                    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
            }
            return 0;
        });
        return command;
    }

    private static DateOnly ParseDate(string option, string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"{option}: '{value}' is not a date YYYY-MM-DD", 2);

    private static Command CreateCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var residentCode = new Option<string>("--resident-code") { Description = "The holder's resident code (住民票コード)", Required = true };
        var expires = new Option<string>("--expires") { Description = "The card's expiry date, YYYY-MM-DD (at production DOMAIN §8.1 decides it)", Required = true };
        var noSignature = new Option<bool>("--no-signature-certificate") { Description = "The holder declined the signature certificate (always so under 15)" };
        var command = new Command("create",
            "Make a card for a resident: keys generated on the chip, certificates issued for them, PINs read from standard input " +
            "(line 1: the 4-digit PIN; line 2: the signature PIN, unless --no-signature-certificate)")
        {
            municipality, residentCode, expires, noSignature,
        };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            if (!ResidentCode.TryParse(parse.GetValue(residentCode), out var resident, out var problem))
            {
                throw new CliException("--resident-code: " + problem.Message, 2);
            }
            if (!DateOnly.TryParseExact(parse.GetValue(expires), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
            {
                throw new CliException("--expires: a date YYYY-MM-DD", 2);
            }
            var withSignature = !parse.GetValue(noSignature);
            var fourDigit = (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
            var signaturePin = withSignature ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : null;
            await runtime.Stores.MigrateAllAsync(ct);

            await using var municipal = runtime.Stores.OpenMunicipal(code);
            var r = await municipal.Residents.AsNoTracking().FirstOrDefaultAsync(x => x.ResidentCode == resident.Value, ct)
                ?? throw new CliException($"no resident with code {resident.Value} in {code.Value}");
            if (withSignature && Core.Applications.ApplicationRules.IsUnder15(r.BirthDate, Core.Calendar.JapanClock.Today(runtime.Time)))
            {
                throw new CliException("an applicant under 15 gets no signature certificate: add --no-signature-certificate");
            }
            // Writing the number onto the chip is a use of it: audited with the card-issuance purpose (DOMAIN §12).
            var number = await runtime.ResidentQueries(code)
                .RevealAsync(municipal, r.Id, "card-issuance", CliContext.Actor, ct);
            var securityCode = RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
            var chip = new ChipHolder(number.Value, r.FullName, r.Address, r.BirthDate, (int)r.Sex, expiry, securityCode);
            var holder = new Holder(code, resident, r.BirthDate, expiry);
            var info = new FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags);

            var chips = runtime.CardChips();
            await using var national = runtime.Stores.OpenNational();
            string serial;
            try
            {
                CardChipStore.CheckPins(fourDigit, signaturePin, withSignature, r.BirthDate, securityCode); // before anything is made
                serial = await chips.CreateAsync(national, chip, holder, info, withSignature, CliContext.Actor, ct: ct);
                await chips.SetPinsAsync(national, serial, fourDigit, signaturePin, r.BirthDate, securityCode, CliContext.Actor, ct);
            }
            catch (Exception e) when (e is CardException or IssuanceException)
            {
                throw new CliException(e.Message);
            }
            await Console.Out.WriteLineAsync($"card {serial}: {r.FullName}, expires {expiry:yyyy-MM-dd}, security code {securityCode}" +
                (withSignature ? "" : " (no signature certificate)"));
            return 0;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var serial = new Argument<string>("SERIAL") { Description = "The card's serial" };
        var pin = new Option<bool>("--pin") { Description = "Read the 4-digit PIN from standard input and show the four information of the input-assist AP" };
        var command = new Command("show", "Show what a reader can read from the chip: token, certificates, PIN tries left; never a private key") { serial, pin };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            await using var national = runtime.Stores.OpenNational();
            VirtualCard card;
            try
            {
                card = await runtime.CardChips().LoadAsync(national, parse.GetRequiredValue(serial), ct);
            }
            catch (CardException e)
            {
                throw new CliException(e.Message);
            }
            var reader = new ChipReader(card);
            var o = Console.Out;
            await o.WriteLineAsync($"ATR   {Convert.ToHexString(CardApplications.Atr)}");
            reader.Select(CardApplications.Jpki);
            await o.WriteLineAsync($"token {System.Text.Encoding.ASCII.GetString(reader.ReadFile(CardFiles.Token) ?? []).TrimEnd()}");
            foreach (var (file, label) in new[] { (CardFiles.UserCertificate, "user certificate"), (CardFiles.UserCaCertificate, "user CA"),
                         (CardFiles.SignatureCertificate, "signature certificate"), (CardFiles.SignatureCaCertificate, "signature CA") })
            {
                var der = reader.ReadFile(file);
                if (der is null)
                {
                    await o.WriteLineAsync($"{label}: {reader.LastStatus switch { StatusWords.SecurityNotSatisfied => "needs the signature PIN", _ => "none" }}");
                    continue;
                }
                using var certificate = X509CertificateLoader.LoadCertificate(der);
                await o.WriteLineAsync($"{label}: {Myna.Pki.Profiles.JpkiNames.Display(certificate.SubjectName)}, serial {certificate.SerialNumber}, until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            }
            string Tries(ushort pin) => ChipLayout.PinIsSet(card, CardApplications.Jpki, pin)
                ? reader.TriesLeft(pin).ToString(System.Globalization.CultureInfo.InvariantCulture) : "not set";
            await o.WriteLineAsync($"PIN tries left: user {Tries(CardFiles.UserPin)}, signature {Tries(CardFiles.SignaturePin)}");
            if (parse.GetValue(pin))
            {
                var value = (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
                reader.Select(CardApplications.InputAssist);
                var accepted = reader.Verify(CardFiles.InputAssistPin, value);
                await runtime.CardChips().SaveAsync(national, parse.GetRequiredValue(serial).Trim().ToUpperInvariant(), card, ct); // the try counter is the chip's memory
                if (!accepted)
                {
                    throw new CliException($"the PIN was refused ({reader.LastStatus:X4}; tries left {reader.TriesLeft(CardFiles.InputAssistPin)})");
                }
                var (name, address, birth, sex) = ChipLayout.ReadFourInformation(reader.ReadFile(CardFiles.FourInformation)!);
                var number = System.Text.Encoding.ASCII.GetString(reader.ReadFile(CardFiles.IndividualNumber)![3..]);
                await o.WriteLineAsync($"name {name}; sex {sex}; born {birth:yyyy-MM-dd}; address {address}");
                await o.WriteLineAsync($"individual number {IndividualNumber.Parse(number).Masked}"); // masked: a full display needs a purpose (§12)
            }
            return 0;
        });
        return command;
    }

    private static Command InsertCommand()
    {
        var serial = new Option<string>("--card") { Description = "The card's serial", Required = true };
        var vpcd = new Option<string>("--vpcd") { Description = $"The vpcd reader, HOST:PORT (default 127.0.0.1:{VpcdBridge.DefaultPort})" };
        var command = new Command("insert", "Put the card into a vpcd virtual reader (pcscd with vsmartcard-vpcd) until Ctrl+C or the reader closes") { serial, vpcd };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var (host, port) = ("127.0.0.1", VpcdBridge.DefaultPort);
            if (parse.GetValue(vpcd) is { } target)
            {
                var colon = target.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is 0 or > 65535)
                {
                    throw new CliException("--vpcd: HOST:PORT", 2);
                }
                host = target[..colon];
            }
            var id = parse.GetRequiredValue(serial).Trim().ToUpperInvariant();
            var chips = runtime.CardChips();
            await using var national = runtime.Stores.OpenNational();
            VirtualCard card;
            try
            {
                card = await chips.LoadAsync(national, id, ct);
            }
            catch (CardException e)
            {
                throw new CliException(e.Message);
            }
            var bridge = new VpcdBridge(card, (c, status, token) => chips.RecordVerifyAsync(national, id, c, status, CliContext.Actor, token));
            await Console.Error.WriteLineAsync($"card {id}: connecting to the vpcd reader at {host}:{port} …");
            try
            {
                await bridge.RunAsync(host, port, ct);
            }
            catch (OperationCanceledException)
            {
            }
            await Console.Error.WriteLineAsync($"card {id}: removed after {bridge.Exchanges} APDUs");
            return 0;
        });
        return command;
    }
}
