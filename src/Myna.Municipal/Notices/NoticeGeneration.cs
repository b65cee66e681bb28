using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Municipalities;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Notices;

public sealed record NoticeProgress(long Done, long Total);

public sealed record NoticeSummary(long BatchId, NoticeKind Kind, long Envelopes, long Notices, bool Resumed);

/// <summary>
/// The notification batch (DOMAIN §3.1, ARCHITECTURE principle 6): everyone whose current number
/// has not been notified — here, or by the municipality the person moved from — gets a notice with a fresh application ID, grouped one envelope per
/// household and delivery place. Households are stored in chunks, each chunk with the batch's
/// progress in one transaction; a killed run is resumed by the next one, and a number is never
/// notified twice (unique index on notices.resident_number_id).
/// </summary>
public sealed class NoticeGeneration(Municipality municipality, AuditLog audit, TimeProvider time, AddressRule rule)
{
    public const int ChunkHouseholds = 1000;

    private const string NumberedPeople = "FROM resident_numbers n JOIN residents r ON r.id = n.resident_id";
    // §3.1, §8.6: a number the numbering municipality notified before the person moved in (notified_by) is not notified again.
    private const string NotNotified =
        "n.is_current AND r.status = 1 AND n.notified_by IS NULL AND NOT EXISTS (SELECT 1 FROM notices x WHERE x.resident_number_id = n.id)";

    /// <summary>Where a held-at-office envelope is kept and what the print data shows as its address (§3.2).</summary>
    public string OfficeAddress => OfficeAddressOf(municipality);

    /// <summary>Where letters held at the office (留め置き, §3.2, §9) wait: the municipality's resident desk.</summary>
    public static string OfficeAddressOf(Municipality m) => $"{m.Prefecture}{m.Name}役所 市民課";

