using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Delivered cards at the municipality: delivery lists, the safe, the cards' history (DOMAIN §5, §6).</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000008_Cards")]
public sealed class Cards : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE delivery_lists (
                id TEXT NOT NULL CONSTRAINT pk_delivery_lists PRIMARY KEY,
                card_count INTEGER NOT NULL,
                content TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                imported_by TEXT NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE cards (
                id INTEGER NOT NULL CONSTRAINT pk_cards PRIMARY KEY AUTOINCREMENT,
                serial TEXT NOT NULL,
                card_application_id INTEGER NOT NULL REFERENCES card_applications (id),
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                delivery_list_id TEXT NOT NULL REFERENCES delivery_lists (id),
                line INTEGER NOT NULL,
                state INTEGER NOT NULL,
                expiry TEXT NOT NULL,
                braille INTEGER NOT NULL,
                signature_certificate INTEGER NOT NULL,
                user_certificate INTEGER NOT NULL,
                received_at TEXT NULL,
                set_up_at TEXT NULL,
                problem INTEGER NULL,
                problem_note TEXT NULL,
                updated_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_cards_serial ON cards (serial)");
        m.Sql("CREATE INDEX ix_cards_card_application_id ON cards (card_application_id)");
        m.Sql("CREATE INDEX ix_cards_state_updated_at ON cards (state, updated_at)");
        m.Sql("CREATE INDEX ix_cards_delivery_list_id_line ON cards (delivery_list_id, line)");
        m.Sql("""
            CREATE TABLE card_events (
                id INTEGER NOT NULL CONSTRAINT pk_card_events PRIMARY KEY AUTOINCREMENT,
                card_id INTEGER NOT NULL REFERENCES cards (id),
                state INTEGER NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                note TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_card_events_card_id ON card_events (card_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
