using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Certificates of the national CAs and their status history (DOMAIN §7).</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000004_Certificates")]
public sealed class Certificates : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE certificates (
                id INTEGER NOT NULL CONSTRAINT pk_certificates PRIMARY KEY AUTOINCREMENT,
                ca INTEGER NOT NULL,
                serial TEXT NOT NULL,
                key_hash BLOB NOT NULL,
                to_be_signed BLOB NOT NULL,
                der BLOB NULL,
                not_before TEXT NOT NULL,
                not_after TEXT NOT NULL,
                status INTEGER NOT NULL,
                status_at TEXT NULL,
                reason INTEGER NULL,
                municipality_code TEXT NOT NULL,
                holder_hash BLOB NOT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE certificate_events (
                id INTEGER NOT NULL CONSTRAINT pk_certificate_events PRIMARY KEY AUTOINCREMENT,
                certificate_id INTEGER NOT NULL REFERENCES certificates (id),
                status INTEGER NOT NULL,
                reason INTEGER NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                note TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_certificates_serial ON certificates (serial)");
        m.Sql("CREATE UNIQUE INDEX ix_certificates_ca_key_hash ON certificates (ca, key_hash)");
        m.Sql("CREATE INDEX ix_certificates_holder_hash ON certificates (holder_hash)");
        m.Sql("CREATE INDEX ix_certificates_ca_status ON certificates (ca, status)");
        m.Sql("CREATE INDEX ix_certificate_events_certificate_id ON certificate_events (certificate_id)");
        m.Sql("""
            CREATE TABLE crls (
                id INTEGER NOT NULL CONSTRAINT pk_crls PRIMARY KEY AUTOINCREMENT,
                ca INTEGER NOT NULL,
                number INTEGER NOT NULL,
                this_update TEXT NOT NULL,
                next_update TEXT NOT NULL,
                entries INTEGER NOT NULL,
                source_version INTEGER NOT NULL,
                der BLOB NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_crls_ca_number ON crls (ca, number)");
        m.Sql("CREATE TABLE ca_states (ca INTEGER NOT NULL CONSTRAINT pk_ca_states PRIMARY KEY, version INTEGER NOT NULL)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
