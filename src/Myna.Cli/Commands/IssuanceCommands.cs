using System.CommandLine;
using System.Globalization;
using Myna.Core.Calendar;
using Myna.Documents.Issuance;
using Myna.Hosting;
using Myna.Municipal.Issuance;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna issuance notices|reminders|destroy</c>: the daily jobs of DOMAIN §6.2 — a wave of issuance
/// notices of the configured size, the reminders after the deadline, and the destruction of cards
/// left uncollected. Each is safe to run again the same day.
/// </summary>
internal static class IssuanceCommands
{
    public static Command Create()
    {
        var issuance = new Command("issuance", "Issuance notices in waves, reminders and destruction of uncollected cards (DOMAIN §6.2)");
        issuance.Subcommands.Add(LettersCommand("notices", "Send today's wave of issuance notices (Myna:Municipalities:N:IssuanceWaveSize per day) and write their PDF",
            reminders: false));
        issuance.Subcommands.Add(LettersCommand("reminders", "Make the one reminder of every notice past its deadline and write their PDF", reminders: true));
        issuance.Subcommands.Add(DestroyCommand());
        issuance.Subcommands.Add(NoShowsCommand());
        return issuance;
    }

    private static Command LettersCommand(string name, string description, bool reminders)
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "The day, YYYY-MM-DD (default: today in Japan)" };
        var size = new Option<int?>("--size") { Description = "Notices in this wave (default: the configured wave size)" };
        var fromPlan = new Option<bool>("--from-plan") { Description = "Take the wave size from the issuance planner (§11.3): the windows' daily pace over the show-up rate" };
        var output = new Option<string?>("--out") { Description = "Folder for the PDF (default: data/issuance)" };
        var command = new Command(name, description) { municipality, date, output };
        if (!reminders)
        {
            command.Options.Add(size);
            command.Options.Add(fromPlan);
        }
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var day = Day(parse.GetValue(date), runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var desk = runtime.IssuanceNotices(code);
            IReadOnlyList<IssuanceLetter> letters;
            try
            {
                int? wave;
                try
                {
                    wave = parse.GetValue(fromPlan) ? (await Myna.Municipal.Reports.PlannerData.PlanAsync(db, runtime.Time, ct)).NoticesPerDay : parse.GetValue(size);
                }
                catch (ArgumentException e)
                {
                    // The recorded sessions give no plan (e.g. a session shorter than one issuance): say why, send nothing.
                    throw new CliException("no plan from the records: " + e.Message, 1);
                }
                letters = reminders ? await desk.SendRemindersAsync(db, day, CliContext.Actor, ct)
                    : await desk.SendWaveAsync(db, day, CliContext.Actor, wave, ct);
            }
            catch (CardSafeException e)
            {
                throw new CliException(e.Message, 2);
            }
            if (letters.Count == 0)
            {
                await Console.Out.WriteLineAsync(reminders ? "no reminder is due" : "nothing to send: the day's wave is full or no card is ready");
                return 0;
            }
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(runtime.Options.Database.DataDirectory, "issuance"), MynaOptions.Home);
            Directory.CreateDirectory(folder);
            var m = runtime.Municipality(code);
            var options = runtime.Options.Municipalities.FirstOrDefault(o => o.Code == code.Value);
            var path = Path.Combine(folder, $"{name}-{code.Value}-{day:yyyyMMdd}-{DateTime.UtcNow:HHmmss}.pdf");
            await File.WriteAllBytesAsync(path, IssuanceNoticePdf.Render(letters.Select(l => new IssuanceNoticePage(l.Number, l.FullName, l.PostalCode, l.Address,
                reminders ? day : l.SentOn, l.Deadline, reminders, l.SignatureCertificate, m.Name, runtime.Options.PublicUrl.TrimEnd('/') + "/book",
                options?.OfficePhone, options?.DestroyAfterMonths ?? 3)), m.Name), ct);
            await Console.Out.WriteLineAsync($"{letters.Count:N0} {(reminders ? "reminder(s)" : "issuance notice(s)")} → {path}");
            return 0;
        });
        return command;
    }

    private static Command DestroyCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "The day, YYYY-MM-DD (default: today in Japan)" };
        var command = new Command("destroy", "Destroy the cards still uncollected the configured months after their deadline; their certificates are revoked")
        {
            municipality, date,
        };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var destroyed = await runtime.IssuanceNotices(code).DestroyUncollectedAsync(db, Day(parse.GetValue(date), runtime), CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"{destroyed.Count:N0} card(s) destroyed, their certificates revoked" +
                (destroyed.Count > 0 ? ": " + string.Join(", ", destroyed) : ""));
            return 0;
        });
        return command;
    }

    private static Command NoShowsCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "Bookings before this day, YYYY-MM-DD (default: today in Japan)" };
        var command = new Command("no-shows", "Mark the bookings of past days that ended without a hand-over as no-shows (DOMAIN §6.3)") { municipality, date };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var marked = await runtime.AppointmentBook().MarkNoShowsAsync(db, Day(parse.GetValue(date), runtime), ct);
            await Console.Out.WriteLineAsync($"{marked:N0} booking(s) marked as no-shows");
            return 0;
        });
        return command;
    }

    /// <summary>A <c>--date</c>-style option: today in Japan when absent, else YYYY-MM-DD (a usage error otherwise).</summary>
    internal static DateOnly Day(string? value, MynaRuntime runtime) =>
        value is null ? JapanClock.Today(runtime.Time)
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new CliException($"'{value}' is not a date YYYY-MM-DD", 2);
}
