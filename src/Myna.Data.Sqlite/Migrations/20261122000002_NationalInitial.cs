using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>The national store: changed and retired numbers (hashes only), audit log.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261122000002_NationalInitial")]
public sealed class NationalInitial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE changed_numbers (
                resident_code_hash BLOB NOT NULL CONSTRAINT pk_changed_numbers PRIMARY KEY,
                municipality_code TEXT NOT NULL,
                generation INTEGER NOT NULL,
                number_hash BLOB NOT NULL,
                changed_at TEXT NOT NULL) WITHOUT ROWID
            """);
        m.Sql("CREATE UNIQUE INDEX ix_changed_numbers_number_hash ON changed_numbers (number_hash)");
        m.Sql("""
            CREATE TABLE retired_numbers (
                number_hash BLOB NOT NULL CONSTRAINT pk_retired_numbers PRIMARY KEY,
                retired_at TEXT NOT NULL) WITHOUT ROWID
            """);
        AuditTable.Create(m);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("the national number registry is never dropped");
}
