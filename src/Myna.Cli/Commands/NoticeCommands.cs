using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Core.Text;
using Myna.Documents.Notices;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Notices;

namespace Myna.Cli.Commands;

internal static class NoticeCommands
{
    public static Command Create() =>
        new("notices", "Number notifications, their print output and registered mail (DOMAIN §3)") { Generate(), Resend(), Print(), Posted() };

    /// <summary>Options shared by the commands that write print output.</summary>
    private sealed class OutputOptions
    {
        public Option<string?> Folder { get; } = new("--out") { Description = "Folder for the print data and PDFs (default: notices/ under the data folder)" };
        public Option<string> Encoding { get; } = new("--encoding") { Description = "Print data encoding: utf-8 or cp932 (Shift_JIS)", DefaultValueFactory = _ => "utf-8" };
        public Option<bool> NoPdf { get; } = new("--no-pdf") { Description = "Write the print data file only" };
        public Option<int> PerPdf { get; } = new("--envelopes-per-pdf") { Description = "Envelopes per PDF file", DefaultValueFactory = _ => 500 };

        public void AddTo(Command command)
        {
            command.Options.Add(Folder);
            command.Options.Add(Encoding);
            command.Options.Add(NoPdf);
            command.Options.Add(PerPdf);
        }

        /// <summary>Checks the options before any work starts (usage errors exit 2).</summary>
        public void Validate(ParseResult parse)
        {
            if (parse.GetValue(PerPdf) < 1)
            {
                throw new CliException("--envelopes-per-pdf must be at least 1", 2);
            }
            try
            {
                NoticePrintFile.EncodingFor(parse.GetValue(Encoding));
            }
            catch (ArgumentException e)
            {
                throw new CliException("--encoding: " + e.Message, 2);
            }
        }

        /// <summary>The runtime and municipality of a command that writes print output, its options checked and the stores migrated.</summary>
        public async Task<(MynaRuntime Runtime, MunicipalityCode Code)> PrepareAsync(ParseResult parse, Option<string?> municipality, CancellationToken ct)
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            Validate(parse);
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            return (runtime, code);
        }

