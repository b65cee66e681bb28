using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Residents;

/// <summary>One input row: either a valid record or the problems that made it invalid.</summary>
public sealed record ImportRow(long Line, ResidentRecord? Record, IReadOnlyList<(string Column, string Reason)> Problems);

public sealed record ImportProblem(long Line, string Column, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}, {Column}: {Reason}");
}

public sealed record ImportResult(long Rows, long Added, long Changed, long Unchanged, long ProblemCount, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => ProblemCount == 0;
}

/// <summary>
/// Loads residents into the register (DOMAIN §2). All or nothing: every row is checked, every
/// problem reported with its line and column, and nothing is written unless the whole file is
/// valid. Idempotent: a row identical to the register changes nothing; a differing row is a
/// correction event; a new row is an initial registration. Streams: memory does not grow with
/// the file (duplicate codes are tracked in a temporary table, not in memory).
/// </summary>
public sealed class ResidentImporter(AuditLog audit, TimeProvider time)
{
    /// <summary>Problems kept for the report; the count goes on past it.</summary>
    public const int MaxReportedProblems = 1000;

    public async Task<ImportResult> ImportCsvAsync(MunicipalDb db, string path, string? encodingName, string actor,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var encoding = TextEncodings.ForFile(path, encodingName);
        string sha256;
        await using (var hashStream = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashStream, ct));
        }
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var source = $"file {Path.GetFileName(path)} sha256={sha256} encoding={encoding.WebName}";
        try
        {
            return await ImportAsync(db, ReadCsv(reader), actor, source, progress, ct);
        }
        catch (CsvFormatException e)
        {
            return Failed(e.Line, "*", e.Reason);
        }
        catch (DecoderFallbackException)
        {
            return Failed(0, "*", $"the file is not valid {encoding.WebName}; choose the other encoding (utf-8 or cp932)");
        }
    }

    private static ImportResult Failed(long line, string column, string reason) =>
        new(0, 0, 0, 0, 1, [new ImportProblem(line, column, reason)]);

    /// <summary>Parses CSV lazily; a header problem yields a single failing row.</summary>
    public static IEnumerable<ImportRow> ReadCsv(TextReader text)
    {
        var csv = new CsvReader(text);
        if (!csv.Read())
        {
            yield return new ImportRow(1, null, [("*", "the file is empty: expected a header row")]);
            yield break;
        }
        var (map, headerProblems) = ResidentCsv.ReadHeader(csv.Fields);
        if (headerProblems.Count > 0)
        {
            yield return new ImportRow(1, null, headerProblems.Select(p => ("header", p)).ToList());
            yield break;
        }
        var problems = new List<(string, string)>();
        while (csv.Read())
        {
            if (csv.Fields.Count == 1 && csv.Fields[0].Length == 0)
            {
                continue; // blank line
            }
            var record = ResidentCsv.ParseRow(csv.Fields, map, problems);
            yield return new ImportRow(csv.RecordLine, record, record is null ? problems.ToList() : []);
        }
    }

    public async Task<ImportResult> ImportAsync(MunicipalDb db, IEnumerable<ImportRow> rows, string actor, string source,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var postgres = Sql.IsPostgres(db);
        await Sql.ExecuteAsync(db, postgres
            ? "CREATE TEMP TABLE import_seen (code bigint PRIMARY KEY, line bigint NOT NULL) ON COMMIT DROP"
            : "CREATE TEMP TABLE import_seen (code INTEGER PRIMARY KEY, line INTEGER NOT NULL)", ct);
        try
        {
            var result = await RunAsync(db, rows, actor, progress, ct);
            if (result.Succeeded)
            {
                await audit.AppendAsync(db, actor, AuditActions.ResidentsImported, "residents", detail:
                    string.Create(CultureInfo.InvariantCulture, $"{source}; rows={result.Rows} added={result.Added} changed={result.Changed} unchanged={result.Unchanged}"), ct: ct);
                if (!postgres)
                {
                    await Sql.ExecuteAsync(db, "DROP TABLE temp.import_seen", ct);
                }
                await tx.CommitAsync(ct);
            }
            else
            {
                await tx.RollbackAsync(ct);
            }
            return result;
        }
        finally
        {
            if (!postgres && db.Database.CurrentTransaction is null)
            {
                await Sql.ExecuteAsync(db, "DROP TABLE IF EXISTS temp.import_seen", CancellationToken.None);
            }
        }
    }

    private async Task<ImportResult> RunAsync(MunicipalDb db, IEnumerable<ImportRow> rows, string actor, IProgress<long>? progress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = JapanClock.Today(time);
        var problems = new List<ImportProblem>();
        long problemCount = 0, count = 0, added = 0, changed = 0, unchanged = 0;
        void Problem(long line, string column, string reason)
        {
            problemCount++;
            if (problems.Count < MaxReportedProblems)
            {
                problems.Add(new ImportProblem(line, column, reason));
            }
        }

        await using var seen = Sql.Command(db, "INSERT INTO import_seen (code, line) VALUES (@c, @l) ON CONFLICT DO NOTHING", "@c", "@l");
        await using var seenLine = Sql.Command(db, "SELECT line FROM import_seen WHERE code = @c", "@c");
        await using var commands = new RegisterCommands(db);

        // Loading an empty register (the first import) cannot meet a known resident code, so the
        // per-row lookup is skipped; duplicates within the file are still caught above.
        bool registerWasEmpty;
        await using (var any = Sql.Command(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM residents) THEN 0 ELSE 1 END"))
        {
            registerWasEmpty = Convert.ToInt32(await any.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1;
        }
        string? lastHouseholdCode = null;
        long lastHouseholdId = 0;
        // Parsing, checks, derived fields and the event snapshot are prepared on the other core.
        var prepared = ReadAhead.MapAsync(rows, row => new PreparedRow(row,
            row.Record is { } r ? RegisterCommands.ToResident(r, 0, now) : null,
            row.Record?.Data.ToJson()), capacity: 2048, ct);
        await foreach (var item in prepared)
        {
            var (row, newResident, snapshotJson) = item;
            count++;
            if (count % 10_000 == 0)
            {
                progress?.Report(count);
            }
            foreach (var (column, reason) in row.Problems)
            {
                Problem(row.Line, column, reason);
            }
            if (row.Record is not { } record)
            {
                continue;
            }
            var codeNumber = long.Parse(record.Code.Value, CultureInfo.InvariantCulture);
            seen.Set(0, codeNumber);
            seen.Set(1, row.Line);
            if (await seen.ExecuteNonQueryAsync(ct) == 0)
            {
                seenLine.Set(0, codeNumber);
                var first = Convert.ToInt64(await seenLine.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                Problem(row.Line, ResidentCsv.ResidentCode, string.Create(CultureInfo.InvariantCulture, $"the same resident code is already on line {first}"));
                continue;
            }
            if (problemCount > 0)
            {
                continue; // keep checking the rest, but nothing more will be written
            }

            if (!string.Equals(record.HouseholdCode, lastHouseholdCode, StringComparison.Ordinal))
            {
                lastHouseholdId = await commands.FindOrAddHouseholdAsync(record.HouseholdCode, now, ct);
                lastHouseholdCode = record.HouseholdCode;
            }
            var existing = registerWasEmpty ? null : await commands.FindAsync(record.Code.Value, ct);
            if (existing is { } known && !record.FamilyRegisterGiven)
            {
                // A file without the 本籍 columns (written before they existed) keeps the 本籍 the register holds.
                record = record with
                {
                    Data = record.Data with
                    {
                        FamilyRegisterPlace = known.Snapshot.FamilyRegisterPlace, FamilyRegisterMunicipality = known.Snapshot.FamilyRegisterMunicipality,
                    },
                };
                newResident!.FamilyRegisterPlace = known.Snapshot.FamilyRegisterPlace;
                newResident.FamilyRegisterMunicipality = known.Snapshot.FamilyRegisterMunicipality;
                snapshotJson = record.Data.ToJson();
            }
            if (existing is { } held && !record.ResidenceStatusGiven)
            {
                // A file without the status-of-residence columns (written before they existed) keeps what the register holds.
                record = record with { Data = record.Data with { ResidenceStatus = held.Snapshot.ResidenceStatus, StayUntil = held.Snapshot.StayUntil } };
                newResident!.ResidenceStatus = held.Snapshot.ResidenceStatus;
                newResident.StayUntil = held.Snapshot.StayUntil;
                snapshotJson = record.Data.ToJson();
            }
            if (record.AddressWithheld)
            {
                // DOMAIN §9: the file never held this address (it was withheld at export). The stored address stays as it is;
                // without one there is nothing to keep, and the placeholder is never written as an address.
                if (existing is null)
                {
                    Problem(row.Line, ResidentCsv.AddressWithheld,
                        "this resident is not in the register and the row's address was withheld at export: a new resident needs the real address");
                    continue;
                }
                var stored = existing.Value.Snapshot;
                var data = record.Data with
                {
                    PostalCode = stored.PostalCode, Prefecture = stored.Prefecture, City = stored.City, Town = stored.Town, Block = stored.Block,
                    Building = stored.Building,
                };
                if (data == stored && existing.Value.RegisteredOn == record.RegisteredOn)
                {
                    unchanged++;
                    continue;
                }
                var kept = RegisterCommands.ToResident(record with { Data = data }, lastHouseholdId, now);
                kept.Id = existing.Value.Id;
                await commands.UpdateResidentKeepingAddressAsync(kept, ct);
                await commands.InsertEventAsync(kept.Id, ResidentEventType.Correction, today, today, now, actor,
                    "import: " + string.Join(", ", Changes(stored, data, existing.Value.RegisteredOn, record.RegisteredOn)), data.ToJson(), ct);
                changed++;
                continue;
            }
            if (existing is null)
            {
                var resident = newResident!;
                resident.HouseholdId = lastHouseholdId;
                var id = await commands.InsertResidentAsync(resident, ct);
                await commands.InsertEventAsync(id, ResidentEventType.InitialRegistration, record.RegisteredOn, record.RegisteredOn,
                    now, actor, "import", snapshotJson!, ct);
                added++;
            }
            else if (existing.Value.Snapshot == record.Data && existing.Value.RegisteredOn == record.RegisteredOn)
            {
                unchanged++;
            }
            else
            {
                var resident = newResident!;
                resident.HouseholdId = lastHouseholdId;
                resident.Id = existing.Value.Id;
                await commands.UpdateResidentAsync(resident, ct);
                await commands.InsertEventAsync(resident.Id, ResidentEventType.Correction, today, today, now, actor,
                    "import: " + string.Join(", ", Changes(existing.Value.Snapshot, record.Data, existing.Value.RegisteredOn, record.RegisteredOn)), snapshotJson!, ct);
                changed++;
            }
        }
        progress?.Report(count);
        return new ImportResult(count, added, changed, unchanged, problemCount, problems);
    }

    private static List<string> Changes(ResidentSnapshot before, ResidentSnapshot after, DateOnly registeredBefore, DateOnly registeredAfter)
    {
        var fields = before.ChangedFields(after).ToList();
        if (registeredBefore != registeredAfter)
        {
            fields.Add(nameof(Resident.RegisteredOn));
        }
        return fields;
    }

    private sealed record PreparedRow(ImportRow Row, Resident? Resident, string? SnapshotJson);
}
