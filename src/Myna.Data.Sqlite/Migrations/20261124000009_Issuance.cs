using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Issuance notices, windows, sessions, slots, appointments, messages to residents, and hand-overs (DOMAIN §6.2–§6.4).</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261124000009_Issuance")]
public sealed class Issuance : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE issuance_notices (
                id INTEGER NOT NULL CONSTRAINT pk_issuance_notices PRIMARY KEY AUTOINCREMENT,
                card_id INTEGER NOT NULL REFERENCES cards (id),
                number TEXT NOT NULL,
                sent_on TEXT NOT NULL,
                deadline TEXT NOT NULL,
                reminder_sent_on TEXT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_issuance_notices_number ON issuance_notices (number)");
        m.Sql("CREATE UNIQUE INDEX ix_issuance_notices_card_id ON issuance_notices (card_id)");
        m.Sql("CREATE INDEX ix_issuance_notices_deadline ON issuance_notices (deadline)");
        m.Sql("""
            CREATE TABLE issuance_windows (
                id INTEGER NOT NULL CONSTRAINT pk_issuance_windows PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                place TEXT NULL,
                active INTEGER NOT NULL)
            """);
        m.Sql("""
            CREATE TABLE window_sessions (
                id INTEGER NOT NULL CONSTRAINT pk_window_sessions PRIMARY KEY AUTOINCREMENT,
                window_id INTEGER NOT NULL REFERENCES issuance_windows (id),
                kind INTEGER NOT NULL,
                date TEXT NOT NULL,
                start TEXT NOT NULL,
                "end" TEXT NOT NULL,
                service_minutes INTEGER NOT NULL,
                desks INTEGER NOT NULL,
                closed INTEGER NOT NULL,
                closed_reason TEXT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_window_sessions_date ON window_sessions (date)");
        m.Sql("""
            CREATE TABLE appointment_slots (
                id INTEGER NOT NULL CONSTRAINT pk_appointment_slots PRIMARY KEY AUTOINCREMENT,
                session_id INTEGER NOT NULL REFERENCES window_sessions (id),
                starts_at TEXT NOT NULL,
                capacity INTEGER NOT NULL,
                booked INTEGER NOT NULL,
                CONSTRAINT ck_appointment_slots_capacity CHECK (booked >= 0 AND booked <= capacity))
            """);
        m.Sql("CREATE INDEX ix_appointment_slots_session_id ON appointment_slots (session_id)");
        m.Sql("CREATE INDEX ix_appointment_slots_starts_at ON appointment_slots (starts_at)");
        m.Sql("""
            CREATE TABLE appointments (
                id INTEGER NOT NULL CONSTRAINT pk_appointments PRIMARY KEY AUTOINCREMENT,
                slot_id INTEGER NOT NULL REFERENCES appointment_slots (id),
                card_id INTEGER NOT NULL REFERENCES cards (id),
                reference TEXT NOT NULL,
                channel INTEGER NOT NULL,
                state INTEGER NOT NULL,
                booked_at TEXT NOT NULL,
                booked_by TEXT NOT NULL,
                ended_at TEXT NULL,
                end_note TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_appointments_reference ON appointments (reference)");
        m.Sql("CREATE INDEX ix_appointments_slot_id ON appointments (slot_id)");
        // One active booking per card (DOMAIN §6.3): a second booking is a rebooking.
        m.Sql("CREATE UNIQUE INDEX ix_appointments_card_id_active ON appointments (card_id) WHERE state = 1");
        m.Sql("""
            CREATE TABLE resident_messages (
                id INTEGER NOT NULL CONSTRAINT pk_resident_messages PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL REFERENCES residents (id),
                channel TEXT NOT NULL,
                "to" TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_resident_messages_sent_at ON resident_messages (sent_at)");
        m.Sql("""
            CREATE TABLE window_issuances (
                id INTEGER NOT NULL CONSTRAINT pk_window_issuances PRIMARY KEY AUTOINCREMENT,
                card_id INTEGER NOT NULL REFERENCES cards (id),
                appointment_id INTEGER NULL REFERENCES appointments (id),
                clerk TEXT NOT NULL,
                desk INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NULL,
                outcome INTEGER NOT NULL,
                outcome_note TEXT NULL,
                by_proxy INTEGER NOT NULL,
                proxy_name TEXT NULL,
                proxy_reason TEXT NULL,
                verification_method TEXT NULL,
                verification_case TEXT NULL,
                verified_at TEXT NULL,
                photo_matches INTEGER NOT NULL,
                face_checked INTEGER NOT NULL,
                register_matches_documents INTEGER NOT NULL,
                pins_set_at TEXT NULL,
                pin_refusals INTEGER NOT NULL,
                alternative_characters_confirmed INTEGER NOT NULL,
                juki_card_collected INTEGER NOT NULL,
                notification_card_collected INTEGER NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_window_issuances_card_id ON window_issuances (card_id)");
        m.Sql("CREATE INDEX ix_window_issuances_started_at ON window_issuances (started_at)");
        // One hand-over in progress per card.
        m.Sql("CREATE UNIQUE INDEX ix_window_issuances_card_id_open ON window_issuances (card_id) WHERE outcome = 1");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
