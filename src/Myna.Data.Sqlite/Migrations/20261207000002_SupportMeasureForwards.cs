using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// The place of the family register (本籍, DOMAIN §8.6) in the register, with its municipality code, and the forwards of
/// support measures (§9): one row per message sent to another municipality, acknowledged when it answers.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261207000002_SupportMeasureForwards")]
public sealed class SupportMeasureForwards : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE residents ADD COLUMN family_register_place TEXT NULL");
        m.Sql("ALTER TABLE residents ADD COLUMN family_register_municipality TEXT NULL");
        m.Sql("""
            CREATE TABLE support_measure_forwards (
                id INTEGER NOT NULL CONSTRAINT pk_support_measure_forwards PRIMARY KEY AUTOINCREMENT,
                measure_id INTEGER NOT NULL REFERENCES support_measures (id),
                destination TEXT NOT NULL,
                reason integer NOT NULL,
                message_id TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                acknowledged_at TEXT NULL,
                receipt TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_support_measure_forwards_measure_id ON support_measure_forwards (measure_id)");
        m.Sql("CREATE INDEX ix_support_measure_forwards_message_id ON support_measure_forwards (message_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
