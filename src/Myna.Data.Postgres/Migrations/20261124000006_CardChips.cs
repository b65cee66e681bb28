using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>The virtual cards' chips, as sealed images (DOMAIN §7.3).</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000006_CardChips")]
public sealed class CardChips : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE card_chips (
                serial text NOT NULL CONSTRAINT pk_card_chips PRIMARY KEY,
                municipality_code text NOT NULL,
                holder_hash bytea NOT NULL,
                image bytea NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_card_chips_holder_hash ON card_chips (holder_hash)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
