using Myna.Hosting;
using Myna.Municipal.Applications;

namespace Myna.Web.Infrastructure;

/// <summary>The employer bulk upload, shared by the staff page and the API.</summary>
public static class BulkImport
{
    public static async Task<BulkResult> RunAsync(MynaRuntime runtime, MunicipalScope scope, string employer, Stream csv, Stream zip, CancellationToken ct)
    {
        // ZipArchive reads the central directory at the end: it needs a seekable stream. Uploaded
        // files already are (ASP.NET Core buffers them to disk beyond 64 KB).
        Stream seekable = zip;
        if (!zip.CanSeek)
        {
            seekable = new MemoryStream();
            await zip.CopyToAsync(seekable, ct);
            seekable.Position = 0;
        }
        await using (seekable)
        {
            var bulk = new EmployerBulk(runtime.ApplicationDesk(scope.Code), runtime.MunicipalAudit(scope.Code));
            return await bulk.SubmitAsync(scope.Db, scope.Code, csv, seekable, employer, scope.Actor, ct);
        }
    }
}
