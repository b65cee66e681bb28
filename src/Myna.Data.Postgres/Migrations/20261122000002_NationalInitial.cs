using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>The national store: changed and retired numbers (hashes only), audit log.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261122000002_NationalInitial")]
public sealed class NationalInitial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE changed_numbers (
                resident_code_hash bytea NOT NULL CONSTRAINT pk_changed_numbers PRIMARY KEY,
                municipality_code text NOT NULL,
                generation integer NOT NULL,
                number_hash bytea NOT NULL,
                changed_at timestamptz NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_changed_numbers_number_hash ON changed_numbers (number_hash)");
        m.Sql("""
            CREATE TABLE retired_numbers (
                number_hash bytea NOT NULL CONSTRAINT pk_retired_numbers PRIMARY KEY,
                retired_at timestamptz NOT NULL)
            """);
        AuditTable.Create(m);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("the national number registry is never dropped");
}
