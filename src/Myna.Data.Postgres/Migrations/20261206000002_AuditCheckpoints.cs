using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>
/// Each municipality's latest audit checkpoint, kept by the national side (DOMAIN §12): the
/// end of a municipal audit log, witnessed outside the municipal store and key directory.
/// </summary>
[DbContext(typeof(NationalDb))]
[Migration("20261206000002_AuditCheckpoints")]
public sealed class AuditCheckpoints : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql("""
        CREATE TABLE audit_checkpoints (
            municipality_code text NOT NULL CONSTRAINT pk_audit_checkpoints PRIMARY KEY,
            sequence bigint NOT NULL,
            hash bytea NOT NULL,
            recorded_at timestamp with time zone NOT NULL,
            accepted_reason text NULL)
        """);

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
