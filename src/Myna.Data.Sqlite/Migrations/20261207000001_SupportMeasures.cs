using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// DV等支援措置 as a record (DOMAIN §9): the measure, the people it covers, the offenders as far as known, and its
/// history. A resident flagged by the former single flag becomes a measure of the kind "similar", with that flag
/// named as its basis and a year from the upgrade, so no protection lapses; the officer completes it.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261207000001_SupportMeasures")]
public sealed class SupportMeasures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE support_measures (
                id INTEGER NOT NULL CONSTRAINT pk_support_measures PRIMARY KEY AUTOINCREMENT,
                reference TEXT NOT NULL,
                kind INTEGER NOT NULL,
                applicant_resident_code TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                basis_kind INTEGER NOT NULL,
                basis_body TEXT NOT NULL,
                basis_date TEXT NOT NULL,
                basis_note TEXT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                state INTEGER NOT NULL,
                lifted_on TEXT NULL,
                lift_reason TEXT NULL,
                forwarded_from TEXT NULL,
                keep_until TEXT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_support_measures_reference ON support_measures (reference)");
        m.Sql("CREATE INDEX ix_support_measures_state_ends_on ON support_measures (state, ends_on)");
        m.Sql("""
            CREATE TABLE support_measure_people (
                id INTEGER NOT NULL CONSTRAINT pk_support_measure_people PRIMARY KEY AUTOINCREMENT,
                measure_id INTEGER NOT NULL REFERENCES support_measures (id),
                resident_code TEXT NOT NULL,
                name TEXT NOT NULL,
                role INTEGER NOT NULL,
                covered_from TEXT NOT NULL,
                covered_until TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_support_measure_people_resident_code ON support_measure_people (resident_code)");
        m.Sql("CREATE INDEX ix_support_measure_people_measure_id ON support_measure_people (measure_id)");
        m.Sql("""
            CREATE TABLE support_measure_offenders (
                id INTEGER NOT NULL CONSTRAINT pk_support_measure_offenders PRIMARY KEY AUTOINCREMENT,
                measure_id INTEGER NOT NULL REFERENCES support_measures (id),
                name TEXT NOT NULL,
                name_kana TEXT NULL,
                birth_date TEXT NULL,
                address TEXT NULL,
                relationship TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_support_measure_offenders_measure_id ON support_measure_offenders (measure_id)");
        m.Sql("""
            CREATE TABLE support_measure_events (
                id INTEGER NOT NULL CONSTRAINT pk_support_measure_events PRIMARY KEY AUTOINCREMENT,
                measure_id INTEGER NOT NULL REFERENCES support_measures (id),
                at TEXT NOT NULL,
                kind INTEGER NOT NULL,
                detail TEXT NULL,
                actor TEXT NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_support_measure_events_measure_id ON support_measure_events (measure_id)");
        m.Sql("CREATE INDEX ix_residents_town_block ON residents (town, block)");
        m.Sql("""
            INSERT INTO support_measures (reference, kind, applicant_resident_code, applicant_name, basis_kind, basis_body, basis_date, basis_note,
                starts_on, ends_on, state, created_at, created_by, updated_at)
            SELECT 'SM-UPGRADE-' || id, 4, resident_code, family_name || '　' || given_name, 4, '以前の支援措置フラグ', date('now'),
                'upgraded from the former flag: record the kind, basis and offenders', date('now'), date('now', '+1 year', '-1 day'), 1,
                strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'), 'upgrade', strftime('%Y-%m-%d %H:%M:%S+00:00', 'now')
            FROM residents WHERE address_protected = 1
            """);
        m.Sql("""
            INSERT INTO support_measure_people (measure_id, resident_code, name, role, covered_from)
            SELECT id, applicant_resident_code, applicant_name, 1, starts_on FROM support_measures WHERE reference LIKE 'SM-UPGRADE-%'
            """);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
