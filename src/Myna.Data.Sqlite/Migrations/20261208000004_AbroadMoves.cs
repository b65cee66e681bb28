using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// Moves abroad (国外転出, DOMAIN §8.6): the notification with the continued-use request, kept until the dated processing
/// carries it out on the move date (the register entry, the card and its certificates change then, never earlier).
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261208000004_AbroadMoves")]
public sealed class AbroadMoves : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE abroad_moves (
                id INTEGER NOT NULL CONSTRAINT pk_abroad_moves PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                country TEXT NOT NULL,
                moves_on TEXT NOT NULL,
                notified_on TEXT NOT NULL,
                continued_use INTEGER NOT NULL,
                signature_abroad INTEGER NOT NULL,
                held_card_id INTEGER NULL REFERENCES held_cards (id),
                card_serial TEXT NULL,
                responsible_municipality TEXT NULL,
                state INTEGER NOT NULL,
                continuation_id TEXT NOT NULL,
                completed_at TEXT NULL,
                card_outcome TEXT NULL,
                card_returned_on TEXT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_abroad_moves_resident_id ON abroad_moves (resident_id)");
        m.Sql("CREATE INDEX ix_abroad_moves_state_moves_on ON abroad_moves (state, moves_on)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
