using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Appointments;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Public;

/// <summary>
/// 交付予約 (DOMAIN §6.3): the resident identifies with the issuance notice's number and their birth
/// date, then books, changes or cancels a time up to the cutoff. Every request identifies again
/// (nothing is kept between pages), and a wrong pair says only that it does not match.
/// </summary>
[AllowAnonymous]
public sealed class BookModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Notice { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    /// <summary>The day whose times are shown (the first day with a free seat when none is chosen).</summary>
    [BindProperty] public DateOnly? Day { get; set; }
    public IReadOnlyList<(DateOnly Day, int Free)> Days { get; private set; } = [];
    public IEnumerable<SlotView> DaySlots => Slots.Where(s => DayOf(s) == Day);

    public static DateOnly DayOf(SlotView s) => DateOnly.FromDateTime(JapanClock.ToJapan(s.StartsAt).DateTime);
    public long? CardId { get; private set; }

    /// <summary>Whose booking this is, the given name masked ("佐藤 ●●").</summary>
    public string? Holder { get; private set; }
    public AppointmentView? Current { get; private set; }
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Every handler starts with the host's municipality as the heading; the resident's card narrows it to their own.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        PublicPages.SetHeading(ViewData, runtime, null, text);

    public Task OnPostFindAsync(CancellationToken ct) => WithCardAsync(_ => Task.CompletedTask, ct);

    public Task OnPostBookAsync(long slot, CancellationToken ct) => WithCardAsync(async (db) =>
    {
        var book = runtime.AppointmentBook();
        var made = Current is { } current
            ? await book.RebookAsync(db, current.Reference, slot, AppointmentChannel.Web, "public", ct)
            : await book.BookAsync(db, CardId!.Value, slot, AppointmentChannel.Web, "public", ct);
        Done = text.Format(Current is null ? "book.done" : "book.moved", Display.Appointment(made.StartsAt, text), made.Window, made.Reference);
    }, ct);

    public Task OnPostCancelAsync(CancellationToken ct) => WithCardAsync(async (db) =>
    {
        if (Current is { } current)
        {
            await runtime.AppointmentBook().CancelAsync(db, current.Reference, AppointmentChannel.Web, "public", ct);
            Done = text["book.cancelled"];
        }
    }, ct);

    private async Task WithCardAsync(Func<MunicipalDb, Task> action, CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(BirthDate, out var birth, out var error))
        {
            Error = text["status.birth.invalid"] + (text.IsEnglish ? " (" + text[error] + ")" : "（" + text[error] + "）");
            return;
        }
        foreach (var m in runtime.Stores.Municipalities)
        {
            await using var db = runtime.Stores.OpenMunicipal(m.Code);
            if (await AppointmentBook.CardByNoticeAsync(db, Notice ?? "", birth, ct) is not { } cardId)
            {
                continue;
            }
            CardId = cardId;
            Holder = await CardHolder.MaskedNameAsync(db, cardId, ct);
            PublicPages.SetHeading(ViewData, runtime, m, text);
            Current = await AppointmentBook.ActiveForCardAsync(db, cardId, ct);
            try
            {
                await action(db);
            }
            catch (BookingRefusedException e)
            {
                Error = text[e.Text];
            }
            Current = await AppointmentBook.ActiveForCardAsync(db, cardId, ct);
            Slots = await runtime.AppointmentBook().OpenSlotsAsync(db, JapanClock.Today(runtime.Time).AddDays(28), forResidents: true, ct);
            Days = Slots.GroupBy(DayOf).Select(g => (g.Key, g.Sum(s => s.Free))).ToList();
            if (Day is null || Days.All(d => d.Day != Day))
            {
                Day = Days.Count > 0 ? Days[0].Day : null;
            }
            return;
        }
        Error = text["book.not.found"];
    }
}
