using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;

namespace Myna.Data.Postgres.Migrations;

/// <summary>成年被後見人 on the register (DOMAIN §4.4): such a person gets no signature certificate.</summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261205000001_AdultWard")]
public sealed class AdultWard : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql("ALTER TABLE residents ADD COLUMN adult_ward boolean NOT NULL DEFAULT false");

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
