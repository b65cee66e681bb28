using System.Data.Common;
using Myna.Core.Residents;
using Myna.Storage;

namespace Myna.Municipal.Residents;

/// <summary>
/// Prepared statements for writing the register in bulk, on the context's open connection and
/// current transaction. One instance per batch; not thread-safe.
/// </summary>
internal sealed class RegisterCommands : IAsyncDisposable
{
    private const string ResidentColumns =
        "household_id, relationship, family_name, given_name, family_name_kana, given_name_kana, former_surname, alias, " +
        "birth_date, sex, postal_code, prefecture, city, town, block, building, name_alt_flags, name_substitute, " +
        "address_alt_flags, address_substitute, status, registered_on, search_name, search_kana, updated_at, " +
        "family_register_place, family_register_municipality, residence_status, stay_until";

    private static readonly string[] ResidentParameters = ResidentColumns.Split(", ").Select(c => "@" + c).ToArray();

    /// <summary>The columns that make up an address: a row whose address was withheld at export leaves them as stored (DOMAIN §9).</summary>
    private static readonly HashSet<string> AddressColumns =
        ["postal_code", "prefecture", "city", "town", "block", "building", "address_alt_flags", "address_substitute"];

    private static readonly int[] NonAddressIndexes = ResidentColumns.Split(", ").Select((c, i) => (c, i)).Where(x => !AddressColumns.Contains(x.c)).Select(x => x.i).ToArray();

    private readonly DbCommand findHousehold;
    private readonly DbCommand addHousehold;
    private readonly DbCommand findResident;
    private readonly DbCommand insertResident;
    private readonly DbCommand updateResident;
    private readonly DbCommand updateResidentKeepingAddress;
    private readonly DbCommand insertEvent;

    public RegisterCommands(MunicipalDb db)
    {
        findHousehold = Sql.Command(db, "SELECT id FROM households WHERE household_code = @h", "@h");
        addHousehold = Sql.Command(db, "INSERT INTO households (household_code, created_at) VALUES (@h, @at) RETURNING id", "@h", "@at");
        findResident = Sql.Command(db,
            "SELECT r.id, h.household_code, r.relationship, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, " +
            "r.former_surname, r.alias, r.birth_date, r.sex, r.postal_code, r.prefecture, r.city, r.town, r.block, r.building, " +
            "r.status, r.registered_on, r.family_register_place, r.family_register_municipality, r.residence_status, r.stay_until FROM residents r JOIN households h ON h.id = r.household_id WHERE r.resident_code = @c", "@c");
        insertResident = Sql.Command(db,
            $"INSERT INTO residents (resident_code, {ResidentColumns}) VALUES (@resident_code, {string.Join(", ", ResidentParameters)}) RETURNING id",
            ResidentParameters.Prepend("@resident_code").ToArray());
        updateResident = Sql.Command(db,
            $"UPDATE residents SET {string.Join(", ", ResidentColumns.Split(", ").Select(c => $"{c} = @{c}"))} WHERE id = @id",
            ResidentParameters.Append("@id").ToArray());
        var kept = NonAddressIndexes.Select(i => ResidentColumns.Split(", ")[i]).ToArray();
        updateResidentKeepingAddress = Sql.Command(db,
            $"UPDATE residents SET {string.Join(", ", kept.Select(c => $"{c} = @{c}"))} WHERE id = @id",
            kept.Select(c => "@" + c).Append("@id").ToArray());
        insertEvent = Sql.Command(db,
            "INSERT INTO resident_events (resident_id, type, effective_date, notification_date, recorded_at, recorded_by, note, snapshot) " +
            "VALUES (@r, @t, @e, @n, @at, @by, @note, @s)", "@r", "@t", "@e", "@n", "@at", "@by", "@note", "@s");
    }

    public static Resident ToResident(ResidentRecord record, long householdId, DateTimeOffset now)
    {
        var s = record.Data;
        var r = new Resident
        {
            ResidentCode = record.Code.Value,
            HouseholdId = householdId,
            Relationship = s.Relationship,
            FamilyName = s.FamilyName,
            GivenName = s.GivenName,
            FamilyNameKana = s.FamilyNameKana,
            GivenNameKana = s.GivenNameKana,
            FormerSurname = s.FormerSurname,
            Alias = s.Alias,
            BirthDate = s.BirthDate,
            Sex = s.Sex,
            PostalCode = s.PostalCode,
            Prefecture = s.Prefecture,
            City = s.City,
            Town = s.Town,
            Block = s.Block,
            Building = s.Building,
            Status = s.Status,
            RegisteredOn = record.RegisteredOn,
            UpdatedAt = now,
            FamilyRegisterPlace = s.FamilyRegisterPlace,
            FamilyRegisterMunicipality = s.FamilyRegisterMunicipality,
            ResidenceStatus = s.ResidenceStatus,
            StayUntil = s.StayUntil,
        };
        r.RefreshDerived();
        return r;
    }

