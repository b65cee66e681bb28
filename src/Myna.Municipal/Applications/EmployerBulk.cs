using System.Globalization;
using System.IO.Compression;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Text;
using Myna.Core.Text.Messages;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Applications;

/// <summary>One row of an employer's file, as the result report lists it.</summary>
public sealed record BulkRowResult(long Line, string ApplicationId, bool Ok, string? ReceiptNumber, IReadOnlyList<ApplicationProblem> Problems);

public sealed record BulkResult(bool Succeeded, IReadOnlyList<BulkRowResult> Rows)
{
    public int Accepted => Succeeded ? Rows.Count : 0;
}

/// <summary>
/// 勤務先企業等による一括申請 (DOMAIN §4.1): a CSV of applications and a zip of their photos. Every
/// row is checked like a single application; the file is taken whole or not at all, and the
/// result report names each row's problems.
/// </summary>
public sealed class EmployerBulk(ApplicationDesk desk, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Columns =
        ["application_id", "photo", "email", "phone", "signature_certificate", "user_certificate", "braille", "legal_representative"];

    public const int MaxRows = 5000;

    public async Task<BulkResult> SubmitAsync(MunicipalDb db, Core.Identifiers.MunicipalityCode municipality, Stream csv, Stream zip, string employer,
        string actor, CancellationToken ct = default)
    {
        using var archive = OpenZip(zip);
        var photos = archive.Entries.Where(e => e.Length > 0).GroupBy(e => e.FullName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var rows = new List<(long Line, ApplicationInput Input, List<ApplicationProblem> Problems)>();
        using (var reader = new StreamReader(csv, TextEncodings.StrictUtf8))
        {
            var parser = new CsvReader(reader);
            if (!parser.Read() || !parser.Fields.SequenceEqual(Columns))
            {
                return Fail(0, "", "header", BulkApplicationMessages.Header.With(string.Join(",", Columns)));
            }
            while (parser.Read())
            {
                var f = parser.Fields;
                var problems = new List<ApplicationProblem>();
                if (f.Count != Columns.Count)
                {
                    problems.Add(new("row", BulkApplicationMessages.Columns.With(f.Count, Columns.Count)));
                    rows.Add((parser.RecordLine, new ApplicationInput(f.Count > 0 ? f[0] : "", ApplicationChannel.Employer, null), problems));
                    continue;
                }
                byte[]? photo = null;
                if (!photos.TryGetValue(f[1].Trim(), out var entry))
                {
                    problems.Add(new("photo", BulkApplicationMessages.PhotoNotInZip.With(f[1])));
                }
                else if (entry.Length > PhotoCheck.MaxBytes * 2)
                {
                    problems.Add(new("photo", BulkApplicationMessages.PhotoTooLarge));
                }
                else
                {
                    await using var s = await entry.OpenAsync(ct);
                    using var buffer = new MemoryStream();
                    await s.CopyToAsync(buffer, ct);
                    photo = buffer.ToArray();
                }
                bool Flag(int i, string name, bool fallback)
                {
                    switch (f[i].Trim())
                    {
                        case "":
                            return fallback;
                        case "1":
                            return true;
                        case "0":
                            return false;
                        default:
                            problems.Add(new(name, BulkApplicationMessages.Flag.With(name)));
                            return fallback;
                    }
                }
                var input = new ApplicationInput(f[0].Trim(), ApplicationChannel.Employer, photo, f[2], f[3],
                    Flag(4, "signature_certificate", true), Flag(5, "user_certificate", true), Flag(6, "braille", false), Consent: true, f[7]);
                rows.Add((parser.RecordLine, input, problems));
                if (rows.Count > MaxRows)
                {
                    return Fail(parser.RecordLine, "", "row", BulkApplicationMessages.TooManyRows.With(MaxRows));
                }
            }
        }
        if (rows.Count == 0)
        {
            return Fail(1, "", "row", BulkApplicationMessages.NoRows);
        }

        var checkedRows = new List<(long Line, ApplicationInput Input, FormPrefill? Form, PhotoFacts? Photo, List<ApplicationProblem> Notes, List<ApplicationProblem> Problems)>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, input, problems) in rows)
        {
            if (seen.TryGetValue(input.ApplicationId, out var first))
            {
                problems.Add(new("application_id", BulkApplicationMessages.DuplicateId.With(first)));
            }
            seen.TryAdd(input.ApplicationId, line);
            FormPrefill? form = null;
            PhotoFacts? facts = null;
            var notes = new List<ApplicationProblem>();
            if (input.Photo is not null)
            {
                try
                {
                    (form, facts, notes) = await desk.CheckAsync(db, municipality, input, ct);
                }
                catch (ApplicationRejectedException e)
                {
                    problems.AddRange(e.Problems);
                }
            }
            checkedRows.Add((line, input, form, facts, notes, problems));
        }
        if (checkedRows.Any(r => r.Problems.Count > 0))
        {
            return new BulkResult(false, checkedRows.Select(r => new BulkRowResult(r.Line, r.Input.ApplicationId, r.Problems.Count == 0, null, r.Problems)).ToList());
        }

        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var results = new List<BulkRowResult>();
        foreach (var r in checkedRows)
        {
            var receipt = await desk.StoreAsync(db, r.Form!, r.Photo!, r.Input, r.Notes, actor, ct);
            results.Add(new BulkRowResult(r.Line, r.Input.ApplicationId, true, receipt.ReceiptNumber, r.Notes));
        }
        await audit.AppendAsync(db, actor, AuditActions.ApplicationsBulk, "applications",
            detail: string.Create(CultureInfo.InvariantCulture, $"employer={employer} rows={results.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return new BulkResult(true, results);
    }

    private static BulkResult Fail(long line, string id, string field, Message text) =>
        new(false, [new BulkRowResult(line, id, false, null, [new ApplicationProblem(field, text)])]);

    /// <summary>A file too short to hold a zip's end record (22 bytes) fails with a seek error, not as "not a zip": both are <see cref="InvalidDataException"/> here.</summary>
    private static ZipArchive OpenZip(Stream zip)
    {
        if (zip.CanSeek && zip.Length < 22)
        {
            throw new InvalidDataException("the photo archive is not a zip file");
        }
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read);
        }
        catch (IOException e)
        {
            throw new InvalidDataException("the photo archive is not a zip file", e);
        }
    }
}
