using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// ARCHITECTURE principle 3: the outbox of changes this municipality sends to another store (recorded in the
/// transaction of their local effect, delivered until acknowledged) and the inbox of message IDs it has processed.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261206000003_Outbox")]
public sealed class Outbox : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE outbox_messages (
                id INTEGER NOT NULL CONSTRAINT pk_outbox_messages PRIMARY KEY AUTOINCREMENT,
                message_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                destination TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_attempt_at TEXT NULL,
                last_error TEXT NULL,
                acknowledged_at TEXT NULL,
                refused_at TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_outbox_messages_message_id ON outbox_messages (message_id)");
        m.Sql("CREATE INDEX ix_outbox_messages_acknowledged_at ON outbox_messages (acknowledged_at)");
        m.Sql("""
            CREATE TABLE inbox_messages (
                message_id TEXT NOT NULL CONSTRAINT pk_inbox_messages PRIMARY KEY,
                kind TEXT NOT NULL,
                received_at TEXT NOT NULL,
                result TEXT NULL) WITHOUT ROWID
            """);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
