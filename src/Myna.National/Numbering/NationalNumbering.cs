using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Storage;

namespace Myna.National.Numbering;

/// <summary>
/// The national side's number generation (DOMAIN §1.3), in process. A resident code's number
/// body is FF1 (AES-256, radix 10) of its 11 digits under a tweak naming the generation:
/// generation 0 (empty tweak) for the first number, 1, 2, … after number changes.
/// <para>
/// FF1 is a permutation, so generation-0 numbers of distinct codes never collide, and the
/// same code always gets the same number: initial numbering needs no registry at all. The
/// national store keeps only the exceptions — codes whose number was changed (as HMACs of
/// code and number) and retired numbers — which is all it needs to stay idempotent and never
/// issue a number twice, and nothing that names a person (DOMAIN §0.3).
/// </para>
/// </summary>
public sealed class NationalNumbering(NationalStore stores, KeyDirectory keys, TimeProvider time) : INationalNumbering
{
    private readonly byte[] numberingKey = keys.Read(KeyDirectory.NationalScope, KeyDirectory.Numbering);
    private readonly byte[] registryKey = keys.Read(KeyDirectory.NationalScope, KeyDirectory.NationalLookup);

    public async Task<IReadOnlyList<IndividualNumber>> AssignAsync(MunicipalityCode municipality, IReadOnlyList<ResidentCode> codes, CancellationToken ct = default)
    {
        using var ff1 = new Ff1(numberingKey);
        var result = new IndividualNumber[codes.Count];
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await RegisterAsync(db, municipality, codes, ct);
        await using var anyExceptions = Sql.Command(db,
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM changed_numbers) OR EXISTS (SELECT 1 FROM retired_numbers) THEN 1 ELSE 0 END");
        if (Convert.ToInt32(await anyExceptions.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
        {
            // No number was ever changed: every code's number is its generation-0 number.
            for (var i = 0; i < codes.Count; i++)
            {
                result[i] = Derive(ff1, codes[i], 0);
            }
            await tx.CommitAsync(ct);
            return result;
        }
        await using var changedGeneration = Sql.Command(db, "SELECT generation FROM changed_numbers WHERE resident_code_hash = @c", "@c");
        await using var taken = Sql.Command(db,
            "SELECT 1 FROM changed_numbers WHERE number_hash = @n UNION ALL SELECT 1 FROM retired_numbers WHERE number_hash = @n", "@n");
        for (var i = 0; i < codes.Count; i++)
        {
            changedGeneration.Set(0, Hash("code:", codes[i].Value));
            if (await changedGeneration.ExecuteScalarAsync(ct) is { } g and not DBNull)
            {
                result[i] = Derive(ff1, codes[i], Convert.ToInt32(g, CultureInfo.InvariantCulture));
                continue;
            }
            var number = Derive(ff1, codes[i], 0);
            taken.Set(0, Hash("number:", number.Value));
            if (await taken.ExecuteScalarAsync(ct) is not (null or DBNull))
            {
                // Cannot happen while the checks of ChangeAsync hold; refuse rather than hand out a taken number.
                throw new InvalidOperationException("a generation-0 number is registered as changed or retired; the number registry is inconsistent");
            }
            result[i] = number;
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Records which municipality numbers each code, and refuses the whole request when one code was
    /// numbered for another municipality (DOMAIN §1.2: a resident code is nationally unique). One INSERT per
    /// code; only a code seen before costs a second statement (a rerun after a crash).
    /// </summary>
    private async Task RegisterAsync(NationalDb db, MunicipalityCode municipality, IReadOnlyList<ResidentCode> codes, CancellationToken ct)
    {
        await using var insert = Sql.Command(db,
            "INSERT INTO numbered_codes (resident_code_hash, municipality_code, numbered_at) VALUES (@c, @m, @at) ON CONFLICT DO NOTHING", "@c", "@m", "@at");
        await using var owner = Sql.Command(db, "SELECT municipality_code FROM numbered_codes WHERE resident_code_hash = @c", "@c");
        insert.Set(1, municipality.Value);
        insert.Set(2, time.GetUtcNow());
        foreach (var code in codes)
        {
            var codeHash = Hash("code:", code.Value);
            insert.Set(0, codeHash);
            if (await insert.ExecuteNonQueryAsync(ct) == 1)
            {
                continue;
            }
            owner.Set(0, codeHash);
            if (await owner.ExecuteScalarAsync(ct) as string != municipality.Value)
            {
                throw NumberingRefusedException.OfAnotherMunicipality(code);
            }
        }
    }

    public async Task<IndividualNumber> ChangeAsync(MunicipalityCode municipality, ResidentCode code, Guid messageId, CancellationToken ct = default)
    {
        using var ff1 = new Ff1(numberingKey);
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        // Delivered again after a crash on either side: the same number, never a further generation.
        if (await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct) is (true, { } given))
        {
            return Derive(ff1, code, int.Parse(given, CultureInfo.InvariantCulture));
        }
        await RegisterAsync(db, municipality, [code], ct);
        var codeHash = Hash("code:", code.Value);
        await using var current = Sql.Command(db, "SELECT generation FROM changed_numbers WHERE resident_code_hash = @c", "@c");
        current.Set(0, codeHash);
        var found = await current.ExecuteScalarAsync(ct);
        var oldGeneration = found is null or DBNull ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
        await using var retire = Sql.Command(db, "INSERT INTO retired_numbers (number_hash, retired_at) VALUES (@n, @at) ON CONFLICT DO NOTHING", "@n", "@at");
        retire.Set(0, Hash("number:", Derive(ff1, code, oldGeneration).Value));
        retire.Set(1, time.GetUtcNow());
        await retire.ExecuteNonQueryAsync(ct);
        await using var taken = Sql.Command(db,
            "SELECT 1 FROM changed_numbers WHERE number_hash = @n UNION ALL SELECT 1 FROM retired_numbers WHERE number_hash = @n", "@n");
        await using var upsert = Sql.Command(db,
            "INSERT INTO changed_numbers (resident_code_hash, municipality_code, generation, number_hash, changed_at) VALUES (@c, @m, @g, @n, @at) " +
            "ON CONFLICT (resident_code_hash) DO UPDATE SET generation = excluded.generation, number_hash = excluded.number_hash, changed_at = excluded.changed_at",
            "@c", "@m", "@g", "@n", "@at");
        for (var generation = oldGeneration + 1; ; generation++)
        {
            var number = Derive(ff1, code, generation);
            var numberHash = Hash("number:", number.Value);
            taken.Set(0, numberHash);
            if (IsSomeCodesFirstNumber(ff1, number) || await taken.ExecuteScalarAsync(ct) is not (null or DBNull))
            {
                continue;
            }
            upsert.Set(0, codeHash);
            upsert.Set(1, municipality.Value);
            upsert.Set(2, generation);
            upsert.Set(3, numberHash);
            upsert.Set(4, time.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(ct);
            // The generation (not the number) answers a repeat of this message.
            await Storage.Outbox.Inbox.RecordAsync(db, messageId, "number.change", generation.ToString(CultureInfo.InvariantCulture), time, ct);
            await tx.CommitAsync(ct);
            return number;
        }
    }

    public async Task MovedAsync(MunicipalityCode origin, MunicipalityCode destination, ResidentCode code, Guid messageId, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, "numbering.moved", null, time, ct))
        {
            return;
        }
        var codeHash = Hash("code:", code.Value);
        await using var owner = Sql.Command(db, "SELECT municipality_code FROM numbered_codes WHERE resident_code_hash = @c", "@c");
        owner.Set(0, codeHash);
        var current = await owner.ExecuteScalarAsync(ct) as string;
        if (current is not null && current != origin.Value && current != destination.Value)
        {
            // §1.2: the code lives in a third municipality; a move from the origin cannot take it.
            throw NumberingRefusedException.OfAnotherMunicipality(code);
        }
        await using var upsert = Sql.Command(db,
            "INSERT INTO numbered_codes (resident_code_hash, municipality_code, numbered_at) VALUES (@c, @m, @at) " +
            "ON CONFLICT (resident_code_hash) DO UPDATE SET municipality_code = excluded.municipality_code", "@c", "@m", "@at");
        upsert.Set(0, codeHash);
        upsert.Set(1, destination.Value);
        upsert.Set(2, time.GetUtcNow());
        await upsert.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Whether a candidate is (or would be) the generation-0 number of some resident code: FF1
    /// run backwards gives the only code that could own it, and it is a possible code exactly when
    /// its check digit holds (DOMAIN §1.2). Such numbers are never given out by a change.
    /// </summary>
    private static bool IsSomeCodesFirstNumber(Ff1 ff1, IndividualNumber candidate)
    {
        Span<char> code = stackalloc char[ResidentCode.DigitCount];
        ff1.Decrypt(candidate.Value.AsSpan(0, IndividualNumber.BodyDigitCount), [], code);
        return ResidentCode.TryParse(code.ToString(), out _, out _);
    }

    private static IndividualNumber Derive(Ff1 ff1, ResidentCode code, int generation)
    {
        Span<byte> tweak = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(tweak, generation);
        Span<char> body = stackalloc char[IndividualNumber.BodyDigitCount];
        ff1.Encrypt(code.Value, generation == 0 ? [] : tweak, body);
        return IndividualNumber.FromBody(body);
    }

    private byte[] Hash(string domain, string digits) =>
        HMACSHA256.HashData(registryKey, Encoding.ASCII.GetBytes(domain + digits));
}
