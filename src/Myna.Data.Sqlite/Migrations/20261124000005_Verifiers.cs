using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>Verifier organisations, their consents and the log of answers (DOMAIN §7.5); J-LIS operator sign-ins.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261124000005_Verifiers")]
public sealed class Verifiers : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE verifiers (
                id INTEGER NOT NULL CONSTRAINT pk_verifiers PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                kind INTEGER NOT NULL,
                corporate_number TEXT NULL,
                key_hash BLOB NOT NULL,
                key_prefix TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                registered_by TEXT NOT NULL,
                disabled_at TEXT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_verifiers_key_hash ON verifiers (key_hash)");
        m.Sql("""
            CREATE TABLE verifier_consents (
                id INTEGER NOT NULL CONSTRAINT pk_verifier_consents PRIMARY KEY AUTOINCREMENT,
                verifier_id INTEGER NOT NULL REFERENCES verifiers (id),
                holder_hash BLOB NOT NULL,
                serial TEXT NOT NULL,
                purpose TEXT NOT NULL,
                consented_at TEXT NOT NULL,
                evidence BLOB NOT NULL,
                withdrawn_at TEXT NULL)
            """);
        m.Sql("CREATE INDEX ix_verifier_consents_verifier_id_holder_hash ON verifier_consents (verifier_id, holder_hash)");
        m.Sql("""
            CREATE TABLE verifier_answers (
                id INTEGER NOT NULL CONSTRAINT pk_verifier_answers PRIMARY KEY AUTOINCREMENT,
                verifier_id INTEGER NOT NULL REFERENCES verifiers (id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                serial TEXT NOT NULL,
                purpose TEXT NOT NULL,
                outcome TEXT NOT NULL)
            """);
        m.Sql("CREATE INDEX ix_verifier_answers_verifier_id_at ON verifier_answers (verifier_id, at)");
        m.Sql("""
            CREATE TABLE operator_accounts (
                id INTEGER NOT NULL CONSTRAINT pk_operator_accounts PRIMARY KEY AUTOINCREMENT,
                user_name TEXT NOT NULL,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL,
                locked_until TEXT NULL,
                disabled INTEGER NOT NULL,
                created_at TEXT NOT NULL)
            """);
        m.Sql("CREATE UNIQUE INDEX ix_operator_accounts_user_name ON operator_accounts (user_name)");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
