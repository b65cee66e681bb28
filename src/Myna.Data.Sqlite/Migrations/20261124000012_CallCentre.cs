using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>The 24/365 call centre (DOMAIN §8.3): cards found by the four information, suspended with a reference; abolished cards.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000012_CallCentre")]
public sealed class CallCentre : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        foreach (var column in new[] { "identity_hash BLOB NULL", "suspension_reference TEXT NULL", "suspended_at TEXT NULL" })
        {
            m.Sql("ALTER TABLE produced_cards ADD COLUMN " + column);
        }
        m.Sql("CREATE INDEX ix_produced_cards_identity_hash ON produced_cards (identity_hash)");
        m.Sql("""
            CREATE TABLE call_centre_cases (
                id INTEGER NOT NULL CONSTRAINT pk_call_centre_cases PRIMARY KEY AUTOINCREMENT,
                reference TEXT NOT NULL,
                serial TEXT NOT NULL,
                municipality_code TEXT NOT NULL,
                reported_at TEXT NOT NULL,
                operator TEXT NOT NULL,
                caller TEXT NOT NULL,
                theft INTEGER NOT NULL,
                certificates_suspended INTEGER NOT NULL,
                outcome INTEGER NULL,
                closed_at TEXT NULL,
                closed_by TEXT NULL,
                closing_note TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_call_centre_cases_reference ON call_centre_cases (reference)");
        m.Sql("CREATE INDEX ix_call_centre_cases_serial ON call_centre_cases (serial)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