    public async Task<NoticeSummary> RunAsync(MunicipalDb db, DateOnly noticeDate, string actor,
        IProgress<NoticeProgress>? progress = null, CancellationToken ct = default)
    {
        await Sql.OpenAsync(db, ct);
        var batch = await db.NoticeBatches.FirstOrDefaultAsync(b => b.FinishedAt == null && !b.IsResend, ct);
        var resumed = batch is not null;
        if (batch is null)
        {
            batch = new NoticeBatch
            {
                NoticeDate = noticeDate,
                Kind = NoticeKinds.For(noticeDate),
                StartedAt = time.GetUtcNow(),
                StartedBy = actor,
            };
            db.NoticeBatches.Add(batch);
            await db.SaveChangesAsync(ct);
        }
        long pending;
        await using (var count = Sql.Command(db, $"SELECT COUNT(DISTINCT r.household_id) {NumberedPeople} WHERE {NotNotified}"))
        {
            pending = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        progress?.Report(new NoticeProgress(0, pending));

        var issued = new HashSet<string>(StringComparer.Ordinal);
        long done = 0, lastHousehold = 0;
        while (true)
        {
            var people = await SelectChunkAsync(db, lastHousehold, ct);
            if (people.Count == 0)
            {
                break;
            }
            lastHousehold = people[^1].HouseholdId;
            var check = await LetterAddresses.CheckAsync(db, rule, people.Select(p => p.ResidentId), OfficeAddress, ct);
            await StoreChunkAsync(db, batch, people, check, actor, issued, ct);
            done += people.Select(p => p.HouseholdId).Distinct().Count();
            progress?.Report(new NoticeProgress(done, pending));
        }
        batch.FinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new NoticeSummary(batch.Id, batch.Kind, batch.Envelopes, batch.Notices, resumed);
    }

    private sealed record Person(long NumberId, long ResidentId, long HouseholdId, bool IsHead, string Name, string? PostalCode, string Address,
        long? RegistrationId, DeliveryKind? Delivery, string? ResidencePostalCode, string? ResidenceAddress,
        string? ProxyName, string? ProxyPostalCode, string? ProxyAddress);

    private static async Task<List<Person>> SelectChunkAsync(MunicipalDb db, long afterHousehold, CancellationToken ct)
    {
        var sql = $"""
            SELECT n.id, r.id, r.household_id, r.relationship, r.family_name, r.given_name, r.postal_code,
                   r.prefecture, r.city, r.town, r.block, r.building,
                   g.id, g.delivery, g.postal_code, g.address, g.proxy_name, g.proxy_postal_code, g.proxy_address
            {NumberedPeople} LEFT JOIN residence_registrations g ON g.resident_id = r.id AND g.ended_at IS NULL
            WHERE {NotNotified} AND r.household_id > @last AND r.household_id <= (
                SELECT MAX(h.household_id) FROM (SELECT DISTINCT r.household_id {NumberedPeople}
                    WHERE {NotNotified} AND r.household_id > @last ORDER BY r.household_id LIMIT {ChunkHouseholds}) h)
            ORDER BY r.household_id, r.id
            """;
        await using var select = Sql.Command(db, sql, "@last");
        select.Set(0, afterHousehold);
        var people = new List<Person>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var address = RegisterAddress.Join(reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), S(11));
            people.Add(new Person(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3) == "世帯主",
                reader.GetString(4) + "\u3000" + reader.GetString(5), S(6), address,
                reader.IsDBNull(12) ? null : reader.GetInt64(12), reader.IsDBNull(13) ? null : (DeliveryKind)reader.GetInt32(13),
                S(14), S(15), S(16), S(17), S(18)));
        }
        return people;
    }

    /// <summary>
    /// Where one person's notice goes (§3.2): a current residence registration first, then the register — checked by the
    /// letter rule (§9): never to an offender's address or one the person left; such a letter waits at the office.
    /// </summary>
    private (DeliveryKind Kind, long? RegistrationId, string? PostalCode, string Address, string? Addressee) Destination(Person p, LetterCheck check)
    {
        (DeliveryKind Kind, long? RegistrationId, string? PostalCode, string Address, string? Addressee) wanted = p.Delivery switch
        {
            DeliveryKind.Residence => (DeliveryKind.Residence, p.RegistrationId, p.ResidencePostalCode, p.ResidenceAddress!, null),
            DeliveryKind.Proxy => (DeliveryKind.Proxy, p.RegistrationId, p.ProxyPostalCode, p.ProxyAddress!, $"{p.ProxyName} 様（{p.Name} 様 代理人）"),
            DeliveryKind.HeldAtOffice => (DeliveryKind.HeldAtOffice, p.RegistrationId, null, OfficeAddress, null),
            _ => (DeliveryKind.RegisteredAddress, null, p.PostalCode, p.Address, null),
        };
        var chosen = check.Destination(p.ResidentId, new LetterDestination(wanted.Kind, wanted.PostalCode, wanted.Address));
        return chosen.Kind == wanted.Kind ? wanted : (chosen.Kind, null, chosen.PostalCode, chosen.Address, null);
    }

    private async Task StoreChunkAsync(MunicipalDb db, NoticeBatch batch, List<Person> people, LetterCheck check, string actor, HashSet<string> issued, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var now = time.GetUtcNow();
        await using var envelope = Sql.Command(db,
            "INSERT INTO notice_envelopes (batch_id, sequence, household_id, delivery, residence_registration_id, postal_code, address, addressee, state, state_changed_at) " +
            "VALUES (@b, @s, @h, @d, @g, @p, @a, @n, @st, @at) RETURNING id", "@b", "@s", "@h", "@d", "@g", "@p", "@a", "@n", "@st", "@at");
        await using var notice = Sql.Command(db,
            "INSERT INTO notices (batch_id, envelope_id, resident_id, resident_number_id, kind, application_id) VALUES (@b, @e, @r, @n, @k, @app)",
            "@b", "@e", "@r", "@n", "@k", "@app");
        envelope.Set(0, batch.Id);
        envelope.Set(9, now);
        notice.Set(0, batch.Id);
        notice.Set(4, (int)batch.Kind);
        var code = municipality.Code;
        long envelopes = 0, notices = 0;
        foreach (var household in people.GroupBy(p => p.HouseholdId))
        {
            // One envelope per household and delivery place; the head (or else the eldest entry) is named on it.
            foreach (var group in household.GroupBy(p => Destination(p, check) is var d ? (d.Kind, d.RegistrationId) : default))
            {
                var members = group.OrderByDescending(p => p.IsHead).ThenBy(p => p.ResidentId).ToList();
                var d = Destination(members[0], check);
                var addressee = d.Addressee ?? members[0].Name + " 様" + (members.Count > 1 ? $" ほか{members.Count - 1}名" : "");
                envelope.Set(1, checked((int)(batch.Envelopes + envelopes + 1)));
                envelope.Set(2, household.Key);
                envelope.Set(3, (int)d.Kind);
                envelope.Set(4, d.RegistrationId);
                envelope.Set(5, d.PostalCode);
                envelope.Set(6, d.Address);
                envelope.Set(7, addressee);
                envelope.Set(8, (int)(d.Kind == DeliveryKind.HeldAtOffice ? MailState.HeldAtOffice : MailState.Prepared));
                var envelopeId = Convert.ToInt64(await envelope.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                envelopes++;
                notice.Set(1, envelopeId);
                foreach (var p in members)
                {
                    string applicationId;
                    do
                    {
                        applicationId = Core.Identifiers.ApplicationId.New(code).Value;
                    }
                    while (!issued.Add(applicationId)); // 16 random digits: a clash is ~never, but the ID must be unique (§1.5)
                    notice.Set(2, p.ResidentId);
                    notice.Set(3, p.NumberId);
                    notice.Set(5, applicationId);
                    await notice.ExecuteNonQueryAsync(ct);
                    notices++;
                }
            }
        }
        batch.Envelopes += envelopes;
        batch.Notices += notices;
        await db.SaveChangesAsync(ct);
        // §9: a withheld person's own letter carries their address (or residence): the use is logged for the officer.
        await rule.ServedAsync(db, actor, people.Where(p => check.Withheld.Contains(p.ResidentId) && Destination(p, check).Kind != DeliveryKind.HeldAtOffice)
            .Select(p => p.ResidentId), "number notice envelope", ct);
        await audit.AppendAsync(db, actor, AuditActions.NoticesGenerated,
            string.Create(CultureInfo.InvariantCulture, $"households:{people[0].HouseholdId}-{people[^1].HouseholdId}"),
            detail: string.Create(CultureInfo.InvariantCulture, $"batch={batch.Id} envelopes={envelopes} notices={notices}"), ct: ct);
        await tx.CommitAsync(ct);
    }
}
