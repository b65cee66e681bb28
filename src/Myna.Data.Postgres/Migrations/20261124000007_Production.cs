using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Postgres.Migrations;

/// <summary>Card production (DOMAIN §5): requests carry what the chip needs, produced cards, delivery lists; certificates know their card.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000007_Production")]
public sealed class Production : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        foreach (var column in new[]
        {
            "resident_code text NULL", "number_sealed bytea NULL", "name_alt_flags text NULL", "address_alt_flags text NULL", "stay_until date NULL",
            "state integer NOT NULL DEFAULT 0", "card_serial text NULL", "problem text NULL", "updated_at timestamptz NULL",
        })
        {
            m.Sql("ALTER TABLE production_requests ADD COLUMN " + column);
        }
        m.Sql("CREATE INDEX ix_production_requests_state ON production_requests (state)");
        m.Sql("""
            CREATE TABLE produced_cards (
                serial text NOT NULL CONSTRAINT pk_produced_cards PRIMARY KEY,
                request_id bigint NOT NULL,
                municipality_code text NOT NULL,
                application_id text NOT NULL,
                expiry date NOT NULL,
                state integer NOT NULL,
                delivery_list_id text NULL,
                void_reason text NULL,
                made_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_produced_cards_request_id ON produced_cards (request_id)");
        m.Sql("CREATE INDEX ix_produced_cards_municipality_code_state ON produced_cards (municipality_code, state)");
        m.Sql("""
            CREATE TABLE delivery_lists (
                id text NOT NULL CONSTRAINT pk_delivery_lists PRIMARY KEY,
                municipality_code text NOT NULL,
                card_count integer NOT NULL,
                content text NOT NULL,
                created_at timestamptz NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_delivery_lists_municipality_code ON delivery_lists (municipality_code)");
        m.Sql("ALTER TABLE certificates ADD COLUMN card_serial text NULL");
        m.Sql("CREATE INDEX ix_certificates_card_serial ON certificates (card_serial)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
