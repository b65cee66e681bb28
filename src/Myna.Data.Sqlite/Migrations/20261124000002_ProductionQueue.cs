using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>The national side's card production queue (DOMAIN §5).</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000002_ProductionQueue")]
public sealed class ProductionQueue : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE production_requests (
                id INTEGER NOT NULL CONSTRAINT pk_production_requests PRIMARY KEY AUTOINCREMENT,
                municipality_code TEXT NOT NULL,
                application_id TEXT NOT NULL,
                family_name TEXT NOT NULL,
                given_name TEXT NOT NULL,
                family_name_kana TEXT NOT NULL,
                given_name_kana TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                sex INTEGER NOT NULL,
                address TEXT NOT NULL,
                signature_certificate INTEGER NOT NULL,
                user_certificate INTEGER NOT NULL,
                braille INTEGER NOT NULL,
                photo BLOB NOT NULL,
                queued_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_production_requests_application_id ON production_requests (application_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
