using System.CommandLine;
using Myna.Core.Calendar;
using Myna.Core.Notices;
using Myna.Data.Notices;
using Myna.Documents.Notices;

namespace Myna.Cli.Commands;

internal static class NoticeCommands
{
    /// <summary><c>myna notices generate</c>: the notification batch of DOMAIN §3.1 and its print output.</summary>
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "Date printed on the notices (era or ISO, default today); decides card or letter (§3.1)" };
        var output = new Option<string?>("--out") { Description = "Folder for the print data and PDFs (default: notices/ under the data folder)" };
        var encoding = new Option<string>("--encoding") { Description = "Print data encoding: utf-8 or cp932 (Shift_JIS)", DefaultValueFactory = _ => "utf-8" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Write the print data file only" };
        var perPdf = new Option<int>("--envelopes-per-pdf") { Description = "Envelopes per PDF file", DefaultValueFactory = _ => 500 };
        var generate = new Command("generate",
            "Notify everyone newly numbered: one envelope per household and delivery place, print data (CSV) and A4 PDFs " +
            "(resumable: rerun after any interruption)")
        {
            municipality, date, output, encoding, noPdf, perPdf,
        };
        generate.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var noticeDate = JapanClock.Today(runtime.Time);
            if (parse.GetValue(date) is { } text && !JapaneseDate.TryParse(text, out noticeDate, out var error))
            {
                throw new CliException("--date: " + error, 2);
            }
            if (parse.GetValue(perPdf) < 1)
            {
                throw new CliException("--envelopes-per-pdf must be at least 1", 2);
            }
            try
            {
                NoticePrintFile.EncodingFor(parse.GetValue(encoding));
            }
            catch (ArgumentException e)
            {
                throw new CliException("--encoding: " + e.Message, 2);
            }
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var bar = new ConsoleProgress("notices");
            var summary = await runtime.NoticeGeneration(code).RunAsync(db, noticeDate, CliContext.Actor,
                new Progress<NoticeProgress>(p => bar.Report((p.Done, p.Total))), ct);
            await Console.Out.WriteLineAsync(
                $"batch {summary.BatchId}{(summary.Resumed ? " (resumed)" : "")}: {NoticeKinds.TitleJa(summary.Kind)}, " +
                $"{summary.Notices:N0} notices in {summary.Envelopes:N0} envelopes");
            if (summary.Notices == 0)
            {
                return 0;
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(runtime.Options.Database.DataDirectory, "notices"), Myna.Data.MynaOptions.Home);
            var printData = runtime.NoticePrintData(code);
            var written = new ConsoleProgress("print data");
            var result = await NoticeOutput.WriteAsync(printData.ReadAsync(db, summary.BatchId, ct), summary.BatchId, runtime.Municipality(code).Name,
                new NoticeOutputOptions(folder, parse.GetValue(encoding), parse.GetValue(perPdf), Pdf: !parse.GetValue(noPdf)),
                new Progress<long>(n => written.Report((n, summary.Notices))), ct);
            await printData.RecordPrintedAsync(db, summary.BatchId, Path.GetFileName(result.DataFile), result.Rows, CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"print data: {result.DataFile} ({result.Rows:N0} records, individual numbers included: audited)");
            if (result.PdfFiles.Count > 0)
            {
                await Console.Out.WriteLineAsync(
                    $"PDFs: {result.PdfFiles.Count} file(s), {result.Pages:N0} pages written{(result.PdfPartsKept > 0 ? $", {result.PdfPartsKept} kept from the earlier run" : "")} in {folder}");
            }
            return 0;
        });
        return new Command("notices", "Number notifications and their print output (DOMAIN §3)") { generate };
    }


}
