using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage.Audit;
using AppId = Myna.Core.Identifiers.ApplicationId;
using Myna.Storage;

namespace Myna.Municipal.Applications;

/// <summary>What an applicant (or the clerk for them) hands in; the four information comes from the register.</summary>
public sealed record ApplicationInput(string ApplicationId, ApplicationChannel Channel, byte[]? Photo, string? Email = null, string? Phone = null,
    bool WantsSignatureCertificate = true, bool WantsUserCertificate = true, bool Braille = false, bool Consent = false,
    string? LegalRepresentative = null);

/// <summary>
/// A reason an application cannot be taken, or a note on one taken: the input it is about and the catalogue message
/// (<see cref="ApplicationMessages"/>, <see cref="PhotoMessages"/>, <see cref="BulkApplicationMessages"/>) that the pages
/// show in the reader's language (the public page shows it to residents).
/// </summary>
public sealed record ApplicationProblem(string Field, Message Text)
{
    public string Ja => Text.Ja;

    public string En => Text.En;
}

public sealed class ApplicationRejectedException(IReadOnlyList<ApplicationProblem> problems)
    : InvalidOperationException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.En}")))
{
    public IReadOnlyList<ApplicationProblem> Problems { get; } = problems;
}

public sealed record ApplicationReceipt(long Id, string ReceiptNumber, string ApplicationId, ApplicationStatus Status, bool Resubmission,
    IReadOnlyList<ApplicationProblem> Notes);

/// <summary>The register data behind an application form, for pre-filling intake (never re-typed, §4.2).</summary>
public sealed record FormPrefill(long ResidentId, string ApplicationId, string FullName, string FullNameKana, DateOnly BirthDate, Sex Sex,
    string Address, bool Under15, CardApplication? Existing, bool AdultWard = false, bool AddressWithheld = false);

/// <summary>
/// Card applications (DOMAIN §4): receipt through every channel, the photo's mechanical checks,
/// the rules of §4.4, the human review with its deficiency notice, resubmission under the same
/// application ID, and the hand-over to the national production queue.
/// </summary>
public sealed class ApplicationDesk(AuditLog audit, Storage.Outbox.OutboxDispatcher outbox, TimeProvider time)
{
    private static ApplicationProblem P(string field, Message text) => new(field, text);

