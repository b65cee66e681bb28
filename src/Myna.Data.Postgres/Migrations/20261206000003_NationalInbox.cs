using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>
/// The national side's inbox of processed message IDs (ARCHITECTURE principle 3), and which municipality
/// numbered each resident code (DOMAIN §1.2: a resident code is nationally unique), kept as a keyed hash.
/// The codes whose number was changed are known already; their municipality is taken over.
/// </summary>
[DbContext(typeof(NationalDb))]
[Migration("20261206000003_NationalInbox")]
public sealed class NationalInbox : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE inbox_messages (
                message_id text NOT NULL CONSTRAINT pk_inbox_messages PRIMARY KEY,
                kind text NOT NULL,
                received_at timestamptz NOT NULL,
                result text NULL)
            """);
        m.Sql("""
            CREATE TABLE numbered_codes (
                resident_code_hash bytea NOT NULL CONSTRAINT pk_numbered_codes PRIMARY KEY,
                municipality_code text NOT NULL,
                numbered_at timestamptz NOT NULL)
            """);
        m.Sql("INSERT INTO numbered_codes (resident_code_hash, municipality_code, numbered_at) SELECT resident_code_hash, municipality_code, changed_at FROM changed_numbers");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
