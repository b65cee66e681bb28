using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Notification batches, envelopes and mail tracking, residence registrations, address protection (DOMAIN §3, §9).</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000001_Notices")]
public sealed class Notices : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE residents ADD COLUMN address_protected INTEGER NOT NULL DEFAULT 0");
        m.Sql("""
            CREATE TABLE residence_registrations (
                id INTEGER NOT NULL CONSTRAINT pk_residence_registrations PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                reason INTEGER NOT NULL,
                reason_detail TEXT NULL,
                delivery INTEGER NOT NULL,
                postal_code TEXT NULL,
                address TEXT NOT NULL,
                proxy_name TEXT NULL,
                proxy_postal_code TEXT NULL,
                proxy_address TEXT NULL,
                proxy_authority_checked INTEGER NOT NULL,
                id_document_checked INTEGER NOT NULL,
                delivery_proof_checked INTEGER NOT NULL,
                consent_to_share INTEGER NOT NULL,
                received_on TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                ended_at TEXT NULL,
                ended_reason TEXT NULL,
                superseded_by_id INTEGER NULL)
            """);
        m.Sql("""
            CREATE TABLE notice_batches (
                id INTEGER NOT NULL CONSTRAINT pk_notice_batches PRIMARY KEY AUTOINCREMENT,
                notice_date TEXT NOT NULL,
                kind INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                started_by TEXT NOT NULL,
                finished_at TEXT NULL,
                envelopes INTEGER NOT NULL,
                notices INTEGER NOT NULL,
                is_resend INTEGER NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE notice_envelopes (
                id INTEGER NOT NULL CONSTRAINT pk_notice_envelopes PRIMARY KEY AUTOINCREMENT,
                batch_id INTEGER NOT NULL REFERENCES notice_batches (id),
                sequence INTEGER NOT NULL,
                household_id INTEGER NOT NULL REFERENCES households (id),
                delivery INTEGER NOT NULL,
                residence_registration_id INTEGER NULL REFERENCES residence_registrations (id),
                postal_code TEXT NULL,
                address TEXT NOT NULL,
                addressee TEXT NOT NULL,
                registered_mail_number TEXT NULL,
                state INTEGER NOT NULL,
                state_changed_at TEXT NOT NULL,
                return_reason INTEGER NULL,
                returned_on TEXT NULL,
                keep_until TEXT NULL,
                finding INTEGER NULL,
                resend_of_id INTEGER NULL REFERENCES notice_envelopes (id))
            """);
        m.Sql("""
            CREATE TABLE notices (
                id INTEGER NOT NULL CONSTRAINT pk_notices PRIMARY KEY AUTOINCREMENT,
                batch_id INTEGER NOT NULL REFERENCES notice_batches (id),
                envelope_id INTEGER NOT NULL REFERENCES notice_envelopes (id),
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                resident_number_id INTEGER NOT NULL REFERENCES resident_numbers (id),
                kind INTEGER NOT NULL,
                application_id TEXT NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE mail_events (
                id INTEGER NOT NULL CONSTRAINT pk_mail_events PRIMARY KEY AUTOINCREMENT,
                envelope_id INTEGER NOT NULL REFERENCES notice_envelopes (id),
                from_state INTEGER NOT NULL,
                to_state INTEGER NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                note TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_residence_registrations_resident_id ON residence_registrations (resident_id)");
        m.Sql("CREATE UNIQUE INDEX ix_notice_envelopes_batch_id_sequence ON notice_envelopes (batch_id, sequence)");
        m.Sql("CREATE INDEX ix_notice_envelopes_registered_mail_number ON notice_envelopes (registered_mail_number)");
        m.Sql("CREATE INDEX ix_notice_envelopes_state_keep_until ON notice_envelopes (state, keep_until)");
        m.Sql("CREATE UNIQUE INDEX ix_notices_resident_number_id ON notices (resident_number_id)");
        m.Sql("CREATE UNIQUE INDEX ix_notices_application_id ON notices (application_id)");
        m.Sql("CREATE INDEX ix_notices_envelope_id ON notices (envelope_id)");
        m.Sql("CREATE INDEX ix_notices_resident_id ON notices (resident_id)");
        m.Sql("CREATE INDEX ix_mail_events_envelope_id ON mail_events (envelope_id)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
