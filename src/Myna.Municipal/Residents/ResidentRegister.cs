using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;

namespace Myna.Municipal.Residents;

/// <summary>
/// A 異動 or correction for an existing resident (DOMAIN §2). Fields left null keep their
/// value. The type decides what may change: a move within the municipality changes the
/// address, a name change the names, a move-out, death or ex-officio deletion the status;
/// a correction may change anything. The 本籍 (place of the family register, §8.6) changes with a
/// correction, a name change (marriage often changes both) or a move within; an empty text clears it. The status of
/// residence and the period of stay's last day (§8.1, §8.6) change with a correction or a <see cref="ResidentEventType.ResidenceStatusChange"/>;
/// <see cref="StayUntil"/> is an ISO or era date, and an empty text clears either.
/// </summary>
public sealed record ResidentChange(
    ResidentEventType Type,
    DateOnly EffectiveDate,
    DateOnly NotificationDate,
    string? FamilyName = null,
    string? GivenName = null,
    string? FamilyNameKana = null,
    string? GivenNameKana = null,
    string? PostalCode = null,
    string? Town = null,
    string? Block = null,
    string? Building = null,
    string? Note = null,
    string? Destination = null,
    string? DestinationAddress = null,
    string? FamilyRegisterPlace = null,
    string? FamilyRegisterMunicipality = null,
    string? ResidenceStatus = null,
    string? StayUntil = null);

/// <summary>A change that breaks a register rule; <see cref="Field"/> names the input at fault.</summary>
public sealed class RegisterRuleException(string field, string message) : InvalidOperationException(message), Core.Text.Messages.IMessageCarrier
{
    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public RegisterRuleException(string field, Core.Text.Messages.Message text) : this(field, text.En) => Text = text;

    public string Field { get; } = field;

    /// <summary>The catalogue message, when the refusal has one; pages show it in the reader's language.</summary>
    public Core.Text.Messages.Message? Text { get; }
}