    public async Task<long> FindOrAddHouseholdAsync(string code, DateTimeOffset now, CancellationToken ct)
    {
        findHousehold.Set(0, code);
        if (await findHousehold.ExecuteScalarAsync(ct) is { } id and not DBNull)
        {
            return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }
        addHousehold.Set(0, code);
        addHousehold.Set(1, now);
        return Convert.ToInt64(await addHousehold.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<(long Id, ResidentSnapshot Snapshot, DateOnly RegisteredOn)?> FindAsync(string residentCode, CancellationToken ct)
    {
        findResident.Set(0, residentCode);
        await using var reader = await findResident.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var snapshot = new ResidentSnapshot(
            reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), Text(7), Text(8), reader.GetFieldValue<DateOnly>(9), (Sex)reader.GetInt32(10), Text(11),
            reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetString(15), Text(16),
            (ResidentStatus)reader.GetInt32(17), Text(19), Text(20), Text(21), reader.IsDBNull(22) ? null : reader.GetFieldValue<DateOnly>(22));
        return (reader.GetInt64(0), snapshot, reader.GetFieldValue<DateOnly>(18));
    }

    public async Task<long> InsertResidentAsync(Resident r, CancellationToken ct)
    {
        insertResident.Set(0, r.ResidentCode);
        SetResident(insertResident, 1, r);
        return Convert.ToInt64(await insertResident.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task UpdateResidentAsync(Resident r, CancellationToken ct)
    {
        SetResident(updateResident, 0, r);
        updateResident.Set(ResidentParameters.Length, r.Id);
        await updateResident.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Updates everything but the address columns, which stay as stored (an import row whose address was withheld, §9).</summary>
    public async Task UpdateResidentKeepingAddressAsync(Resident r, CancellationToken ct)
    {
        var values = Values(r);
        for (var i = 0; i < NonAddressIndexes.Length; i++)
        {
            updateResidentKeepingAddress.Set(i, values[NonAddressIndexes[i]]);
        }
        updateResidentKeepingAddress.Set(NonAddressIndexes.Length, r.Id);
        await updateResidentKeepingAddress.ExecuteNonQueryAsync(ct);
    }

    private static void SetResident(DbCommand c, int o, Resident r)
    {
        var values = Values(r);
        for (var i = 0; i < values.Length; i++)
        {
            c.Set(o + i, values[i]);
        }
    }

    /// <summary>The values of <see cref="ResidentColumns"/>, in that order.</summary>
    private static object?[] Values(Resident r) =>
    [
        r.HouseholdId, r.Relationship, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana, r.FormerSurname, r.Alias,
        r.BirthDate, (int)r.Sex, r.PostalCode, r.Prefecture, r.City, r.Town, r.Block, r.Building, r.NameAltFlags, r.NameSubstitute,
        r.AddressAltFlags, r.AddressSubstitute, (int)r.Status, r.RegisteredOn, r.SearchName, r.SearchKana, r.UpdatedAt,
        r.FamilyRegisterPlace, r.FamilyRegisterMunicipality, r.ResidenceStatus, r.StayUntil,
    ];

    public async Task InsertEventAsync(long residentId, ResidentEventType type, DateOnly effective, DateOnly notified,
        DateTimeOffset now, string actor, string? note, string snapshotJson, CancellationToken ct)
    {
        insertEvent.Set(0, residentId);
        insertEvent.Set(1, (int)type);
        insertEvent.Set(2, effective);
        insertEvent.Set(3, notified);
        insertEvent.Set(4, now);
        insertEvent.Set(5, actor);
        insertEvent.Set(6, note);
        insertEvent.Set(7, snapshotJson);
        await insertEvent.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in new[] { findHousehold, addHousehold, findResident, insertResident, updateResident, updateResidentKeepingAddress, insertEvent })
        {
            await c.DisposeAsync();
        }
    }
}
