using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>The municipal store: register, numbers, staff, audit log.</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261122000001_MunicipalInitial")]
public sealed class MunicipalInitial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE households (
                id INTEGER NOT NULL CONSTRAINT pk_households PRIMARY KEY AUTOINCREMENT,
                household_code TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_households_household_code ON households (household_code)");
        m.Sql("""
            CREATE TABLE residents (
                id INTEGER NOT NULL CONSTRAINT pk_residents PRIMARY KEY AUTOINCREMENT,
                resident_code TEXT NOT NULL,
                household_id INTEGER NOT NULL CONSTRAINT fk_residents_household_id REFERENCES households (id),
                relationship TEXT NOT NULL,
                family_name TEXT NOT NULL,
                given_name TEXT NOT NULL,
                family_name_kana TEXT NOT NULL,
                given_name_kana TEXT NOT NULL,
                former_surname TEXT NULL,
                alias TEXT NULL,
                birth_date TEXT NOT NULL,
                sex INTEGER NOT NULL,
                postal_code TEXT NULL,
                prefecture TEXT NOT NULL,
                city TEXT NOT NULL,
                town TEXT NOT NULL,
                block TEXT NOT NULL,
                building TEXT NULL,
                name_alt_flags TEXT NULL,
                name_substitute TEXT NULL,
                address_alt_flags TEXT NULL,
                address_substitute TEXT NULL,
                status INTEGER NOT NULL,
                registered_on TEXT NOT NULL,
                search_name TEXT NOT NULL,
                search_kana TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_residents_resident_code ON residents (resident_code)");
        m.Sql("CREATE INDEX ix_residents_household_id ON residents (household_id)");
        m.Sql("CREATE INDEX ix_residents_birth_date ON residents (birth_date)");
        m.Sql("CREATE INDEX ix_residents_status ON residents (status, id)");
        m.Sql("""
            CREATE TABLE resident_events (
                id INTEGER NOT NULL CONSTRAINT pk_resident_events PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                type INTEGER NOT NULL,
                effective_date TEXT NOT NULL,
                notification_date TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                note TEXT NULL,
                snapshot TEXT NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_resident_events_resident_id ON resident_events (resident_id)");
        m.Sql("""
            CREATE TABLE resident_numbers (
                id INTEGER NOT NULL CONSTRAINT pk_resident_numbers PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                cipher BLOB NOT NULL,
                lookup_hash BLOB NOT NULL,
                last4 TEXT NOT NULL,
                is_current INTEGER NOT NULL,
                assigned_at TEXT NOT NULL,
                retired_at TEXT NULL,
                retired_reason TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_resident_numbers_lookup_hash ON resident_numbers (lookup_hash)");
        m.Sql("CREATE UNIQUE INDEX ix_resident_numbers_resident_id ON resident_numbers (resident_id) WHERE is_current");
        m.Sql("""
            CREATE TABLE numbering_runs (
                id INTEGER NOT NULL CONSTRAINT pk_numbering_runs PRIMARY KEY AUTOINCREMENT,
                started_at TEXT NOT NULL,
                finished_at TEXT NULL,
                pending INTEGER NOT NULL,
                done INTEGER NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE staff_accounts (
                id INTEGER NOT NULL CONSTRAINT pk_staff_accounts PRIMARY KEY AUTOINCREMENT,
                user_name TEXT NOT NULL,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL,
                locked_until TEXT NULL,
                disabled INTEGER NOT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_staff_accounts_user_name ON staff_accounts (user_name)");
        AuditTable.Create(m);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}

internal static class AuditTable
{
    public static void Create(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE audit_records (
                sequence INTEGER NOT NULL CONSTRAINT pk_audit_records PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                purpose TEXT NULL,
                detail TEXT NULL,
                previous_hash BLOB NOT NULL,
                hash BLOB NOT NULL)
            """);
        // DOMAIN §12: append-only, enforced by the database as well as by the code.
        m.Sql("CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END");
        m.Sql("CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END");
    }
}
