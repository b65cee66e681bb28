using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.Core.Staff;
using Myna.Documents.Issuance;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Issuance;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Cards;

/// <summary>
/// Card management (DOMAIN §5, §6.1, §6.2): import a delivery list, scan the cards into the safe
/// (the scan field keeps focus for the next card), send a card back, set up, see the safe's
/// inventory, and send issuance notices in waves with their reminders and the destruction of
/// uncollected cards.
/// </summary>
[RequirePermission(Permission.CardsRead)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    public IReadOnlyDictionary<CardState, int> Inventory { get; private set; } = new Dictionary<CardState, int>();
    public List<ListReconciliation> Lists { get; private set; } = [];
    public List<CardView> InSafe { get; private set; } = [];
    public List<CardView> ToMail { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public List<string> Differences { get; private set; } = [];
    public int NoticesToday { get; private set; }
    public int RemindersDue { get; private set; }
    public int WaveSize { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostImportAsync(IFormFile? list, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            if (list is null || list.Length == 0)
            {
                throw new CardSafeException(CardSafeMessages.NoFile);
            }
            using var reader = new StreamReader(list.OpenReadStream());
            var imported = await runtime.CardSafe(scope.Code).ImportListAsync(scope.Db, await reader.ReadToEndAsync(ct), scope.Actor, ct);
            Message = text.Format(imported.AlreadyImported ? "cards.import.again" : "cards.import.done", imported.ListId, imported.Cards);
        }, ct);
    }

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostReceiveAsync(string? serial, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var (card, already) = await runtime.CardSafe(scope.Code).ReceiveAsync(scope.Db, serial ?? "", scope.Actor, ct);
            Message = text.Format(already ? "cards.receive.again" : "cards.receive.done", card.Serial, card.FullName, card.DeliveryListId, card.Line,
                CardSafe.Describe(card.State));
        }, ct);
    }

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostReturnAsync(string? serial, CardProblem problem, string? note, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var card = await runtime.CardSafe(scope.Code).ReturnForRemakeAsync(scope.Db, serial ?? "", problem, note, scope.Actor, ct);
            Message = text.Format("cards.return.done", card.Serial, card.FullName);
        }, ct);
    }

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostSetupAsync(string? serial, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var serials = serial is { Length: > 0 } one ? [one]
                : await CardSafe.Views(scope.Db, c => c.State == CardState.InSafe).Select(v => v.Serial).ToListAsync(ct);
            var ready = 0;
            foreach (var s in serials)
            {
                var outcome = await runtime.CardSafe(scope.Code).SetUpAsync(scope.Db, s, scope.Actor, ct: ct);
                if (outcome.Differences.Count > 0)
                {
                    Differences.Add(text.Format("cards.setup.differs", outcome.Card.Serial, outcome.Card.FullName,
                        string.Join("; ", outcome.Differences.Select(d => $"{text["cards.field." + d.Field]}: {d.Register} ≠ {d.Card}"))));
                }
                else
                {
                    ready++;
                }
            }
            Message = text.Format("cards.setup.done", ready);
        }, ct);
    }

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostMailAsync(string? serial, string? mailNumber, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var card = await runtime.CardSafe(scope.Code).MailAsync(scope.Db, serial ?? "", mailNumber, scope.Actor, ct);
            Message = text.Format("cards.mail.done", card.Serial, card.FullName);
        }, ct);
    }

    [HandlerPermission(Permission.CardsManage)]
    public async Task OnPostMailOutcomeAsync(string? scan, bool delivered, CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var card = await runtime.CardSafe(scope.Code).MailOutcomeAsync(scope.Db, scan ?? "", delivered, scope.Actor, ct);
            Message = text.Format("cards.mail.result", card.Serial, card.FullName, CardSafe.Describe(card.State));
        }, ct);
    }

    [HandlerPermission(Permission.NoticesSend)]
    public async Task OnPostWaveAsync(CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var letters = await runtime.IssuanceNotices(scope.Code).SendWaveAsync(scope.Db, Today, scope.Actor, ct: ct);
            Message = text.Format("cards.wave.done", letters.Count);
        }, ct);
    }

    [HandlerPermission(Permission.NoticesSend)]
    public async Task OnPostRemindersAsync(CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var letters = await runtime.IssuanceNotices(scope.Code).SendRemindersAsync(scope.Db, Today, scope.Actor, ct);
            Message = text.Format("cards.reminders.done", letters.Count);
        }, ct);
    }

    [HandlerPermission(Permission.NoticesSend)]
    public async Task OnPostDestroyAsync(CancellationToken ct)
    {
        await RunAsync(async () =>
        {
            var destroyed = await runtime.IssuanceNotices(scope.Code).DestroyUncollectedAsync(scope.Db, Today, scope.Actor, ct);
            Message = text.Format("cards.destroy.done", destroyed.Count);
        }, ct);
    }

    /// <summary>The notices sent on a day (or the reminders of that day) as one PDF for printing.</summary>
    [HandlerPermission(Permission.NoticesSend)]
    public async Task<IActionResult> OnGetLettersAsync(DateOnly date, bool reminders, CancellationToken ct)
    {
        var ids = await scope.Db.IssuanceNotices.AsNoTracking().Where(n => reminders ? n.ReminderSentOn == date : n.SentOn == date).Select(n => n.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return NotFound();
        }
        var letters = await runtime.IssuanceNotices(scope.Code).LettersAsync(scope.Db, ids, reminders, scope.Actor, ct);
        var municipality = runtime.Options.Municipalities.FirstOrDefault(m => m.Code == scope.Code.Value);
        var bookingUrl = runtime.Options.PublicUrl.TrimEnd('/') + "/book";
        var pdf = IssuanceNoticePdf.Render(letters.Select(l => new IssuanceNoticePage(l.Number, l.FullName, l.PostalCode, l.Address, reminders ? date : l.SentOn,
            l.Deadline, reminders, l.SignatureCertificate, scope.Municipality.Name, bookingUrl, municipality?.OfficePhone, municipality?.DestroyAfterMonths ?? 3)),
            scope.Municipality.Name);
        return new InlinePdf(pdf, $"{(reminders ? "reminders" : "issuance-notices")}-{date:yyyyMMdd}.pdf");
    }

    private async Task RunAsync(Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is CardSafeException or ContractRefusedException)
        {
            Error = Refusals.Say(text, e);
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Inventory = await CardSafe.InventoryAsync(scope.Db, ct);
        var listIds = await scope.Db.DeliveryLists.AsNoTracking().OrderByDescending(l => l.Id).Select(l => l.Id).Take(10).ToListAsync(ct);
        Lists = [];
        foreach (var id in listIds)
        {
            Lists.Add(await CardSafe.ReconcileAsync(scope.Db, id, ct));
        }
        InSafe = (await CardSafe.Views(scope.Db, c => c.State == CardState.InSafe).Take(200).ToListAsync(ct)).OrderBy(v => v.DeliveryListId).ThenBy(v => v.Line).ToList();
        var mailed = await scope.Db.CardApplications.AsNoTracking().Where(a => a.MailCard).Select(a => a.Id).ToListAsync(ct);
        ToMail = await CardSafe.Views(scope.Db, c => c.State == CardState.Ready && mailed.Contains(c.CardApplicationId)).Take(200).ToListAsync(ct);
        var today = Today;
        NoticesToday = await scope.Db.IssuanceNotices.CountAsync(n => n.SentOn == today, ct);
        RemindersDue = await scope.Db.IssuanceNotices.Where(n => n.Deadline < today && n.ReminderSentOn == null)
            .Join(scope.Db.Cards.Where(c => c.State == CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => n).CountAsync(ct);
        WaveSize = runtime.Options.Municipalities.FirstOrDefault(m => m.Code == scope.Code.Value)?.IssuanceWaveSize ?? new MunicipalityOptions().IssuanceWaveSize;
    }
}