/// <summary>Records register events one at a time (the window's 異動届), never deleting anything.</summary>
public sealed class ResidentRegister(TimeProvider time, Core.Contracts.ICertificateEvents? certificates = null,
    Core.Identifiers.MunicipalityCode municipality = default, Lifecycle.CardLifecycleDesk? cards = null, Lifecycle.MoveDesk? moves = null)
{
    /// <summary>The snapshot fields the signature certificate carries (DOMAIN §7.2): a change to any revokes it (§7.4).</summary>
    private static readonly HashSet<string> FourInformationFields =
        ["FamilyName", "GivenName", "BirthDate", "Sex", "Prefecture", "City", "Town", "Block", "Building"];

    public static readonly IReadOnlyList<ResidentEventType> RecordableTypes =
    [
        ResidentEventType.AddressChangeWithin, ResidentEventType.NameChange, ResidentEventType.MoveOut,
        ResidentEventType.Death, ResidentEventType.DeletionExOfficio, ResidentEventType.Correction, ResidentEventType.ResidenceStatusChange,
    ];

    public async Task<ResidentEvent> RecordAsync(MunicipalDb db, long residentId, ResidentChange change, string actor, CancellationToken ct = default)
    {
        if (!RecordableTypes.Contains(change.Type))
        {
            throw new RegisterRuleException("type", RegisterMessages.NotOnExisting.With(change.Type));
        }
        var today = JapanClock.Today(time);
        if (change.NotificationDate > today)
        {
            throw new RegisterRuleException("notificationDate", RegisterMessages.NotificationInFuture);
        }
        if (change.Type is ResidentEventType.Death or ResidentEventType.AddressChangeWithin && change.EffectiveDate > today)
        {
            throw new RegisterRuleException("effectiveDate", RegisterMessages.EffectiveInFuture);
        }
        var resident = await db.Residents.Include(r => r.Household).FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new RegisterRuleException("id", RegisterMessages.NoSuchResident.With(residentId));
        if (resident.Status != ResidentStatus.Active && change.Type != ResidentEventType.Correction)
        {
            throw new RegisterRuleException("type", RegisterMessages.NotInRegister);
        }
        if (change.EffectiveDate < resident.BirthDate)
        {
            throw new RegisterRuleException("effectiveDate", RegisterMessages.BeforeBirth);
        }
        Core.Identifiers.MunicipalityCode? destination = null;
        if (change.Type == ResidentEventType.MoveOut && moves is not null)
        {
            destination = await MoveOutDestinationAsync(db, resident.Id, change, ct);
        }
        var before = ResidentSnapshot.Of(resident, resident.Household!.HouseholdCode);
        try
        {
            Apply(resident, change);
        }
        catch (RegisterRuleException)
        {
            db.ChangeTracker.Clear(); // nothing half-applied stays in the caller's context either
            throw;
        }
        resident.RefreshDerived();
        resident.UpdatedAt = time.GetUtcNow();
        var after = ResidentSnapshot.Of(resident, resident.Household.HouseholdCode);
        var changed = before.ChangedFields(after);
        if (changed.Count == 0)
        {
            throw new RegisterRuleException("type", RegisterMessages.NothingChanges);
        }
        var entry = new ResidentEvent
        {
            ResidentId = resident.Id,
            Type = change.Type,
            EffectiveDate = change.EffectiveDate,
            NotificationDate = change.NotificationDate,
            RecordedAt = resident.UpdatedAt,
            RecordedBy = actor,
            Note = string.Join(", ", changed) + (string.IsNullOrWhiteSpace(change.Note) ? "" : " — " + change.Note.Trim()),
            Snapshot = after.ToJson(),
        };
        db.ResidentEvents.Add(entry);
        await db.SaveChangesAsync(ct);
        if (certificates is not null && municipality != default)
        {
            // After the register has the event: the national side revokes what §7.4 says.
            var holderChange = change.Type is ResidentEventType.Death or ResidentEventType.DeletionExOfficio
                ? Core.Contracts.HolderChange.LeftTheRegister
                : changed.Any(FourInformationFields.Contains) ? Core.Contracts.HolderChange.FourInformationChanged : (Core.Contracts.HolderChange?)null;
            if (holderChange is { } h)
            {
                await certificates.HolderChangedAsync(municipality, Core.Identifiers.ResidentCode.Parse(resident.ResidentCode), h, change.Type.ToString(), ct);
            }
        }
        if (cards is not null)
        {
            await cards.RegisterChangedAsync(db, resident, change.Type, changed, actor, ct);
        }
        if (destination is { } to)
        {
            // §8.6: the advance move-out information goes to the destination; the planned date is the event's effective date.
            await moves!.SendAdvanceAsync(db, resident.Id, to, change.DestinationAddress!, change.EffectiveDate, actor, ct);
        }
        return entry;
    }

    /// <summary>A card holder's move-out names the destination municipality and address (§8.6); anyone else's may.</summary>
    private static async Task<Core.Identifiers.MunicipalityCode?> MoveOutDestinationAsync(MunicipalDb db, long residentId, ResidentChange change, CancellationToken ct)
    {
        if (change.Destination?.Trim() is "国外" or "abroad" or "ABROAD")
        {
            // §8.6: a move abroad has no destination municipality; it has its own notification, with continued use abroad.
            throw new RegisterRuleException("destination", RegisterMessages.AbroadIsItsOwnNotice);
        }
        if (await db.AbroadMoves.AnyAsync(m => m.ResidentId == residentId && m.State == Core.Lifecycle.AbroadMoveState.Scheduled, ct))
        {
            throw new RegisterRuleException("type", RegisterMessages.AbroadAlreadyNotified);
        }
        var holdsCard = await db.HeldCards.AnyAsync(h => h.ResidentId == residentId && h.State == Core.Lifecycle.HeldCardState.Valid, ct);
        if (string.IsNullOrWhiteSpace(change.Destination))
        {
            return holdsCard
                ? throw new RegisterRuleException("destination", RegisterMessages.CardHolderNeedsDestination)
                : null;
        }
        if (!Core.Identifiers.MunicipalityCode.TryParse(change.Destination.Trim(), out var code, out var problem))
        {
            throw new RegisterRuleException("destination", RegisterMessages.NotAMunicipalityCode.With(problem.Text));
        }
        if (string.IsNullOrWhiteSpace(change.DestinationAddress))
        {
            throw new RegisterRuleException("destinationAddress", RegisterMessages.DestinationAddress);
        }
        return code;
    }

    private static void Apply(Resident r, ResidentChange c)
    {
        var changesName = c.FamilyName is not null || c.GivenName is not null || c.FamilyNameKana is not null || c.GivenNameKana is not null;
        var changesAddress = c.PostalCode is not null || c.Town is not null || c.Block is not null || c.Building is not null;
        var changesFamilyRegister = c.FamilyRegisterPlace is not null || c.FamilyRegisterMunicipality is not null;
        var changesStay = c.ResidenceStatus is not null || c.StayUntil is not null;
        switch (c.Type)
        {
            case ResidentEventType.ResidenceStatusChange when changesName || changesAddress || changesFamilyRegister:
                throw new RegisterRuleException("type", RegisterMessages.StayChangeOnly);
            case ResidentEventType.ResidenceStatusChange when !changesStay:
                throw new RegisterRuleException("residenceStatus", RegisterMessages.StayRequired);
            case ResidentEventType.AddressChangeWithin or ResidentEventType.NameChange or ResidentEventType.MoveOut or ResidentEventType.Death
                or ResidentEventType.DeletionExOfficio when changesStay:
                throw new RegisterRuleException("type", RegisterMessages.StayHasOwnEvent);
            case ResidentEventType.AddressChangeWithin when changesName:
                throw new RegisterRuleException("type", RegisterMessages.MoveChangesAddressOnly);
            case ResidentEventType.AddressChangeWithin when !changesAddress:
                throw new RegisterRuleException("town", RegisterMessages.NewAddress);
            case ResidentEventType.NameChange when changesAddress:
                throw new RegisterRuleException("type", RegisterMessages.NameChangeOnly);
            case ResidentEventType.NameChange when !changesName:
                throw new RegisterRuleException("familyName", RegisterMessages.NewName);
            case ResidentEventType.MoveOut or ResidentEventType.Death or ResidentEventType.DeletionExOfficio when changesName || changesAddress || changesFamilyRegister:
                throw new RegisterRuleException("type", RegisterMessages.RegisterOnly);
            case ResidentEventType.MoveOut:
                r.Status = ResidentStatus.MovedOut;
                return;
            case ResidentEventType.Death:
                r.Status = ResidentStatus.Deceased;
                return;
            case ResidentEventType.DeletionExOfficio:
                r.Status = ResidentStatus.DeletedExOfficio;
                return;
        }
        r.FamilyName = Text(c.FamilyName, r.FamilyName, "familyName", required: true);
        r.GivenName = Text(c.GivenName, r.GivenName, "givenName", required: false);
        r.FamilyNameKana = Kana(c.FamilyNameKana, r.FamilyNameKana, "familyNameKana");
        r.GivenNameKana = Kana(c.GivenNameKana, r.GivenNameKana, "givenNameKana");
        if (c.PostalCode is not null)
        {
            r.PostalCode = c.PostalCode.Trim().Length == 0 ? null
                : PostalCode.Normalize(c.PostalCode) ?? throw new RegisterRuleException("postalCode", RegisterMessages.PostalCode);
        }
        r.Town = NotPlaceholder(Text(c.Town, r.Town, "town", required: true), c.Town, "town");
        r.Block = NotPlaceholder(Text(c.Block, r.Block, "block", required: true), c.Block, "block");
        if (c.Building is not null)
        {
            r.Building = c.Building.Trim().Length == 0 ? null : NotPlaceholder(Text(c.Building, "", "building", required: false), c.Building, "building");
        }
        if (changesFamilyRegister)
        {
            ApplyFamilyRegister(r, c);
        }
        if (changesStay)
        {
            ApplyStay(r, c);
        }
        if ((changesStay || changesFamilyRegister) && ResidenceStatuses.Check(r.ResidenceStatus, r.StayUntil, r.FamilyRegisterPlace) is { } problem)
        {
            throw new RegisterRuleException(problem.Field, problem.Message);
        }
    }

    /// <summary>The status of residence and the period of stay's last day (§8.6), validated together by <see cref="ResidenceStatuses.Check"/>.</summary>
    private static void ApplyStay(Resident r, ResidentChange c)
    {
        if (c.ResidenceStatus is not null)
        {
            r.ResidenceStatus = c.ResidenceStatus.Trim().Length == 0 ? null : c.ResidenceStatus.Trim();
            if (r.ResidenceStatus is { } status && !ResidenceStatuses.HasPeriod(status) && c.StayUntil is null)
            {
                r.StayUntil = null; // e.g. 定住者 → 永住者: a permanent status ends the period
            }
        }
        if (c.StayUntil is not null)
        {
            if (c.StayUntil.Trim().Length == 0)
            {
                r.StayUntil = null;
            }
            else if (JapaneseDate.TryParse(c.StayUntil, out var stay, out var error))
            {
                r.StayUntil = stay;
            }
            else
            {
                throw new RegisterRuleException("stayUntil", error);
            }
        }
    }

    /// <summary>本籍 and its municipality code (§8.6, where §9 forwards a measure): a code needs the place; clearing the place clears the code.</summary>
    private static void ApplyFamilyRegister(Resident r, ResidentChange c)
    {
        if (c.FamilyRegisterPlace is not null)
        {
            r.FamilyRegisterPlace = c.FamilyRegisterPlace.Trim().Length == 0 ? null : Text(c.FamilyRegisterPlace, "", "familyRegisterPlace", required: false);
        }
        if (c.FamilyRegisterMunicipality is not null)
        {
            var text = c.FamilyRegisterMunicipality.Trim();
            if (text.Length == 0)
            {
                r.FamilyRegisterMunicipality = null;
            }
            else if (Core.Identifiers.MunicipalityCode.TryParse(text, out var code, out var problem))
            {
                r.FamilyRegisterMunicipality = code.Value;
            }
            else
            {
                throw new RegisterRuleException("familyRegisterMunicipality", RegisterMessages.NotAMunicipalityCode.With(problem.Text));
            }
        }
        if (r.FamilyRegisterPlace is null && r.FamilyRegisterMunicipality is not null)
        {
            if (c.FamilyRegisterPlace is not null && c.FamilyRegisterMunicipality is null)
            {
                r.FamilyRegisterMunicipality = null; // the place cleared: its code goes with it
            }
            else
            {
                throw new RegisterRuleException("familyRegisterPlace", RegisterMessages.FamilyRegisterPlace);
            }
        }
    }

    /// <summary>
    /// DOMAIN §9: the placeholder a reader sees instead of a withheld address is never written back as the address
    /// (a form filled from a withheld page would otherwise overwrite the real one).
    /// </summary>
    private static string NotPlaceholder(string value, string? given, string field) =>
        given is not null && value.Contains(AddressProtection.Hidden, StringComparison.Ordinal)
            ? throw new RegisterRuleException(field, RegisterMessages.NotAnAddress)
            : value;

    private static string Text(string? value, string current, string field, bool required)
    {
        if (value is null)
        {
            return current;
        }
        var v = value.Trim();
        if (required && v.Length == 0)
        {
            throw new RegisterRuleException(field, RegisterMessages.Required.With(field));
        }
        // DOMAIN §2: a name or an address part is one line of at most 100 characters, no control characters.
        return Core.Text.FieldLimits.Check(field, v, Core.Text.FieldLimits.RegisterText) is { } problem
            ? throw new RegisterRuleException(field, problem.Text)
            : v;
    }

    private static string Kana(string? value, string current, string field)
    {
        if (value is null)
        {
            return current;
        }
        var kana = ResidentSearch.NormalizeKana(value);
        return kana.Length == 0 || ResidentSearch.IsKana(kana)
            ? kana
            : throw new RegisterRuleException(field, RegisterMessages.Katakana.With(field));
    }
}
