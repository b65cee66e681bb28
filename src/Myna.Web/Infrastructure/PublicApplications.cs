using Myna.Core.Applications;
using Myna.Core.Identifiers;
using Myna.Data;
using Myna.Data.Applications;
using ApplicationId = Myna.Core.Identifiers.ApplicationId;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The public side of applications (no sign-in): the application ID itself names the
/// municipality (its first six digits), so the right store is opened without asking the resident.
/// </summary>
public sealed class PublicApplications(MynaRuntime runtime)
{
    public const string Actor = "public";

    /// <summary>The municipality of an application ID this host serves, or null.</summary>
    public MunicipalityCode? MunicipalityOf(string? applicationId) =>
        ApplicationId.TryParse(applicationId, out var id, out _) && runtime.Stores.Serves(id.Municipality) ? id.Municipality : null;

    public async Task<ApplicationReceipt> SubmitAsync(ApplicationInput input, CancellationToken ct)
    {
        var code = MunicipalityOf(input.ApplicationId) ?? throw new ApplicationRejectedException([Unknown(input.ApplicationId)]);
        await using var db = runtime.Stores.OpenMunicipal(code);
        return await runtime.ApplicationDesk(code).SubmitAsync(db, code, input, Actor, ct);
    }

    public async Task<CardApplication?> StatusAsync(string? applicationId, DateOnly birthDate, CancellationToken ct)
    {
        if (MunicipalityOf(applicationId) is not { } code)
        {
            return null;
        }
        await using var db = runtime.Stores.OpenMunicipal(code);
        return await ApplicationDesk.PublicStatusAsync(db, applicationId, birthDate, ct);
    }

    private static ApplicationProblem Unknown(string? applicationId) =>
        ApplicationId.TryParse(applicationId, out _, out var problem)
            ? new("applicationId", "この申請書IDの市区町村はこのサービスで受け付けていません。", "This service does not take applications for the municipality of this ID.")
            : new("applicationId", "申請書IDは23桁の数字です（" + problem.Text.Ja + "）。", "The application ID has 23 digits: " + problem.Message);

    /// <summary>Reads an uploaded photo whole, so every rule is checked on the real file; the request size limit bounds it.</summary>
    public static async Task<byte[]?> ReadPhotoAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