    /// <summary>Finds the resident an application ID was issued to (with the notice), or says why not.</summary>
    public async Task<(FormPrefill? Form, ApplicationProblem? Problem)> FindFormAsync(MunicipalDb db, Core.Identifiers.MunicipalityCode municipality,
        string? applicationId, bool maySeeProtected, string? actor = null, CancellationToken ct = default)
    {
        if (!AppId.TryParse(ApplicationRules.IdFromScan(applicationId), out var id, out var problem))
        {
            return (null, P("applicationId", ApplicationMessages.IdDigits.With(problem.Text)));
        }
        if (id.Municipality != municipality)
        {
            return (null, P("applicationId", ApplicationMessages.IdOtherMunicipality));
        }
        // A form comes with the number notice, or with a reissue or renewal (§8.2, §8.4).
        var found = await db.Notices.AsNoTracking().Where(n => n.ApplicationId == id.Value)
                .Join(db.Residents.AsNoTracking(), n => n.ResidentId, r => r.Id, (n, r) => r).FirstOrDefaultAsync(ct)
            ?? await db.Replacements.AsNoTracking().Where(x => x.ApplicationId == id.Value)
                .Join(db.Residents.AsNoTracking(), x => x.ResidentId, r => r.Id, (x, r) => r).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return (null, P("applicationId", ApplicationMessages.IdUnknown));
        }
        var existing = await db.CardApplications.AsNoTracking().FirstOrDefaultAsync(a => a.ApplicationId == id.Value, ct);
        var today = JapanClock.Today(time);
        // §9: the one address rule; a withheld address shown to nobody but the officer, and the read logged when a person reads it.
        var rule = new AddressRule(audit, time);
        var withheld = await rule.IsWithheldAsync(db, found.Id, ct);
        var hidden = withheld && !maySeeProtected;
        if (hidden && actor is not null)
        {
            await rule.HiddenFromAsync(db, new Reader(actor, false), [found.Id], "application intake", ct);
        }
        return (new FormPrefill(found.Id, id.Value, found.FullName, found.FullNameKana, found.BirthDate, found.Sex,
            hidden ? AddressProtection.Hidden : found.Address,
            ApplicationRules.IsUnder15(found.BirthDate, today), existing, found.AdultWard, withheld), null);
    }

    /// <summary>Takes an application (or a resubmission after a deficiency notice) in its own transaction.</summary>
    public async Task<ApplicationReceipt> SubmitAsync(MunicipalDb db, Core.Identifiers.MunicipalityCode municipality, ApplicationInput input, string actor,
        CancellationToken ct = default)
    {
        var (form, photo, notes) = await CheckAsync(db, municipality, input, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var receipt = await StoreAsync(db, form, photo, input, notes, actor, ct);
        await tx.CommitAsync(ct);
        return receipt;
    }

    /// <summary>Every check that needs no writing: the form, the applicant's state, the photo, §4.4.</summary>
    internal async Task<(FormPrefill Form, PhotoFacts Photo, List<ApplicationProblem> Notes)> CheckAsync(MunicipalDb db,
        Core.Identifiers.MunicipalityCode municipality, ApplicationInput input, CancellationToken ct)
    {
        var problems = new List<ApplicationProblem>();
        var notes = new List<ApplicationProblem>();
        var (form, formProblem) = await FindFormAsync(db, municipality, input.ApplicationId, maySeeProtected: true, ct: ct);
        if (formProblem is not null)
        {
            throw new ApplicationRejectedException([formProblem]);
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == form!.ResidentId, ct);
        if (resident.Status != ResidentStatus.Active)
        {
            problems.Add(P("applicationId", ApplicationMessages.NotInRegister));
        }
        if (form!.Existing is { } existing && existing.Status != ApplicationStatus.Deficient)
        {
            problems.Add(existing.Status is ApplicationStatus.Superseded or ApplicationStatus.Cancelled
                ? P("applicationId", ApplicationMessages.IdNoLongerUsable)
                : P("applicationId", ApplicationMessages.AlreadyReceived.With(Core.Lifecycle.LifecycleMessages.Day(existing.ReceivedOn))));
        }
        if (input.Channel == ApplicationChannel.Online)
        {
            if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.Phone))
            {
                problems.Add(P("email", ApplicationMessages.Contact));
            }
            if (!input.Consent)
            {
                problems.Add(P("consent", ApplicationMessages.Consent));
            }
        }
        if (input.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            problems.Add(P("email", ApplicationMessages.Email));
        }
        if (input.Phone is { Length: > 0 } phone && Core.Identifiers.IdentifierInput.Normalize(phone) is var digits
            && (digits.Length is < 10 or > 11 || !digits.All(char.IsAsciiDigit)))
        {
            problems.Add(P("phone", ApplicationMessages.Phone));
        }
        var today = JapanClock.Today(time);
        if (form.Under15 && string.IsNullOrWhiteSpace(input.LegalRepresentative))
        {
            problems.Add(P("legalRepresentative", ApplicationMessages.LegalRepresentative));
        }
        if (form.AdultWard && input.WantsSignatureCertificate)
        {
            notes.Add(P("wantsSignatureCertificate", ApplicationMessages.NoSignatureForAdultWard));
        }
        if (form.Under15 && input.WantsSignatureCertificate)
        {
            notes.Add(P("wantsSignatureCertificate", ApplicationMessages.NoSignatureUnder15));
        }
        PhotoFacts? facts = null;
        if (input.Photo is not { Length: > 0 } photo)
        {
            problems.Add(P("photo", ApplicationMessages.PhotoRequired));
        }
        else
        {
            var (checkedFacts, photoProblems) = PhotoCheck.Check(photo, today);
            facts = checkedFacts;
            problems.AddRange(photoProblems.Select(p => P("photo", p.Text)));
        }
        if (problems.Count > 0)
        {
            throw new ApplicationRejectedException(problems);
        }
        return (form, facts!, notes);
    }

    /// <summary>Writes a checked application inside the caller's transaction.</summary>
    internal async Task<ApplicationReceipt> StoreAsync(MunicipalDb db, FormPrefill form, PhotoFacts photo, ApplicationInput input,
        List<ApplicationProblem> notes, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = JapanClock.Today(time);
        var resident = await db.Residents.AsNoTracking().Include(r => r.Household).FirstAsync(r => r.Id == form.ResidentId, ct);
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.ApplicationId == form.ApplicationId, ct);
        var resubmission = application is not null;
        if (application is { Status: not ApplicationStatus.Deficient })
        {
            // Taken meanwhile by a concurrent submission of the same form (checked outside this transaction).
            throw new ApplicationRejectedException([P("applicationId", ApplicationMessages.JustReceived)]);
        }
        if (application is null)
        {
            application = new CardApplication
            {
                ApplicationId = form.ApplicationId,
                ReceiptNumber = NewReceiptNumber(),
                ResidentId = form.ResidentId,
                RecordedBy = actor,
                RegisterSnapshot = "",
                // A reissue form, an earlier application already sent to production, or a holder of a valid card applying again (§4.4, §8.4).
                IsReissue = await db.Replacements.AnyAsync(x => x.ApplicationId == form.ApplicationId, ct)
                    || await db.CardApplications.AnyAsync(a => a.ResidentId == form.ResidentId && a.Status == ApplicationStatus.QueuedForProduction, ct)
                    || await db.HeldCards.AnyAsync(h => h.ResidentId == form.ResidentId && h.State == Core.Lifecycle.HeldCardState.Valid, ct),
            };
            db.CardApplications.Add(application);
        }
        application.Channel = input.Channel;
        application.ReceivedOn = today;
        application.ReceivedAt = now;
        application.UpdatedAt = now;
        application.Email = Blank(input.Email);
        application.Phone = Blank(input.Phone) is { } phone ? Core.Identifiers.IdentifierInput.Normalize(phone) : null;
        application.WantsSignatureCertificate = input.WantsSignatureCertificate && !form.Under15 && !form.AdultWard; // §4.4
        application.WantsUserCertificate = input.WantsUserCertificate;
        application.Braille = input.Braille;
        application.Consent = input.Consent;
        application.LegalRepresentative = Blank(input.LegalRepresentative);
        application.RegisterSnapshot = ResidentSnapshot.Of(resident, resident.Household!.HouseholdCode).ToJson(); // §4.4: the register at receipt
        application.DeficiencyReasons = null;
        await db.Replacements.Where(x => x.ApplicationId == form.ApplicationId && x.State == Core.Lifecycle.ReplacementState.Open)
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.State, Core.Lifecycle.ReplacementState.Applied), ct);
        await db.SaveChangesAsync(ct);
        // Written directly: EF would snapshot and compare the megabytes of the photo on every SaveChanges.
        await using (var insert = Sql.Command(db,
            "INSERT INTO application_photos (card_application_id, jpeg, width, height, taken_on, uploaded_at, review) VALUES (@a, @j, @w, @h, @t, @u, @r)",
            "@a", "@j", "@w", "@h", "@t", "@u", "@r"))
        {
            object?[] values = [application.Id, input.Photo!, photo.Width, photo.Height, photo.TakenOn, now, (int)PhotoReview.Pending];
            for (var i = 0; i < values.Length; i++)
            {
                insert.Set(i, values[i]);
            }
            await insert.ExecuteNonQueryAsync(ct);
        }
        // The row exists now (its ID is the event's): received, with its line of history.
        db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.Received, now, actor, resubmission ? StoredMessage.Write(HistoryNotes.Resubmitted) : null));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.ApplicationReceived, string.Create(CultureInfo.InvariantCulture, $"application:{application.Id}"),
            detail: $"channel={input.Channel} resubmission={resubmission}", ct: ct);
        return new ApplicationReceipt(application.Id, application.ReceiptNumber, application.ApplicationId, application.Status, resubmission, notes);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>12 random digits (CSPRNG): a receipt cannot be guessed from another.</summary>
    private static string NewReceiptNumber() =>
        string.Create(CultureInfo.InvariantCulture, $"{RandomNumberGenerator.GetInt32(1000, 10000)}{RandomNumberGenerator.GetInt32(0, 10000):D4}{RandomNumberGenerator.GetInt32(0, 10000):D4}");

    /// <summary>
    /// The human photo checks (§4.3). Passed: accepted, older pending applications of the person
    /// superseded (§4.4), and sent to production. Failed: a deficiency with its reasons.
    /// </summary>
    public async Task<CardApplication> ReviewAsync(MunicipalDb db, Core.Identifiers.MunicipalityCode municipality, long id, bool pass,
        IReadOnlyList<string> reasonCodes, string? note, string actor, CancellationToken ct = default)
    {
        // The reasons are kept (and printed on the deficiency letter) in Japanese.
        var reasons = reasonCodes.Select(c => PhotoDeficiencies.Ja(c) ?? throw new ApplicationRejectedException(
            [P("reasons", ApplicationMessages.UnknownReason.With(c))])).ToList();
        if (!string.IsNullOrWhiteSpace(note))
        {
            reasons.Add(note.Trim());
        }
        if (!pass && reasons.Count == 0)
        {
            throw new ApplicationRejectedException([P("reasons", ApplicationMessages.ReasonsRequired)]);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new ApplicationRejectedException([P("id", ApplicationMessages.NoApplication.With(id))]);
        if (application.Status != ApplicationStatus.Received)
        {
            throw new ApplicationRejectedException([P("status", ApplicationMessages.NotWaitingForReview)]);
        }
        var photoId = await db.ApplicationPhotos.Where(p => p.CardApplicationId == id).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync(ct);
        var now = time.GetUtcNow();
        var reviewReasons = pass ? null : string.Join("\n", reasons);
        // The photo's bytes are never loaded into the change tracker (see StoreAsync).
        await db.ApplicationPhotos.Where(p => p.Id == photoId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Review, pass ? PhotoReview.Passed : PhotoReview.Failed)
            .SetProperty(p => p.ReviewReasons, reviewReasons)
            .SetProperty(p => p.ReviewedBy, actor)
            .SetProperty(p => p.ReviewedAt, now), ct);
        application.DeficiencyReasons = reviewReasons;
        db.ApplicationEvents.Add(application.MoveTo(pass ? ApplicationStatus.Accepted : ApplicationStatus.Deficient, now, actor, reviewReasons));
        if (pass)
        {
            // §4.4: a newer accepted application supersedes the older pending ones of the same person.
            var older = await db.CardApplications.Where(a => a.ResidentId == application.ResidentId && a.Id < id // older: recorded before this one
                && (a.Status == ApplicationStatus.Received || a.Status == ApplicationStatus.Deficient)).ToListAsync(ct);
            foreach (var o in older)
            {
                o.SupersededById = id;
                o.EndReason = StoredMessage.Write(HistoryNotes.SupersededShort);
                db.ApplicationEvents.Add(o.MoveTo(ApplicationStatus.Superseded, now, actor, StoredMessage.Write(HistoryNotes.Superseded.With(application.ApplicationId))));
            }
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.ApplicationReviewed, string.Create(CultureInfo.InvariantCulture, $"application:{id}"),
            detail: pass ? "accepted" : "deficient", ct: ct);
        if (pass)
        {
            // ARCHITECTURE principle 3: the hand-over to production is recorded with the acceptance, and delivered after the commit.
            await ProductionMessages.RecordAsync(db, application, actor, time, ct);
        }
        await tx.CommitAsync(ct);
        if (pass)
        {
            await outbox.AfterCommitAsync(ct);
            await db.Entry(application).ReloadAsync(ct);
        }
        return application;
    }

    /// <summary>
    /// Accepted applications with no hand-over in the outbox (accepted before the outbox existed) get one;
    /// then the outbox is delivered. Returns how many applications were still waiting to reach the queue.
    /// </summary>
    public async Task<int> SendAcceptedAsync(MunicipalDb db, Core.Identifiers.MunicipalityCode municipality, string actor, CancellationToken ct = default)
    {
        var waiting = await db.CardApplications.Where(a => a.Status == ApplicationStatus.Accepted).OrderBy(a => a.Id).ToListAsync(ct);
        var inOutbox = (await Storage.Outbox.Outbox.OpenAsync(db, ct)).Where(m => m.Kind == ProductionMessages.Kind)
            .Select(m => Storage.Outbox.Outbox.Read<ProductionHandOver>(m).ApplicationRowId).ToHashSet();
        foreach (var a in waiting.Where(a => !inOutbox.Contains(a.Id)))
        {
            await using var tx = await Sql.BeginWriteAsync(db, ct);
            await ProductionMessages.RecordAsync(db, a, actor, time, ct);
            await tx.CommitAsync(ct);
        }
        await outbox.DeliverAsync(ct);
        return waiting.Count;
    }

    /// <summary>
    /// The public status page: the status only, and only when the birth date matches; a wrong
    /// pair and an unknown ID give the same answer, so the page cannot be used to probe.
    /// </summary>
    public static async Task<CardApplication?> PublicStatusAsync(MunicipalDb db, string? applicationId, DateOnly birthDate, CancellationToken ct = default)
    {
        if (!AppId.TryParse(applicationId, out var id, out _))
        {
            return null;
        }
        return await db.CardApplications.AsNoTracking()
            .Where(a => a.ApplicationId == id.Value && db.Residents.Any(r => r.Id == a.ResidentId && r.BirthDate == birthDate))
            .FirstOrDefaultAsync(ct);
    }
}
