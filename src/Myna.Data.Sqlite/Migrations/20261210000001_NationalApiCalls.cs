using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

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
            idempotency_key TEXT NOT NULL CONSTRAINT pk_national_api_calls PRIMARY KEY,
            municipality_code TEXT NOT NULL,
            operation TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            received_at TEXT NOT NULL,
            completed_at TEXT NULL,
            status INTEGER NULL,
            answer TEXT NULL) WITHOUT ROWID
        """);

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
