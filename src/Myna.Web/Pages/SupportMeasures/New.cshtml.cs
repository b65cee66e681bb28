using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.Staff;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.SupportMeasures;

/// <summary>
/// The officer records an application (申出, DOMAIN §9) after confirming the need: the kind, the basis (whose
/// opinion, with its date), the period (one year by default), the household members and people at the same
/// address who ask for the same protection, and the offenders as far as known. The desk checks it whole; a
/// refusal names the field and keeps everything typed.
/// </summary>
[RequirePermission(Permission.AddressProtection)]
public sealed class NewModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    /// <summary>Rows offered for offenders (empty rows are ignored).</summary>
    public const int OffenderRows = 3;

    [BindProperty(SupportsGet = true, Name = "resident")] public long? ResidentId { get; set; }
    [BindProperty] public NewMeasureForm Form { get; set; } = new();

    public Resident? Applicant { get; private set; }
    public IReadOnlyList<Sharer> Sharers { get; private set; } = [];
    public FieldError? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = new NewMeasureForm { StartsOn = JapaneseDate.Format(Today), EndsOn = JapaneseDate.Format(SupportMeasureDesk.DefaultEnd(Today)) };
        await LoadAsync(ct);
        return Page();
    }

    [HandlerPermission(Permission.AddressProtection)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Applicant is null)
        {
            Error = new FieldError("applicantId", SupportMeasureWords.Error(text, new SupportMeasureException("applicantId", "no-resident", SupportMeasureMessages.NoApplicant)));
            return Page();
        }
        // The desk counts offenders in the list it is given; the form's row numbers are kept to name the right row.
        var rows = Form.Offenders.Select((o, i) => (o, i)).Where(x => !x.o.IsEmpty).ToList();
        try
        {
            var application = new SupportMeasureApplication(Applicant.Id,
                SupportMeasureWords.Choice<SupportMeasureKind>(Form.Kind) ?? 0,
                SupportMeasureWords.Choice<SupportBasisKind>(Form.BasisKind) ?? 0,
                Form.BasisBody, SupportMeasureWords.Date(Form.BasisDate, "basisDate"), Form.BasisNote,
                SupportMeasureWords.Date(Form.StartsOn, "startsOn"), SupportMeasureWords.Date(Form.EndsOn, "endsOn"),
                Form.MemberIds,
                rows.Select(x => new OffenderInput(x.o.Name, x.o.NameKana, SupportMeasureWords.Date(x.o.BirthDate, $"offenders[{x.i}].birthDate"),
                    x.o.Address, x.o.Relationship)).ToList());
            var measure = await runtime.SupportMeasureDesk(scope.Code).CreateAsync(scope.Db, application, scope.Actor, ct);
            return Redirect($"/support-measures/{measure.Id.ToString(CultureInfo.InvariantCulture)}?done=created");
        }
        catch (SupportMeasureException e)
        {
            var field = e.Field;
            // The desk's offenders[n] is the n-th non-empty row: name the row as the form shows it.
            if (field.StartsWith("offenders[", StringComparison.Ordinal) && e.Key != "date"
                && int.TryParse(field.AsSpan(10, field.IndexOf(']', StringComparison.Ordinal) - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < rows.Count)
            {
                field = $"offenders[{rows[n].i}]" + field[(field.IndexOf(']', StringComparison.Ordinal) + 1)..];
            }
            Error = new FieldError(field, SupportMeasureWords.Error(text, new SupportMeasureException(field, e.Key, e.Text)));
            return Page();
        }
    }

    /// <summary>Whether the refusal is about this field (or a part of it: an offender row, the basis).</summary>
    public bool IsInvalid(string field) => Error is { } e && (e.Field == field || e.Field.StartsWith(field + ".", StringComparison.Ordinal)
        || (field.StartsWith("basis", StringComparison.Ordinal) && e.Field == "basis"));

    private async Task LoadAsync(CancellationToken ct)
    {
        while (Form.Offenders.Count < OffenderRows)
        {
            Form.Offenders.Add(new OffenderRowForm());
        }
        if (ResidentId is not { } id)
        {
            return;
        }
        Applicant = await scope.Db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Status == ResidentStatus.Active, ct);
        if (Applicant is not null)
        {
            Sharers = await SupportMeasureQueries.SharersAsync(scope.Db, Applicant, null, ct);
        }
    }
}
