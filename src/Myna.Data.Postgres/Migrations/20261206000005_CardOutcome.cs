using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Postgres.Migrations;

/// <summary>
/// Why a card did not continue after a move-in (DOMAIN §8.6), kept with the move-in: the card's continuation is now
/// answered by the national side through the outbox, possibly after the window closed, so the answer is stored.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261206000005_CardOutcome")]
public sealed class CardOutcome : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql("ALTER TABLE incoming_move_outs ADD COLUMN card_outcome text NULL");

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
