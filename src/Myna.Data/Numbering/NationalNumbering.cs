using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Numbering;
using Myna.Core.Protection;

namespace Myna.Data.Numbering;

/// <summary>
/// The national side's number generation (DOMAIN §1.3), in process. The number body is FF1
/// (AES-256, radix 10) of the resident code's 11 digits under a tweak naming the generation:
/// generation 0 for the first number, 1, 2, … after number changes. FF1 is a permutation, so
/// distinct codes of one generation never collide; the registry of issued numbers catches
/// collisions across generations and keeps the call idempotent.
/// </summary>
public sealed class NationalNumbering(Stores.Stores stores, KeyDirectory keys, TimeProvider time) : INationalNumbering
{
    private readonly byte[] numberingKey = keys.Read(KeyDirectory.NationalScope, KeyDirectory.Numbering);
    private readonly byte[] registryKey = keys.Read(KeyDirectory.NationalScope, KeyDirectory.NationalLookup);

    public async Task<IReadOnlyList<IndividualNumber>> AssignAsync(MunicipalityCode municipality, IReadOnlyList<ResidentCode> codes, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        // One statement per code in the common case: insert unless the number was retired;
        // "nothing inserted" means either this code already has a number or a collision.
        await using var insert = Sql.Command(db,
            "INSERT INTO issued_numbers (resident_code_hash, municipality_code, generation, number_hash, issued_at) " +
            "SELECT @c, @m, @g, @n, @at WHERE NOT EXISTS (SELECT 1 FROM retired_numbers WHERE number_hash = @n) " +
            "ON CONFLICT DO NOTHING", "@c", "@m", "@g", "@n", "@at");
        await using var existing = Sql.Command(db, "SELECT generation FROM issued_numbers WHERE resident_code_hash = @c", "@c");
        using var ff1 = new Ff1(numberingKey);
        var now = time.GetUtcNow();
        var result = new IndividualNumber[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            var codeHash = Hash("code:", codes[i].Value);
            for (var generation = 0; ; generation++)
            {
                var number = Derive(ff1, codes[i], generation);
                insert.Set(0, codeHash);
                insert.Set(1, municipality.Value);
                insert.Set(2, generation);
                insert.Set(3, Hash("number:", number.Value));
                insert.Set(4, now);
                if (await insert.ExecuteNonQueryAsync(ct) == 1)
                {
                    result[i] = number;
                    break;
                }
                existing.Set(0, codeHash);
                if (await existing.ExecuteScalarAsync(ct) is { } g and not DBNull)
                {
                    // Asked before (a resumed batch): the same number again.
                    result[i] = Derive(ff1, codes[i], Convert.ToInt32(g, CultureInfo.InvariantCulture));
                    break;
                }
                // Held by another code's later-generation number, or retired: next generation.
            }
        }
        await tx.CommitAsync(ct);
        return result;
    }

    public async Task<IndividualNumber> ChangeAsync(MunicipalityCode municipality, ResidentCode code, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var codeHash = Hash("code:", code.Value);
        await using var current = Sql.Command(db, "SELECT generation FROM issued_numbers WHERE resident_code_hash = @c", "@c");
        current.Set(0, codeHash);
        var found = await current.ExecuteScalarAsync(ct);
        if (found is null or DBNull)
        {
            throw new InvalidOperationException("this resident code has no number yet: a number change applies only to an issued number");
        }
        var oldGeneration = Convert.ToInt32(found, CultureInfo.InvariantCulture);
        using var ff1 = new Ff1(numberingKey);
        var oldHash = Hash("number:", Derive(ff1, code, oldGeneration).Value);
        await using var retire = Sql.Command(db, "INSERT INTO retired_numbers (number_hash, retired_at) VALUES (@n, @at)", "@n", "@at");
        retire.Set(0, oldHash);
        retire.Set(1, time.GetUtcNow());
        await retire.ExecuteNonQueryAsync(ct);
        await using var taken = Sql.Command(db,
            "SELECT 1 FROM issued_numbers WHERE number_hash = @n UNION ALL SELECT 1 FROM retired_numbers WHERE number_hash = @n", "@n");
        await using var update = Sql.Command(db,
            "UPDATE issued_numbers SET generation = @g, number_hash = @n, issued_at = @at WHERE resident_code_hash = @c", "@g", "@n", "@at", "@c");
        for (var generation = oldGeneration + 1; ; generation++)
        {
            var number = Derive(ff1, code, generation);
            var numberHash = Hash("number:", number.Value);
            taken.Set(0, numberHash);
            if (await taken.ExecuteScalarAsync(ct) is not (null or DBNull))
            {
                continue;
            }
            update.Set(0, generation);
            update.Set(1, numberHash);
            update.Set(2, time.GetUtcNow());
            update.Set(3, codeHash);
            await update.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            return number;
        }
    }

    private static IndividualNumber Derive(Ff1 ff1, ResidentCode code, int generation)
    {
        Span<byte> tweak = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(tweak, generation);
        Span<char> body = stackalloc char[11];
        // Generation 0 uses the empty tweak; later generations a 4-byte counter.
        ff1.Encrypt(code.Value, generation == 0 ? [] : tweak, body);
        return IndividualNumber.FromBody(body);
    }

    private byte[] Hash(string domain, string digits) =>
        HMACSHA256.HashData(registryKey, Encoding.ASCII.GetBytes(domain + digits));
}
