using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Myna.Municipal;
using Myna.Municipal.Residents;

namespace Myna.Data.Sqlite.Migrations;

/// <summary>
/// 異体字 in resident search (DOMAIN §2): the stored name search keys are refolded with the variant table, so 高橋 finds a
/// resident registered as 髙橋 who was registered before the table existed. Only the search key changes; the name stays.
/// </summary>
[DbContext(typeof(MunicipalDb))]
[Migration("20261209000002_NameVariantSearch")]
public sealed class NameVariantSearch : Migration
{
    protected override void Up(MigrationBuilder m) => m.Sql(SearchKeyRefold.Sql());

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("Myna never drops a register: restore a backup instead (DOMAIN §0.3 principle 4).");
}
