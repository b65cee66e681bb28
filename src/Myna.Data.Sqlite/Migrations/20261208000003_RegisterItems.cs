using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// Register items that travel with a person or feed the card's rules:
/// whether the number was already notified by the municipality that numbered the person (DOMAIN §3.1, §8.6), on the
/// advance move-out information and on the number carried into this register; and a foreign resident's status of
/// residence (在留資格) and the last day of the period of stay, which caps the card's and its certificates' validity (§8.1, §7.2).
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261208000003_RegisterItems")]
public sealed class RegisterItems : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // Information received before this column existed says nothing: taken as never notified (a letter too many, never none).
        m.Sql("ALTER TABLE incoming_move_outs ADD COLUMN number_notification INTEGER NOT NULL DEFAULT 0");
        m.Sql("ALTER TABLE incoming_move_outs ADD COLUMN number_notified_by TEXT NULL");
        m.Sql("ALTER TABLE incoming_move_outs ADD COLUMN number_notified_on TEXT NULL");
        m.Sql("ALTER TABLE resident_numbers ADD COLUMN notified_by TEXT NULL");
        m.Sql("ALTER TABLE residents ADD COLUMN residence_status TEXT NULL");
        m.Sql("ALTER TABLE residents ADD COLUMN stay_until TEXT NULL");
        m.Sql("ALTER TABLE resident_numbers ADD COLUMN notified_on TEXT NULL");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
