using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Card applications, their photos and history (DOMAIN §4).</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000003_Applications")]
public sealed class Applications : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE card_applications (
                id INTEGER NOT NULL CONSTRAINT pk_card_applications PRIMARY KEY AUTOINCREMENT,
                application_id TEXT NOT NULL,
                receipt_number TEXT NOT NULL,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                channel INTEGER NOT NULL,
                status INTEGER NOT NULL,
                received_on TEXT NOT NULL,
                received_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                email TEXT NULL,
                phone TEXT NULL,
                wants_signature_certificate INTEGER NOT NULL,
                wants_user_certificate INTEGER NOT NULL,
                braille INTEGER NOT NULL,
                consent INTEGER NOT NULL,
                legal_representative TEXT NULL,
                is_reissue INTEGER NOT NULL,
                register_snapshot TEXT NOT NULL,
                deficiency_reasons TEXT NULL,
                superseded_by_id INTEGER NULL,
                end_reason TEXT NULL)
            """);
        m.Sql("""
            CREATE TABLE application_photos (
                id INTEGER NOT NULL CONSTRAINT pk_application_photos PRIMARY KEY AUTOINCREMENT,
                card_application_id INTEGER NOT NULL REFERENCES card_applications (id),
                jpeg BLOB NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                taken_on TEXT NULL,
                uploaded_at TEXT NOT NULL,
                review INTEGER NOT NULL,
                review_reasons TEXT NULL,
                reviewed_by TEXT NULL,
                reviewed_at TEXT NULL)
            """);
        m.Sql("""
            CREATE TABLE application_events (
                id INTEGER NOT NULL CONSTRAINT pk_application_events PRIMARY KEY AUTOINCREMENT,
                card_application_id INTEGER NOT NULL REFERENCES card_applications (id),
                status INTEGER NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                note TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_card_applications_application_id ON card_applications (application_id)");
        m.Sql("CREATE UNIQUE INDEX ix_card_applications_receipt_number ON card_applications (receipt_number)");
        m.Sql("CREATE INDEX ix_card_applications_resident_id ON card_applications (resident_id)");
        m.Sql("CREATE INDEX ix_card_applications_status_received_at ON card_applications (status, received_at)");
        m.Sql("CREATE INDEX ix_application_photos_card_application_id ON application_photos (card_application_id)");
        m.Sql("CREATE INDEX ix_application_events_card_application_id ON application_events (card_application_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
