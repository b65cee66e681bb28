using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;
using Myna.National;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>A security stamp per staff account: sessions and tokens end when the password, roles or lock change, or on sign-out.</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261206000001_SecurityStamp")]
public sealed class SecurityStamp : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE staff_accounts ADD COLUMN security_stamp TEXT NOT NULL DEFAULT ''");
        m.Sql("UPDATE staff_accounts SET security_stamp = lower(hex(randomblob(16)))");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}

/// <summary>The same stamp for J-LIS operators' accounts in the national store.</summary>
[DbContext(typeof(NationalDb))]
[Migration("20261206000001_OperatorSecurityStamp")]
public sealed class OperatorSecurityStamp : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE operator_accounts ADD COLUMN security_stamp TEXT NOT NULL DEFAULT ''");
        m.Sql("UPDATE operator_accounts SET security_stamp = lower(hex(randomblob(16)))");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a store: restore a backup instead (DOMAIN §0.3 principle 4).");
}
