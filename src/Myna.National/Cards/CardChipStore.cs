using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Profiles;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Cards;

/// <summary>A card's chip as the national side keeps it: the sealed image (DOMAIN §7.3), never readable without the chip key.</summary>
public sealed class CardChip
{
    public required string Serial { get; set; }
    public required string MunicipalityCode { get; set; }
    /// <summary>HMAC of the holder's resident code, as on the certificates.</summary>
    public required byte[] HolderHash { get; set; }
    public required byte[] Image { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A request about a card that cannot be served, with the reason (the contract's <see cref="ContractRefusals.CardRefused"/>).</summary>
public sealed class CardException : ContractRefusedException
{
    public CardException(string message) : base(ContractRefusals.CardRefused, message)
    {
    }

    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public CardException(Core.Text.Messages.Message text) : base(ContractRefusals.CardRefused, text)
    {
    }
}

/// <summary>No card with this serial belongs to the municipality asking (the contract's <see cref="ContractRefusals.CardNotFound"/>).</summary>
public sealed class CardNotFoundException(Core.Text.Messages.Message text) : ContractRefusedException(ContractRefusals.CardNotFound, text, notFound: true);

/// <summary>
/// Virtual cards (DOMAIN §7.3, §7.7): made with their key pairs generated on the chip, given
/// certificates from the certificate service (the request is built and signed on the chip),
/// their PINs set under the §6.6 policy, and kept as sealed images so a card survives restarts.
/// </summary>
public sealed class CardChipStore(byte[] chipKey, CertificateIssuance issuance, Func<CaKind, CertificateAuthority> authorities, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Makes a card: the chip is laid out and stored first (so nothing certified is ever without its
    /// card), then the certificates are issued for its keys and written to it.
    /// </summary>
    public async Task<string> CreateAsync(NationalDb db, ChipHolder chip, Holder holder, FourInformation info, bool signatureCertificate, string actor,
        string? serial = null, CancellationToken ct = default)
    {
        serial ??= NewSerial();
        holder = holder with { CardSerial = serial };
        var card = ChipLayout.NewCard(chip);
        var now = time.GetUtcNow();
        db.CardChips.Add(new CardChip
        {
            Serial = serial, MunicipalityCode = holder.Municipality.Value, HolderHash = issuance.HolderHash(holder.Municipality, holder.ResidentCode),
            Image = ChipImage.Seal(card, serial, chipKey), CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardCreated, "card:" + serial, detail: $"municipality={holder.Municipality.Value}", ct: ct);

        foreach (var kind in signatureCertificate ? new[] { CaKind.UserAuthentication, CaKind.Signature } : [CaKind.UserAuthentication])
        {
            var key = kind == CaKind.Signature ? CardFiles.SignatureKey : CardFiles.UserKey;
            var (_, certificate) = await issuance.IssueAsync(db, kind, ChipLayout.CertificateRequest(card, key), holder,
                kind == CaKind.Signature ? info : null, actor, ct);
            using (certificate)
            {
                ChipLayout.WriteCertificates(card, kind == CaKind.Signature, certificate.RawData, authorities(kind).Certificate.RawData);
            }
        }
        if (!signatureCertificate)
        {
            // DOMAIN §7.7: every card carries the signature CA's certificate, with or without a signature certificate.
            ChipLayout.WriteAuthority(card, signature: true, authorities(CaKind.Signature).Certificate.RawData);
        }
        await SaveAsync(db, serial, card, ct);
        return serial;
    }

    /// <summary>The call centre's lookup key of a card (DOMAIN §8.3): see <see cref="CertificateIssuance.IdentityHash"/>.</summary>
    public byte[] IdentityHash(string name, DateOnly birthDate) => issuance.IdentityHash(name, birthDate);

    /// <summary>A card serial: 16 hexadecimal digits from the platform's random generator.</summary>
    public static string NewSerial() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    public async Task<VirtualCard> LoadAsync(NationalDb db, string serial, CancellationToken ct = default)
    {
        var wanted = serial.Trim().ToUpperInvariant();
        var row = await db.CardChips.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == wanted, ct)
            ?? throw new CardException($"no card with serial {serial}");
        return ChipImage.Open(row.Image, row.Serial, chipKey);
    }

    /// <summary>Writes the chip's persistent memory back (try counters, PINs, certificates).</summary>
    public async Task SaveAsync(NationalDb db, string serial, VirtualCard card, CancellationToken ct = default)
    {
        var row = await db.CardChips.FirstOrDefaultAsync(c => c.Serial == serial, ct) ?? throw new CardException($"no card with serial {serial}");
        row.Image = ChipImage.Seal(card, serial, chipKey);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.Entry(row).State = EntityState.Detached;
    }

    /// <summary>
    /// Sets the PINs chosen by the resident (DOMAIN §6.6): the 4-digit PIN for the user certificate,
    /// the input-assist AP and the resident-register AP (the three may be one value), and the signature PIN when
    /// the card has a signature certificate. Each is checked first; nothing is written when one fails.
    /// The PINs themselves are never logged.
    /// </summary>
    public Task SetPinsAsync(NationalDb db, string serial, string fourDigitPin, string? signaturePin, DateOnly birthDate, string securityCode,
        string actor, CancellationToken ct = default) =>
        SetPinsAsync(db, serial, FourDigitPins.Same(fourDigitPin), signaturePin, birthDate, securityCode, actor, ct);

    /// <summary>As above, with the three 4-digit PINs each to its own value (§6.6 allows one value or three).</summary>
    public async Task SetPinsAsync(NationalDb db, string serial, FourDigitPins fourDigitPins, string? signaturePin, DateOnly birthDate, string securityCode,
        string actor, CancellationToken ct = default)
    {
        var card = await LoadAsync(db, serial, ct);
        var hasSignature = card.Application(CardApplications.Jpki).Keys.ContainsKey(CardFiles.SignatureKey)
            && card.Application(CardApplications.Jpki).Binaries.ContainsKey(CardFiles.SignatureCertificate);
        var (user, signature) = CheckPins(fourDigitPins.User, signaturePin, hasSignature, birthDate, securityCode);
        var inputAssist = Require(PinKind.InputAssist, fourDigitPins.InputAssist, birthDate, securityCode, "input-assist PIN");
        var residentRegister = Require(PinKind.ResidentRegister, fourDigitPins.ResidentRegister, birthDate, securityCode, "resident-register PIN");
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.UserPin, user, PinPolicy.MaxTries(PinKind.UserAuthentication));
        ChipLayout.SetPin(card, CardApplications.InputAssist, CardFiles.InputAssistPin, inputAssist, PinPolicy.MaxTries(PinKind.InputAssist));
        ChipLayout.SetPin(card, CardApplications.ResidentRegister, CardFiles.ResidentRegisterPin, residentRegister, PinPolicy.MaxTries(PinKind.ResidentRegister));
        if (signature is not null)
        {
            ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.SignaturePin, signature, PinPolicy.MaxTries(PinKind.Signature));
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await SaveAsync(db, serial, card, ct);
        await audit.AppendAsync(db, actor, AuditActions.CardPinsSet, "card:" + serial, detail: signature is null ? "user, input-assist, resident-register" : "user, input-assist, resident-register, signature", ct: ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The PINs a resident chose, checked under the §6.6 policy (the signature PIN only when the card
    /// will have a signature certificate): as the chip stores them, or the refusal with its reason.
    /// Callers check before making anything, so a refused PIN leaves nothing half-made.
    /// </summary>
    public static (string FourDigit, string? Signature) CheckPins(string fourDigitPin, string? signaturePin, bool withSignature, DateOnly birthDate,
        string securityCode) =>
        (Require(PinKind.UserAuthentication, fourDigitPin, birthDate, securityCode, "4-digit PIN"),
         withSignature ? Require(PinKind.Signature, signaturePin, birthDate, securityCode, "signature PIN") : null);

    private static string Require(PinKind kind, string? value, DateOnly birthDate, string securityCode, string label)
    {
        var (pin, refusal) = PinPolicy.Check(kind, value, birthDate, securityCode);
        return pin ?? throw new CardException($"{label}: {refusal!.English}");
    }

    /// <summary>
    /// After a PIN check in a reader: the chip's try counters are saved, and a failed check or a lock
    /// is recorded (the status word, never the PIN) — PIN events are part of the card's history.
    /// </summary>
    public async Task RecordVerifyAsync(NationalDb db, string serial, VirtualCard card, ushort status, string actor, CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await SaveAsync(db, serial, card, ct);
        // A VERIFY against a PIN EF that holds no PIN (69 84) checked nothing and counted no try: not an event.
        if (status is not (StatusWords.Ok or StatusWords.ReferenceDataNotUsable))
        {
            await audit.AppendAsync(db, actor, status == StatusWords.PinBlocked ? AuditActions.CardPinLocked : AuditActions.CardPinFailed, "card:" + serial,
                detail: status.ToString("X4", System.Globalization.CultureInfo.InvariantCulture), ct: ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Where each PIN lives on the chip.</summary>
    public static (byte[] Aid, ushort File) PinLocation(PinKind kind) => kind switch
    {
        PinKind.Signature => (CardApplications.Jpki, CardFiles.SignaturePin),
        PinKind.UserAuthentication => (CardApplications.Jpki, CardFiles.UserPin),
        PinKind.ResidentRegister => (CardApplications.ResidentRegister, CardFiles.ResidentRegisterPin),
        _ => (CardApplications.InputAssist, CardFiles.InputAssistPin),
    };

    /// <summary>
    /// The holder changes a PIN: the current one is checked on the chip first (a wrong one counts a
    /// try, as on the card); the new one must pass the §6.6 policy.
    /// </summary>
    public async Task ChangePinAsync(NationalDb db, string serial, PinKind kind, string current, string replacement, DateOnly birthDate, string securityCode,
        string actor, CancellationToken ct = default)
    {
        var card = await LoadAsync(db, serial, ct);
        var (aid, file) = PinLocation(kind);
        var reader = new ChipReader(card);
        reader.Select(aid);
        var accepted = reader.Verify(file, kind == PinKind.Signature ? current.Trim().ToUpperInvariant() : current.Trim());
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!accepted)
        {
            await SaveAsync(db, serial, card, ct); // the failed try is the chip's memory
            await audit.AppendAsync(db, actor, AuditActions.CardPinChangeRefused, "card:" + serial, detail: $"{kind}: current PIN wrong ({reader.LastStatus:X4})", ct: ct);
            await tx.CommitAsync(ct);
            throw new CardException(reader.LastStatus switch
            {
                StatusWords.PinBlocked => "the PIN is locked: it can be reset at the municipality's window after identity verification",
                StatusWords.ReferenceDataNotUsable => $"this card has no {kind} PIN (e.g. no signature certificate)",
                _ => $"the current PIN is wrong ({reader.TriesLeft(file)} tries left)",
            });
        }
        ChipLayout.SetPin(card, aid, file, Require(kind, replacement, birthDate, securityCode, "new PIN"), PinPolicy.MaxTries(kind));
        await SaveAsync(db, serial, card, ct);
        await audit.AppendAsync(db, actor, AuditActions.CardPinChanged, "card:" + serial, detail: kind.ToString(), ct: ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The municipality resets a (locked) PIN after verifying the holder's identity (DOMAIN §6.6): the new
    /// PIN passes the policy and gets the full try count. <paramref name="verification"/> says how
    /// identity was verified; it is audited, the PIN never is.
    /// </summary>
    public async Task ResetPinAsync(NationalDb db, string serial, PinKind kind, string replacement, DateOnly birthDate, string securityCode,
        string verification, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(verification))
        {
            throw new CardException("record how the holder's identity was verified before resetting a PIN");
        }
        var pin = Require(kind, replacement, birthDate, securityCode, "new PIN");
        var card = await LoadAsync(db, serial, ct);
        var (aid, file) = PinLocation(kind);
        // A signature certificate renewed onto a card that had none has its key and certificate but no PIN yet.
        var keyNeedsPin = kind == PinKind.Signature && ChipLayout.HasCertificate(card, signature: true);
        if (!ChipLayout.PinIsSet(card, aid, file) && !keyNeedsPin)
        {
            throw new CardException($"this card has no {kind} PIN (e.g. no signature certificate)");
        }
        ChipLayout.SetPin(card, aid, file, pin, PinPolicy.MaxTries(kind));
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await SaveAsync(db, serial, card, ct);
        await audit.AppendAsync(db, actor, AuditActions.CardPinReset, "card:" + serial, detail: $"{kind}; identity verified: {verification.Trim()}", ct: ct);
        await tx.CommitAsync(ct);
    }
}
