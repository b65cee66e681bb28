using System.Globalization;
using Myna.Core.Notices;
using Myna.Documents.Pdf;

namespace Myna.Documents.Notices;

/// <param name="Directory">Where the files go (created when missing).</param>
/// <param name="Encoding">utf-8 (default) or cp932 for the data file.</param>
/// <param name="EnvelopesPerPdf">Envelopes per PDF part: printers take files of a few thousand pages.</param>
/// <param name="Pdf">False writes the data file only.</param>
/// <param name="ApplyUrl">The public application page the forms' QR codes open (with the ID), or null for the bare ID.</param>
public sealed record NoticeOutputOptions(string Directory, string? Encoding = null, int EnvelopesPerPdf = 500, bool Pdf = true, string? ApplyUrl = null);

public sealed record NoticeOutputResult(string DataFile, IReadOnlyList<string> PdfFiles, long Rows, long Pages, int PdfPartsKept);

/// <summary>
/// Writes a batch's print data and PDFs. Every file appears only complete (written as
/// <c>.partial</c>, renamed at the end); a rerun after an interruption keeps the PDF parts that
/// are already complete and writes the rest, so the output is resumable like the batch.
/// </summary>
public static class NoticeOutput
{
    public static string DataFileName(long batchId) => string.Create(CultureInfo.InvariantCulture, $"notices-{batchId:D6}.csv");

    public static string PdfFileName(long batchId, int part) => string.Create(CultureInfo.InvariantCulture, $"notices-{batchId:D6}-{part:D4}.pdf");

    public static async Task<NoticeOutputResult> WriteAsync(IAsyncEnumerable<NoticePrintRow> rows, long batchId, string municipalityName,
        NoticeOutputOptions options, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EnvelopesPerPdf, 1);
        var encoding = NoticePrintFile.EncodingFor(options.Encoding);
        Directory.CreateDirectory(options.Directory);
        var dataFile = Path.Combine(options.Directory, DataFileName(batchId));
        var pdfFiles = new List<string>();
        long count = 0, pages = 0;
        var kept = 0;
        PdfPart? part = null;
        try
        {
            await using (var writer = new StreamWriter(dataFile + ".partial", append: false, encoding, bufferSize: 1 << 16))
            {
                var file = new NoticePrintFile(writer);
                file.WriteHeader();
                await foreach (var row in rows.WithCancellation(ct))
                {
                    file.Write(row);
                    count++;
                    if (options.Pdf)
                    {
                        var partNo = (row.EnvelopeSequence - 1) / options.EnvelopesPerPdf + 1;
                        if (part?.Number != partNo)
                        {
                            pages += part?.Finish() ?? 0;
                            var path = Path.Combine(options.Directory, PdfFileName(batchId, partNo));
                            pdfFiles.Add(path);
                            part = File.Exists(path) ? PdfPart.Kept(partNo) : PdfPart.Start(partNo, path, batchId);
                            kept += part.Document is null ? 1 : 0;
                        }
                        if (part.Document is { } pdf)
                        {
                            NoticePdf.WritePerson(pdf, row, municipalityName, options.ApplyUrl);
                        }
                    }
                    if (count % 1000 == 0)
                    {
                        progress?.Report(count);
                    }
                }
                pages += part?.Finish() ?? 0;
                part = null;
            }
            File.Move(dataFile + ".partial", dataFile, overwrite: true);
        }
        finally
        {
            part?.Abandon();
            File.Delete(dataFile + ".partial");
        }
        progress?.Report(count);
        return new NoticeOutputResult(dataFile, pdfFiles, count, pages, kept);
    }

    /// <summary>One PDF file of a batch, or a part already complete from an earlier run.</summary>
    private sealed class PdfPart
    {
        private FileStream? stream;
        private string? path;

        public int Number { get; private init; }
        public PdfDocument? Document { get; private set; }

        public static PdfPart Kept(int number) => new() { Number = number };

        public static PdfPart Start(int number, string path, long batchId)
        {
            var stream = new FileStream(path + ".partial", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            return new PdfPart
            {
                Number = number,
                path = path,
                stream = stream,
                Document = new PdfDocument(stream, string.Create(CultureInfo.InvariantCulture, $"個人番号通知 {batchId}-{number}"), "Myna"),
            };
        }

        /// <summary>Closes the file and publishes it; returns its page count.</summary>
        public int Finish()
        {
            if (Document is null)
            {
                return 0;
            }
            var pages = Document.Pages;
            Document.Dispose();
            stream!.Dispose();
            File.Move(path + ".partial", path!, overwrite: true);
            Document = null;
            return pages;
        }

        public void Abandon()
        {
            if (Document is null)
            {
                return;
            }
            Document.Dispose();
            stream!.Dispose();
            File.Delete(path + ".partial");
            Document = null;
        }
    }
}