        /// <summary>Writes a batch's print data and PDFs and records the audited export of its numbers.</summary>
        public async Task WriteAsync(ParseResult parse, MynaRuntime runtime, MunicipalityCode code, MunicipalDb db, long batchId, long notices, CancellationToken ct)
        {
            var folder = Path.GetFullPath(parse.GetValue(Folder) ?? Path.Combine(runtime.Options.Database.DataDirectory, "notices"), MynaOptions.Home);
            var printData = runtime.NoticePrintData(code);
            // Audited before the first file with numbers exists (§12): an output cut short is covered too; writing it
            // again (`myna notices print`) is another audited export.
            await printData.RecordPrintedAsync(db, batchId, NoticeOutput.DataFileName(batchId), notices, CliContext.Actor, ct);
            var written = new ConsoleProgress("print data");
            var result = await NoticeOutput.WriteAsync(printData.ReadAsync(db, batchId, ct), batchId, runtime.Municipality(code).Name,
                new NoticeOutputOptions(folder, parse.GetValue(Encoding), parse.GetValue(PerPdf), Pdf: !parse.GetValue(NoPdf), runtime.Options.ApplyUrl),
                new Progress<long>(n => written.Report((n, notices))), ct);
            await Console.Out.WriteLineAsync($"print data: {result.DataFile} ({result.Rows:N0} records, individual numbers included: audited)");
            if (result.PdfFiles.Count > 0)
            {
                await Console.Out.WriteLineAsync(
                    $"PDFs: {result.PdfFiles.Count} file(s), {result.Pages:N0} pages written{(result.PdfPartsKept > 0 ? $", {result.PdfPartsKept} kept from the earlier run" : "")} in {folder}");
            }
        }
    }

    /// <summary><c>myna notices generate</c>: the notification batch of DOMAIN §3.1 and its print output.</summary>
    private static Command Generate()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "Date printed on the notices (era or ISO, default today); decides card or letter (§3.1)" };
        var output = new OutputOptions();
        var generate = new Command("generate",
            "Notify everyone newly numbered: one envelope per household and delivery place, print data (CSV) and A4 PDFs " +
            "(resumable: rerun after any interruption)")
        {
            municipality, date,
        };
        output.AddTo(generate);
        generate.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var noticeDate = JapanClock.Today(runtime.Time);
            if (parse.GetValue(date) is { } text && !JapaneseDate.TryParse(text, out noticeDate, out var error))
            {
                throw new CliException("--date: " + error.En, 2);
            }
            output.Validate(parse);
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var bar = new ConsoleProgress("notices");
            var summary = await runtime.NoticeGeneration(code).RunAsync(db, noticeDate, CliContext.Actor,
                new Progress<NoticeProgress>(p => bar.Report((p.Done, p.Total))), ct);
            await Console.Out.WriteLineAsync(
                $"batch {summary.BatchId}{(summary.Resumed ? " (resumed)" : "")}: {NoticeKinds.TitleJa(summary.Kind)}, " +
                $"{summary.Notices:N0} notices in {summary.Envelopes:N0} envelopes");
            if (summary.Notices > 0)
            {
                await output.WriteAsync(parse, runtime, code, db, summary.BatchId, summary.Notices, ct);
            }
            return 0;
        });
        return generate;
    }

    /// <summary><c>myna notices resend</c>: closes the open re-send batch (§3.3) and writes its print output.</summary>
    private static Command Resend()
    {
        var municipality = CliContext.MunicipalityOption();
        var output = new OutputOptions();
        var resend = new Command("resend", "Close the re-send batch of returned envelopes chosen for re-sending and write its print data and PDFs")
        {
            municipality,
        };
        output.AddTo(resend);
        resend.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = await output.PrepareAsync(parse, municipality, ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var batch = await db.NoticeBatches.FirstOrDefaultAsync(b => b.IsResend && b.FinishedAt == null, ct);
            if (batch is null)
            {
                await Console.Out.WriteLineAsync("no envelope is waiting to be re-sent");
                return 0;
            }
            batch.FinishedAt = runtime.Time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await Console.Out.WriteLineAsync($"re-send batch {batch.Id}: {batch.Notices:N0} notices in {batch.Envelopes:N0} envelopes");
            await output.WriteAsync(parse, runtime, code, db, batch.Id, batch.Notices, ct);
            return 0;
        });
        return resend;
    }

    /// <summary><c>myna notices print BATCH</c>: writes a finished batch's print output again (after an output cut short, or a lost file).</summary>
    private static Command Print()
    {
        var municipality = CliContext.MunicipalityOption();
        var batchArgument = new Argument<long>("batch") { Description = "The batch number (printed by generate and resend)" };
        var output = new OutputOptions();
        var print = new Command("print", "Write the print data and PDFs of a finished batch again (complete PDF parts are kept)") { batchArgument, municipality };
        output.AddTo(print);
        print.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = await output.PrepareAsync(parse, municipality, ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var id = parse.GetValue(batchArgument);
            var batch = await db.NoticeBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct)
                ?? throw new CliException($"no notice batch {id}", 1);
            if (batch.FinishedAt is null)
            {
                throw new CliException(batch.IsResend
                    ? $"batch {id} is the open re-send batch: close it with `myna notices resend`"
                    : $"batch {id} is not finished: run `myna notices generate` to finish it", 1);
            }
            if (batch.Notices == 0)
            {
                throw new CliException($"batch {id} has no notices to print", 1);
            }
            await output.WriteAsync(parse, runtime, code, db, batch.Id, batch.Notices, ct);
            return 0;
        });
        return print;
    }

    /// <summary><c>myna notices posted FILE</c>: the post's registered-mail numbers per envelope.</summary>
    private static Command Posted()
    {
        var municipality = CliContext.MunicipalityOption();
        var file = new Argument<FileInfo>("file") { Description = "CSV with columns batch_id, envelope_no, registered_mail_number (UTF-8 or CP932)" };
        file.AcceptExistingOnly();
        var posted = new Command("posted", "Record the registered-mail numbers of posted envelopes (all or nothing)") { file, municipality };
        posted.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var path = parse.GetRequiredValue(file).FullName;
            var rows = new List<(long, int, string)>();
            using (var reader = new StreamReader(path, TextEncodings.ForFile(path, null)))
            {
                var csv = new CsvReader(reader);
                if (!csv.Read() || !csv.Fields.SequenceEqual(["batch_id", "envelope_no", "registered_mail_number"]))
                {
                    throw new CliException("the first line must be: batch_id,envelope_no,registered_mail_number");
                }
                while (csv.Read())
                {
                    var f = csv.Fields;
                    if (f.Count != 3 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var batch)
                        || !int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                    {
                        throw new CliException($"line {csv.RecordLine}: expected batch_id,envelope_no,registered_mail_number with numbers in the first two columns");
                    }
                    rows.Add((batch, sequence, f[2]));
                }
            }
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            try
            {
                var count = await runtime.MailTracking(code).RecordMailNumbersAsync(db, rows, CliContext.Actor, ct);
                await Console.Out.WriteLineAsync($"{count:N0} envelopes recorded as posted");
            }
            catch (MailRuleException e)
            {
                throw new CliException(e.Message + "; nothing was recorded");
            }
            return 0;
        });
        return posted;
    }
}
