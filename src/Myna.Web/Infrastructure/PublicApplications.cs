using Myna.Core.Applications;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Core.Text;
using Myna.Hosting;
using Myna.Municipal.Applications;
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

    /// <summary>Submits an online application; the application ID and the contact fields are cleaned first (<see cref="PublicInput"/>).</summary>
    public async Task<ApplicationReceipt> SubmitAsync(ApplicationInput input, CancellationToken ct)
    {
        input = input with
        {
            ApplicationId = PublicInput.Number(input.ApplicationId), Email = PublicInput.Contact(input.Email), Phone = PublicInput.Contact(input.Phone),
            LegalRepresentative = PublicInput.Name(input.LegalRepresentative),
        };
        var code = MunicipalityOf(input.ApplicationId) ?? throw new ApplicationRejectedException([Unknown(input.ApplicationId)]);
        await using var db = runtime.Stores.OpenMunicipal(code);
        return await runtime.ApplicationDesk(code).SubmitAsync(db, code, input, Actor, ct);
    }

    /// <summary>
    /// The status for either number the resident holds: the application ID (申請書ID, 23 digits, naming its municipality)
    /// or the receipt number (受付番号, 12 digits) the application page gave them, which names no municipality, so every
    /// store this host serves is asked. Full-width input is the same input (<see cref="PublicInput"/>).
    /// </summary>
    public async Task<(PublicApplicationStatus Status, Municipality Municipality)?> StatusAsync(string? number, DateOnly birthDate, CancellationToken ct)
    {
        var cleaned = PublicInput.Number(number);
        if (PublicStatusLookup.IsReceiptNumber(cleaned))
        {
            foreach (var m in runtime.Stores.Municipalities)
            {
                await using var store = runtime.Stores.OpenMunicipal(m.Code);
                if (await PublicStatusLookup.ByReceiptAsync(store, cleaned, birthDate, ct) is { } byReceipt)
                {
                    return (byReceipt, m);
                }
            }
            return null;
        }
        if (MunicipalityOf(cleaned) is not { } code)
        {
            return null;
        }
        await using var db = runtime.Stores.OpenMunicipal(code);
        return await PublicStatusLookup.ByApplicationIdAsync(db, cleaned, birthDate, ct) is { } byId ? (byId, runtime.Municipality(code)) : null;
    }

    private static ApplicationProblem Unknown(string? applicationId) =>
        ApplicationId.TryParse(applicationId, out _, out var problem)
            ? new("applicationId", ApplicationMessages.IdNotServed)
            : new("applicationId", ApplicationMessages.IdDigits.With(problem.Text));

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
