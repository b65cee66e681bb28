using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>The card lifecycle (DOMAIN §8): held cards, their events, expiry notices, reissues and renewals with fees, moves, PIN resets.</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000011_Lifecycle")]
public sealed class Lifecycle : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE held_cards (
                id INTEGER NOT NULL CONSTRAINT pk_held_cards PRIMARY KEY AUTOINCREMENT,
                serial TEXT NOT NULL,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                card_id INTEGER NULL REFERENCES cards (id),
                continued_from TEXT NULL,
                held_since TEXT NOT NULL,
                expiry TEXT NOT NULL,
                certificates_expiry TEXT NULL,
                state INTEGER NOT NULL,
                endorsements INTEGER NOT NULL,
                end_reason TEXT NULL,
                updated_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_held_cards_serial ON held_cards (serial)");
        m.Sql("CREATE INDEX ix_held_cards_resident_id ON held_cards (resident_id)");
        m.Sql("CREATE INDEX ix_held_cards_state_expiry ON held_cards (state, expiry)");
        m.Sql("""
            CREATE TABLE card_lifecycle_events (
                id INTEGER NOT NULL CONSTRAINT pk_card_lifecycle_events PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                held_card_id INTEGER NULL REFERENCES held_cards (id),
                kind INTEGER NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                detail TEXT NULL,
                reference TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_card_lifecycle_events_resident_id ON card_lifecycle_events (resident_id)");
        m.Sql("""
            CREATE TABLE expiry_notices (
                id INTEGER NOT NULL CONSTRAINT pk_expiry_notices PRIMARY KEY AUTOINCREMENT,
                held_card_id INTEGER NOT NULL REFERENCES held_cards (id),
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                subject INTEGER NOT NULL,
                expiry TEXT NOT NULL,
                batch_month TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_expiry_notices_held_card_id_subject_expiry ON expiry_notices (held_card_id, subject, expiry)");
        m.Sql("CREATE INDEX ix_expiry_notices_batch_month ON expiry_notices (batch_month)");
        m.Sql("""
            CREATE TABLE replacements (
                id INTEGER NOT NULL CONSTRAINT pk_replacements PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                kind INTEGER NOT NULL,
                cause INTEGER NOT NULL,
                application_id TEXT NOT NULL,
                old_serial TEXT NULL,
                card_fee_yen INTEGER NOT NULL,
                certificate_fee_yen INTEGER NOT NULL,
                subsidy_eligible INTEGER NOT NULL,
                receipt_number TEXT NOT NULL,
                state INTEGER NOT NULL,
                charged_on TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                note TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_replacements_application_id ON replacements (application_id)");
        m.Sql("CREATE UNIQUE INDEX ix_replacements_receipt_number ON replacements (receipt_number)");
        m.Sql("CREATE INDEX ix_replacements_resident_id ON replacements (resident_id)");
        m.Sql("CREATE INDEX ix_replacements_charged_on ON replacements (charged_on)");
        m.Sql("""
            CREATE TABLE move_outs (
                id INTEGER NOT NULL CONSTRAINT pk_move_outs PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                destination TEXT NOT NULL,
                destination_address TEXT NOT NULL,
                planned_on TEXT NOT NULL,
                held_card_id INTEGER NULL REFERENCES held_cards (id),
                created_at TEXT NOT NULL,
                sent_at TEXT NULL,
                send_problem TEXT NULL,
                moved_in_on TEXT NULL,
                card_continued INTEGER NULL,
                invalidated_at TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_move_outs_resident_id ON move_outs (resident_id)");
        m.Sql("CREATE INDEX ix_move_outs_planned_on ON move_outs (planned_on)");
        m.Sql("""
            CREATE TABLE incoming_move_outs (
                id INTEGER NOT NULL CONSTRAINT pk_incoming_move_outs PRIMARY KEY AUTOINCREMENT,
                origin TEXT NOT NULL,
                resident_code TEXT NOT NULL,
                family_name TEXT NOT NULL,
                given_name TEXT NOT NULL,
                family_name_kana TEXT NOT NULL,
                given_name_kana TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                sex INTEGER NOT NULL,
                relationship TEXT NOT NULL,
                number_sealed BLOB NULL,
                destination_address TEXT NOT NULL,
                planned_on TEXT NOT NULL,
                card_serial TEXT NULL,
                card_expiry TEXT NULL,
                card_endorsements INTEGER NOT NULL,
                received_at TEXT NOT NULL,
                moved_in_resident_id INTEGER NULL REFERENCES residents (id),
                moved_in_on TEXT NULL,
                card_continued INTEGER NULL)
            """);
        m.Sql("CREATE INDEX ix_incoming_move_outs_resident_code ON incoming_move_outs (resident_code)");
        m.Sql("""
            CREATE TABLE pin_resets (
                id INTEGER NOT NULL CONSTRAINT pk_pin_resets PRIMARY KEY AUTOINCREMENT,
                held_card_id INTEGER NOT NULL REFERENCES held_cards (id),
                desk INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                verification_method TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                done_at TEXT NULL,
                refusals INTEGER NOT NULL,
                cancelled INTEGER NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_pin_resets_desk ON pin_resets (desk)");
        // Cards handed over before this version are held by their residents.
        m.Sql("INSERT INTO held_cards (serial, resident_id, card_id, held_since, expiry, state, endorsements, updated_at) SELECT serial, resident_id, id, date(updated_at, '+9 hours'), expiry, 1, 0, updated_at FROM cards WHERE state = 5");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
