using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.SupportMeasures;

/// <summary>
/// One measure for the officer (DOMAIN §9): its people, offenders and history, and the officer's steps —
/// extend, add a member or an offender, relax for one person, lift (after a confirmation step). Every step
/// goes through <see cref="SupportMeasureDesk"/>, which checks it whole and audits it. The forwards to other
/// municipalities (§9 転送: where, why, acknowledged or still waiting) and the officer's "forward to 〇〇" go through
/// <see cref="SupportMeasureForwarding"/>.
/// </summary>
[RequirePermission(Permission.AddressProtection)]
public sealed class DetailModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty] public OffenderRowForm Offender { get; set; } = new();

    public SupportMeasureView? View { get; private set; }
    /// <summary>Where the measure was forwarded, newest first.</summary>
    public IReadOnlyList<ForwardStatus> Forwards { get; private set; } = [];
    public FieldError? Error { get; private set; }
    /// <summary>What the officer typed into the form that was refused, to show it again.</summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);
    /// <summary>Set when a lift waits for its confirmation: the reason typed.</summary>
    public string? LiftPending { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    private SupportMeasureDesk Desk => runtime.SupportMeasureDesk(scope.Code);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [HandlerPermission(Permission.AddressProtection)]
    public Task<IActionResult> OnPostExtendAsync(string? newEnd, string? reason, CancellationToken ct)
    {
        (Typed["newEnd"], Typed["extendReason"]) = (newEnd, reason);
        return ActAsync(() => Desk.ExtendAsync(scope.Db, Id, SupportMeasureWords.Date(newEnd, "endsOn"), reason, scope.Actor, ct), "extended", ct);
    }

    [HandlerPermission(Permission.AddressProtection)]
    public Task<IActionResult> OnPostAddMemberAsync(long? residentId, CancellationToken ct) =>
        ActAsync(() => Desk.AddMemberAsync(scope.Db, Id, residentId ?? 0, scope.Actor, ct), "member-added", ct);

    [HandlerPermission(Permission.AddressProtection)]
    public Task<IActionResult> OnPostAddOffenderAsync(CancellationToken ct) =>
        ActAsync(async () => await Desk.AddOffenderAsync(scope.Db, Id, new OffenderInput(Offender.Name, Offender.NameKana,
            SupportMeasureWords.Date(Offender.BirthDate, "offenders[0].birthDate"), Offender.Address, Offender.Relationship), scope.Actor, ct), "offender-added", ct);

    [HandlerPermission(Permission.AddressProtection)]
    public Task<IActionResult> OnPostRelaxAsync(long? residentId, string? reason, CancellationToken ct)
    {
        Typed["relaxReason"] = reason;
        return ActAsync(() => Desk.RelaxAsync(scope.Db, Id, residentId ?? 0, reason, scope.Actor, ct), "relaxed", ct);
    }

    /// <summary>解除 is never one click: the first post shows the reason back with a confirmation; only the confirmed post lifts.</summary>
    [HandlerPermission(Permission.AddressProtection)]
    public async Task<IActionResult> OnPostLiftAsync(string? reason, bool confirmed, CancellationToken ct)
    {
        Typed["liftReason"] = reason;
        if (!confirmed && !string.IsNullOrWhiteSpace(reason))
        {
            if (!await LoadAsync(ct))
            {
                return NotFound();
            }
            LiftPending = reason.Trim();
            return Page();
        }
        return await ActAsync(() => Desk.LiftAsync(scope.Db, Id, reason, scope.Actor, ct), "lifted", ct);
    }

    /// <summary>
    /// The officer's "forward to 〇〇" (§9): another municipality named by its code. A code that names no municipality, or
    /// this one, is refused with the field and nothing is written; a valid code this host does not serve waits and is retried.
    /// </summary>
    [HandlerPermission(Permission.AddressProtection)]
    public Task<IActionResult> OnPostForwardAsync(string? destination, CancellationToken ct)
    {
        Typed["destination"] = destination;
        return ActAsync(() => runtime.SupportMeasureForwarding(scope.Code).ForwardToAsync(scope.Db, Id, destination, scope.Actor, ct), "forwarded", ct);
    }

    public bool IsInvalid(string field) => Error?.Field == field;

    /// <summary>A municipality by its name and code when this host serves it (the other demo municipality), else its code.</summary>
    public string Place(string code) => SupportMeasureWords.Place(runtime.Stores.Municipalities, code);

    public bool Served(string code) => runtime.Stores.Municipalities.Any(m => m.Code.Value == code);

    private async Task<IActionResult> ActAsync(Func<Task> act, string done, CancellationToken ct)
    {
        try
        {
            await act();
        }
        catch (SupportMeasureException e) when (e.Key != "no-measure")
        {
            Error = new FieldError(e.Field, SupportMeasureWords.Error(text, e));
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        catch (SupportMeasureException)
        {
            return NotFound();
        }
        return Redirect($"/support-measures/{Id.ToString(CultureInfo.InvariantCulture)}?done={done}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        View = await SupportMeasureQueries.GetAsync(scope.Db, Id, Today, ct);
        if (View is null)
        {
            return false;
        }
        Forwards = await SupportMeasureForwarding.ForwardsAsync(scope.Db, Id, ct);
        return true;
    }
}
