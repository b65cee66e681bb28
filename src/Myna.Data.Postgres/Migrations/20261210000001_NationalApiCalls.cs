using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>
/// The national API's idempotency keys (ARCHITECTURE principle 3): each state-changing call once, with the answer a repeat
/// gets (never an individual number: answers that carry one are not kept).
/// </summary>
[DbContext(typeof(NationalDb))]
[Migration("20261210000001_NationalApiCalls")]
public sealed class NationalApiCalls : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql("""
        CREATE TABLE national_api_calls (
            idempotency_key text NOT NULL CONSTRAINT pk_national_api_calls PRIMARY KEY,
            municipality_code text NOT NULL,
            operation text NOT NULL,
            fingerprint bytea NOT NULL,
            received_at timestamptz NOT NULL,
            completed_at timestamptz NULL,
            status integer NULL,
            answer text NULL)
        """);

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
