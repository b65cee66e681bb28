using Microsoft.EntityFrameworkCore;

namespace Myna.Testing;

/// <summary>What an attacker with database access does to the audit log.</summary>
public static class AuditTamper
{
    /// <summary>The database refuses changes; the attacker drops the guard first.</summary>
    public static async Task RunAsync(DbContext db, string provider, string sql)
    {
        if (provider == "postgres")
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_records DISABLE TRIGGER USER");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete;");
        }
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
