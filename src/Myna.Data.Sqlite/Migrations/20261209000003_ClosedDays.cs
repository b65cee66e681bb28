using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// The office calendar (DOMAIN §6.3): days a municipality closes on its own, besides national holidays and the year-end
/// closure that are computed, and a session's mark that it was opened on a closed day on purpose (a holiday opening).
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261209000003_ClosedDays")]
public sealed class ClosedDays : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE municipal_closed_days (
                id INTEGER NOT NULL CONSTRAINT pk_municipal_closed_days PRIMARY KEY AUTOINCREMENT,
                date TEXT NOT NULL,
                name TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_municipal_closed_days_date ON municipal_closed_days (date)");
        m.Sql("ALTER TABLE window_sessions ADD COLUMN on_closed_day INTEGER NOT NULL DEFAULT 0");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
