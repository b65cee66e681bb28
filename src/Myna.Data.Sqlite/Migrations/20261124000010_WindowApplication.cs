using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>申請時来庁方式 (DOMAIN §4.1): identity verified at application, PINs chosen then, the card mailed by restricted delivery.</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000010_WindowApplication")]
public sealed class WindowApplication : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        foreach (var column in new[] { "identity_method TEXT NULL", "identity_case TEXT NULL", "identity_verified_at TEXT NULL", "mail_card INTEGER NOT NULL DEFAULT 0" })
        {
            m.Sql("ALTER TABLE card_applications ADD COLUMN " + column);
        }
        m.Sql("ALTER TABLE cards ADD COLUMN mail_number TEXT NULL");
        m.Sql("""
            CREATE TABLE pin_requests (
                id INTEGER NOT NULL CONSTRAINT pk_pin_requests PRIMARY KEY AUTOINCREMENT,
                card_application_id INTEGER NOT NULL REFERENCES card_applications (id),
                desk INTEGER NOT NULL,
                requested_at TEXT NOT NULL,
                sealed BLOB NULL,
                entered_at TEXT NULL,
                applied_at TEXT NULL,
                outcome TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_pin_requests_card_application_id ON pin_requests (card_application_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
