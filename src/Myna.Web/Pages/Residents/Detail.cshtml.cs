using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Notices;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Residents;

/// <summary>
/// A resident's page: register data, household, history, and the masked number. A clerk may
/// show the number in full by choosing a registered purpose; the display is audited before the
/// page is sent (DOMAIN §12), and the number is rendered into this response only.
/// </summary>
[RequirePermission(Permission.ResidentsRead)]
public sealed class DetailModel(ResidentServices services, MunicipalScope scope, MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public ResidentDetails? Details { get; private set; }
    public string? Revealed { get; private set; }
    public string? RevealedPurpose { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);
    public IReadOnlyList<NumberPurpose> Purposes => runtime.Purposes.All;
    public bool MayReveal => User.Has(Permission.NumberReveal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [HandlerPermission(Permission.NumberReveal)]
    public async Task<IActionResult> OnPostRevealAsync(string? purpose, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayReveal)
        {
            Error = text["number.forbidden"];
            return Page();
        }
        if (!runtime.Purposes.TryGet(purpose, out var p))
        {
            Error = text["number.purpose.choose"];
            return Page();
        }
        var number = await services.Queries.RevealAsync(scope.Db, Id, p.Code, scope.Actor, ct);
        Revealed = number.FormatFull();
        RevealedPurpose = text.IsEnglish ? p.NameEn : p.NameJa;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    [BindProperty] public EventForm Event { get; set; } = new();
    public string? EventError { get; private set; }
    public string? EventRecorded { get; private set; }
    public bool MayRecord => User.Has(Permission.ResidentsRecord);

    /// <summary>The 異動 form: the clerk edits what changed; unchanged fields are not sent as changes.</summary>
    [HandlerPermission(Permission.ResidentsRecord)]
    public async Task<IActionResult> OnPostEventAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayRecord)
        {
            EventError = text["event.forbidden"];
            return Page();
        }
        var r = Details!.Resident;
        if (!Enum.TryParse<ResidentEventType>(Event.Type, out var type) || !ResidentRegister.RecordableTypes.Contains(type))
        {
            EventError = text["event.choose"];
            return Page();
        }
        if (!JapaneseDate.TryParse(Event.EffectiveDate, out var effective, out var error)
            || !JapaneseDate.TryParse(Event.NotificationDate, out var notified, out error))
        {
            EventError = text[error];
            return Page();
        }
        string? Changed(string? value, string? current) =>
            string.Equals(value?.Trim() ?? "", current ?? "", StringComparison.Ordinal) ? null : value ?? "";
        Core.Residents.ResidentEvent recorded;
        try
        {
            recorded = await runtime.ResidentRegister(scope.Code).RecordAsync(scope.Db, Id, new ResidentChange(type, effective, notified,
                Changed(Event.FamilyName, r.FamilyName), Changed(Event.GivenName, r.GivenName),
                Changed(Event.FamilyNameKana, r.FamilyNameKana), Changed(Event.GivenNameKana, r.GivenNameKana),
                Changed(Event.PostalCode, r.PostalCode), Changed(Event.Town, r.Town), Changed(Event.Block, r.Block),
                Changed(Event.Building, r.Building), Event.Note, Event.Destination, Event.DestinationAddress,
                ResidenceStatus: Changed(Event.ResidenceStatus, r.ResidenceStatus),
                StayUntil: Changed(Event.StayUntil, r.StayUntil is { } stay ? JapaneseDate.Format(stay) : null),
                FamilyRegisterPlace: Changed(Event.FamilyRegisterPlace, r.FamilyRegisterPlace),
                FamilyRegisterMunicipality: Changed(Event.FamilyRegisterMunicipality, r.FamilyRegisterMunicipality)), scope.Actor, ct);
        }
        catch (Exception e) when (e is RegisterRuleException or Myna.Municipal.Lifecycle.LifecycleException or ContractRefusedException)
        {
            EventError = Refusals.Say(text, e);
            return Page();
        }
        return Confirmed("event.recorded.ok", "event-" + recorded.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "flash.event.show", "event-recorded");
    }

    /// <summary>
    /// Back to the resident after an action, confirmed at the top of the page (the forms sit far
    /// below the fold) with a link down to where the result shows.
    /// </summary>
    private RedirectToPageResult Confirmed(string textKey, string anchor, string linkKey, string testId)
    {
        this.Confirm(text[textKey], "#" + anchor, text[linkKey], testId: testId);
        return RedirectToPage(new { id = Id });
    }

    [BindProperty] public ResidenceFormInput Residence { get; set; } = new();
    /// <summary>
    /// What refused the residence form, each with the form field it is about (<c>Address</c>, <c>ReceivedOn</c> …) or null
    /// for the form as a whole; the page shows each beside its field and puts the focus on the first.
    /// </summary>
    public List<(string? Field, string Message)> ResidenceErrors { get; } = [];

    /// <summary>The residence form's fields, in the order the form shows them (the first refused one gets the focus).</summary>
    public static readonly string[] ResidenceFields = ["Reason", "ReasonDetail", "Delivery", "ReceivedOn", "PostalCode", "Address", "ProxyName",
        "ProxyPostalCode", "ProxyAddress", "IdDocumentChecked", "DeliveryProofChecked", "ProxyAuthorityChecked", "ConsentToShare"];

    /// <summary>The first field of the residence form an error is about, if any.</summary>
    public string? FirstResidenceErrorField =>
        ResidenceFields.FirstOrDefault(f => ResidenceErrors.Any(e => e.Field == f));
    /// <summary>The support-measure officer (DOMAIN §9): sees withheld addresses and is offered the measure pages.</summary>
    public bool IsOfficer => User.Has(Permission.AddressProtection);

    /// <summary>居所情報登録 (DOMAIN §3.2); a second registration replaces the current one.</summary>
    [HandlerPermission(Permission.ResidentsRecord)]
    public async Task<IActionResult> OnPostResidenceAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayRecord)
        {
            ResidenceErrors.Add((null, text["residence.forbidden"]));
            return Page();
        }
        var f = Residence;
        var (registration, problems) = ResidenceForm.Build(Id, f.Reason, f.ReasonDetail, f.Delivery, f.PostalCode, f.Address, f.ProxyName,
            f.ProxyPostalCode, f.ProxyAddress, f.ProxyAuthorityChecked, f.IdDocumentChecked, f.DeliveryProofChecked, f.ConsentToShare, f.ReceivedOn, Today);
        if (registration is null)
        {
            ResidenceErrors.AddRange(problems.Select(p => ((string?)p.Field, text[p.Message])));
            return Page();
        }
        try
        {
            await runtime.ResidenceRegistry(scope.Code).RegisterAsync(scope.Db, registration, runtime.ResidenceWindow(scope.Code), scope.Actor, ct);
        }
        catch (ResidenceRulesException e)
        {
            ResidenceErrors.AddRange(e.Problems.Select(p => ((string?)p.Field, text[p.Text])));
            return Page();
        }
        return Confirmed("residence.saved", "residence", "flash.show", "residence-saved");
    }

    [HandlerPermission(Permission.ResidentsRecord)]
    public async Task<IActionResult> OnPostResidenceEndAsync(string? endReason, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayRecord)
        {
            ResidenceErrors.Add((null, text["residence.forbidden"]));
            return Page();
        }
        try
        {
            await runtime.ResidenceRegistry(scope.Code).EndAsync(scope.Db, Id, endReason ?? "", scope.Actor, ct);
        }
        catch (ResidenceRulesException e)
        {
            ResidenceErrors.AddRange(e.Problems.Select(p => ((string?)p.Field, text[p.Text])));
            return Page();
        }
        return Confirmed("residence.ended", "residence", "flash.show", "residence-ended");
    }

    public string? WardError { get; private set; }

    /// <summary>Records or clears 成年被後見人 (DOMAIN §4.4: no signature certificate), on the evidence given; clerks who record events.</summary>
    [HandlerPermission(Permission.ResidentsRecord)]
    public async Task<IActionResult> OnPostAdultWardAsync(bool ward, string? wardEvidence, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await runtime.AdultWardFlag(scope.Code).SetAsync(scope.Db, Id, ward, wardEvidence, scope.Actor, ct);
        }
        catch (RegisterRuleException e)
        {
            WardError = Refusals.Say(text, e);
            return Page();
        }
        return Confirmed("ward.changed", "ward", "flash.show", "ward-changed");
    }

    [BindProperty] public AbroadForm Abroad { get; set; } = new();
    public string? AbroadError { get; private set; }

    /// <summary>The resident's moves abroad (国外転出, DOMAIN §8.6), newest first.</summary>
    public IReadOnlyList<Core.Lifecycle.AbroadMove> AbroadMoves { get; private set; } = [];

    /// <summary>国外転出届 (DOMAIN §8.6): the destination is abroad; continued use abroad is asked for with it.</summary>
    [HandlerPermission(Permission.ResidentsRecord)]
    public async Task<IActionResult> OnPostAbroadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!JapaneseDate.TryParse(Abroad.MovesOn, out var movesOn, out var error) || !JapaneseDate.TryParse(Abroad.NotifiedOn, out var notified, out error))
        {
            AbroadError = text[error];
            return Page();
        }
        try
        {
            await runtime.AbroadMoveDesk(scope.Code).NotifyAsync(scope.Db, Id,
                new Myna.Municipal.Lifecycle.AbroadMoveNotice(movesOn, notified, Abroad.Country ?? "", Abroad.ContinuedUse, Abroad.SignatureAbroad), scope.Actor, ct);
        }
        catch (Exception e) when (e is RegisterRuleException or Myna.Municipal.Lifecycle.LifecycleException or ContractRefusedException)
        {
            AbroadError = Refusals.Say(text, e);
            return Page();
        }
        return Confirmed("abroad.recorded", "abroad", "flash.show", "abroad-recorded");
    }

    /// <summary>返納 of a card that lapsed on moving abroad (DOMAIN §8.6).</summary>
    [HandlerPermission(Permission.LifecycleAct)]
    public async Task<IActionResult> OnPostAbroadReturnAsync(long moveId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await runtime.AbroadMoveDesk(scope.Code).RecordReturnAsync(scope.Db, moveId, Today, scope.Actor, ct);
        }
        catch (Myna.Municipal.Lifecycle.LifecycleException e)
        {
            AbroadError = Refusals.Say(text, e);
            return Page();
        }
        return Confirmed("abroad.return.done", "abroad", "flash.show", "abroad-returned");
    }

    public bool MayActOnCards => User.Has(Permission.LifecycleAct);

    /// <summary>The card in the resident's hands, if any (DOMAIN §8).</summary>
    public Core.Lifecycle.HeldCard? Card { get; private set; }

    /// <summary>Every recorded step of the register entry, applications and cards (DOMAIN §8).</summary>
    public IReadOnlyList<Myna.Municipal.Lifecycle.TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The other municipalities of this host, offered as move-out destinations (§8.6).</summary>
    public IEnumerable<Core.Municipalities.Municipality> Neighbours => runtime.Stores.Municipalities.Where(m => m.Code != scope.Code);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await services.Queries.GetAsync(scope.Db, Id, scope.Reader, ct);
        if (Details is null)
        {
            return false;
        }
        Card = await Myna.Municipal.Lifecycle.CardLifecycleDesk.CurrentAsync(scope.Db, Id, ct);
        AbroadMoves = await Myna.Municipal.Lifecycle.AbroadMoveDesk.OfResidentAsync(scope.Db, Id, ct);
        Timeline = await Myna.Municipal.Lifecycle.ResidentTimeline.ForAsync(scope.Db, Id, runtime.CardLifecycle(), scope.Code, scope.Reader, runtime.AddressRule(scope.Code), ct);
        if (Details.AddressWithheld && !scope.Reader.MaySeeProtected)
        {
            // §9: the register's lines of the timeline carry the events' notes; their free text is withheld as in the history.
            Timeline = Timeline.Select(e => e.Source == "register" ? e with { Detail = ResidentQueries.WithoutFreeText(e.Detail) } : e).ToList();
        }
        if (Request.Method == "GET")
        {
            var r = Details.Resident;
            var today = JapaneseDate.Format(Today);
            Event = new EventForm
            {
                EffectiveDate = today, NotificationDate = today, FamilyName = r.FamilyName, GivenName = r.GivenName,
                FamilyNameKana = r.FamilyNameKana, GivenNameKana = r.GivenNameKana, PostalCode = r.PostalCode,
                Town = r.Town, Block = r.Block, Building = r.Building,
                ResidenceStatus = r.ResidenceStatus, StayUntil = r.StayUntil is { } stay ? JapaneseDate.Format(stay) : null,
                FamilyRegisterPlace = r.FamilyRegisterPlace, FamilyRegisterMunicipality = r.FamilyRegisterMunicipality,
            };
            Abroad = new AbroadForm { MovesOn = JapaneseDate.Format(Today.AddDays(1)), NotifiedOn = today };
        }
        return true;
    }
}

