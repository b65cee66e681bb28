using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.National.Jpki;
using Myna.National.Production;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Storage.Audit;

namespace Myna.National.Cards;

/// <summary>The national side of <see cref="ICardService"/>: what a municipality may ask about the cards made for it.</summary>
public sealed class NationalCardService(NationalStore stores, CardChipStore chips, CertificateStatusService status, NationalProductionQueue production,
    AuditLog audit) : ICardService
{
    public async Task DestroyAsync(MunicipalityCode municipality, string serial, string reason, string actor, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var wanted = serial.Trim().ToUpperInvariant();
        var card = await db.ProducedCards.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == wanted && c.MunicipalityCode == municipality.Value, ct)
            ?? throw new CardNotFoundException(LifecycleMessages.NotOurCard.With(wanted, municipality.Value));
        if (card.State != ProducedCardState.Voided)
        {
            await production.VoidAsync(db, card.Serial, "廃棄: " + reason, actor, requeue: false, ct);
        }
    }

    public async Task<PinSetting> SetPinsAsync(MunicipalityCode municipality, string serial, FourDigitPins fourDigitPins, string? signaturePin, string actor,
        CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await CardOfAsync(db, municipality, serial, ct);
        var chip = await chips.LoadAsync(db, card.Serial, ct);
        var (_, _, birth, _) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
        var securityCode = ChipLayout.SecurityCode(chip);
        var withSignature = ChipLayout.HasCertificate(chip, signature: true);
        // §6.6: checked here, where the security code is known; the refusal says which PIN and why.
        foreach (var (kind, pin) in fourDigitPins.Each())
        {
            if (PinPolicy.Check(kind, pin, birth, securityCode).Refusal is { } refusal)
            {
                return new PinSetting(false, withSignature, kind, refusal);
            }
        }
        if (withSignature && PinPolicy.Check(PinKind.Signature, signaturePin, birth, securityCode).Refusal is { } signatureRefusal)
        {
            return new PinSetting(false, withSignature, PinKind.Signature, signatureRefusal);
        }
        await chips.SetPinsAsync(db, card.Serial, fourDigitPins, withSignature ? signaturePin : null, birth, securityCode, actor, ct);
        return new PinSetting(true, withSignature);
    }

    public async Task<CardFace> ReadFaceAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await CardOfAsync(db, municipality, serial, ct);
        var chip = await chips.LoadAsync(db, card.Serial, ct);
        var (name, address, birth, sex) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
        var good = await GoodCertificatesAsync(db, card.Serial, ct);
        return new CardFace(card.Serial, card.ApplicationId, name, address, birth, sex, card.Expiry,
            good.Any(c => c.Ca == (int)CaKind.Signature) && ChipLayout.HasCertificate(chip, signature: true), good.Any(c => c.Ca == (int)CaKind.UserAuthentication));
    }

    public async Task<CertificateSetup> ApplyCertificateWishesAsync(MunicipalityCode municipality, string serial, bool signature, bool user, string actor,
        CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await CardOfAsync(db, municipality, serial, ct);
        var good = await GoodCertificatesAsync(db, card.Serial, ct);
        string? destroyed = null, revoked = null;
        if (!signature)
        {
            var chip = await chips.LoadAsync(db, card.Serial, ct);
            foreach (var c in good.Where(c => c.Ca == (int)CaKind.Signature))
            {
                await status.RevokeAsync(db, CaKind.Signature, c.Serial, RevocationReason.CessationOfOperation, actor, "交付前設定で署名用電子証明書の発行を希望しないため破棄", ct);
                destroyed = c.Serial;
            }
            if (ChipLayout.HasCertificate(chip, signature: true) || destroyed is not null)
            {
                ChipLayout.DestroySignature(chip);
                await chips.SaveAsync(db, card.Serial, chip, ct);
            }
        }
        if (!user)
        {
            foreach (var c in good.Where(c => c.Ca == (int)CaKind.UserAuthentication))
            {
                await status.RevokeAsync(db, CaKind.UserAuthentication, c.Serial, RevocationReason.CessationOfOperation, actor, "交付前設定で利用者証明用電子証明書の発行を希望しないため失効", ct);
                revoked = c.Serial;
            }
        }
        var after = await GoodCertificatesAsync(db, card.Serial, ct);
        var result = new CertificateSetup(after.Any(c => c.Ca == (int)CaKind.Signature), after.Any(c => c.Ca == (int)CaKind.UserAuthentication), destroyed, revoked);
        await audit.AppendAsync(db, actor, AuditActions.CardCertificatesApplied, "card:" + card.Serial,
            detail: $"signature={(result.SignatureKept ? "kept" : "none")} user={(result.UserKept ? "kept" : "none")}", ct: ct);
        return result;
    }

    private static async Task<ProducedCard> CardOfAsync(NationalDb db, MunicipalityCode municipality, string serial, CancellationToken ct)
    {
        var wanted = serial.Trim().ToUpperInvariant();
        var card = await db.ProducedCards.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == wanted && c.MunicipalityCode == municipality.Value, ct)
            ?? throw new CardNotFoundException(LifecycleMessages.NotOurCard.With(wanted, municipality.Value));
        return card.State is ProducedCardState.Made or ProducedCardState.Listed
            ? card
            : throw new CardException($"card {wanted} is {card.State}: {card.VoidReason}");
    }

    private static Task<List<IssuedCertificate>> GoodCertificatesAsync(NationalDb db, string serial, CancellationToken ct) =>
        db.Certificates.AsNoTracking().Where(c => c.CardSerial == serial && c.Status != CertificateStatus.Revoked).ToListAsync(ct);
}
