using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// Why a hand-over at the window stopped (DOMAIN §6.4–§6.5), chosen from the known reasons instead of typed: a stopped
/// hand-over keeps the reason beside the clerk's optional note. Hand-overs stopped before keep their note only.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261209000001_IssuanceStopReason")]
public sealed class IssuanceStopReason : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql("ALTER TABLE window_issuances ADD COLUMN stop_reason INTEGER NULL");

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