public sealed class ResidenceFormInput
{
    public string? Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public string? Delivery { get; set; }
    public string? PostalCode { get; set; }
    public string? Address { get; set; }
    public string? ProxyName { get; set; }
    public string? ProxyPostalCode { get; set; }
    public string? ProxyAddress { get; set; }
    public bool ProxyAuthorityChecked { get; set; }
    public bool IdDocumentChecked { get; set; }
    public bool DeliveryProofChecked { get; set; }
    public bool ConsentToShare { get; set; }
    public string? ReceivedOn { get; set; }
}

/// <summary>国外転出届 (DOMAIN §8.6): the destination abroad, with the continued-use request.</summary>
public sealed class AbroadForm
{
    public string? MovesOn { get; set; }
    public string? NotifiedOn { get; set; }
    public string? Country { get; set; }
    public bool ContinuedUse { get; set; }
    public bool SignatureAbroad { get; set; }
}

public sealed class EventForm
{
    public string? Type { get; set; }
    public string? EffectiveDate { get; set; }
    public string? NotificationDate { get; set; }
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyNameKana { get; set; }
    public string? GivenNameKana { get; set; }
    public string? PostalCode { get; set; }
    public string? Town { get; set; }
    public string? Block { get; set; }
    public string? Building { get; set; }
    public string? Note { get; set; }
    /// <summary>転出先 municipality code, for a move-out (§8.6).</summary>
    public string? Destination { get; set; }
    public string? DestinationAddress { get; set; }
    /// <summary>在留資格 and the period of stay's last day (ISO or era date), §8.1, §8.6.</summary>
    public string? ResidenceStatus { get; set; }
    public string? StayUntil { get; set; }
    /// <summary>本籍 as written and its municipality code (§8.6: continued use abroad; §9: where a measure is forwarded).</summary>
    public string? FamilyRegisterPlace { get; set; }
    public string? FamilyRegisterMunicipality { get; set; }
}
