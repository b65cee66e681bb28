using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Production;
using Myna.National.Jpki;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Production;

/// <summary>
/// The in-process national side of <see cref="ICardProduction"/>: it opens only the national store.
/// The number travels sealed under the chip key (AES-256-GCM, bound to the application ID) and is
/// erased once the card is made (DOMAIN §12).
/// </summary>
public sealed class NationalProductionQueue(NationalStore stores, byte[] sealKey, CertificateStatusService status, AuditLog audit, TimeProvider time)
    : ICardProduction
{
    public async Task EnqueueAsync(ProductionRequest request, Guid messageId, CancellationToken ct = default)
    {
        var r = request;
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        // Each message once (ARCHITECTURE principle 3), and each application once whatever the message.
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, "application.production", null, time, ct))
        {
            return;
        }
        await using var insert = Sql.Command(db, """
            INSERT INTO production_requests (municipality_code, application_id, resident_code, number_sealed, family_name, given_name, family_name_kana,
                given_name_kana, name_alt_flags, birth_date, sex, address, address_alt_flags, stay_until, signature_certificate, user_certificate, braille,
                photo, queued_at, state, updated_at)
            VALUES (@m, @a, @rc, @n, @fn, @gn, @fk, @gk, @naf, @b, @s, @ad, @aaf, @st, @sc, @uc, @br, @p, @at, 0, @at)
            ON CONFLICT (application_id) DO NOTHING
            """, "@m", "@a", "@rc", "@n", "@fn", "@gn", "@fk", "@gk", "@naf", "@b", "@s", "@ad", "@aaf", "@st", "@sc", "@uc", "@br", "@p", "@at");
        object?[] values = [r.MunicipalityCode, r.ApplicationId, r.ResidentCode.Value, Seal(r.Number.Value, r.ApplicationId), r.FamilyName, r.GivenName,
            r.FamilyNameKana, r.GivenNameKana, r.NameAltFlags, r.BirthDate, r.Sex, r.Address, r.AddressAltFlags, r.StayUntil, r.SignatureCertificate,
            r.UserCertificate, r.Braille, r.Photo, time.GetUtcNow()];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Set(i, values[i]);
        }
        await insert.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task RequestRemakeAsync(MunicipalityCode municipality, string serial, string reason, string actor, Guid messageId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ProductionException(ProductionRuleMessages.SayWhy);
        }
        await using var db = stores.OpenNational();
        var card = await db.ProducedCards.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == serial && c.MunicipalityCode == municipality.Value, ct)
            ?? throw new ProductionException(ProductionRuleMessages.NoSuchCard.With(serial, municipality.Value));
        if (card.State == ProducedCardState.Voided && IsRemake(card.VoidReason) || (await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct)).Seen)
        {
            return; // delivered again after an interruption: already done
        }
        if (card.State is not (ProducedCardState.Listed or ProducedCardState.Made))
        {
            throw new ProductionException(ProductionRuleMessages.CannotRemake.With(serial, card.State switch
            {
                ProducedCardState.Making => ProductionRuleMessages.Making,
                ProducedCardState.Voided => ProductionRuleMessages.Voided,
                _ => ProductionRuleMessages.Abolished,
            }));
        }
        await VoidAsync(db, card.Serial, RemakePrefix + reason.Trim(), actor, requeue: true, ct, messageId);
    }

    private const string RemakePrefix = "再作成: ";

    /// <summary>Whether a card was voided to be remade (stores written before the reasons were Japanese say "remake: ").</summary>
    private static bool IsRemake(string? voidReason) =>
        voidReason is not null && (voidReason.StartsWith(RemakePrefix, StringComparison.Ordinal) || voidReason.StartsWith("remake", StringComparison.Ordinal));

    /// <summary>
    /// Voids a card (its certificates revoked, the card unusable) and, for a remake, queues its request
    /// again; the number is recovered from the voided chip, so the new card carries the same data.
    /// </summary>
    internal async Task VoidAsync(NationalDb db, string serial, string reason, string actor, bool requeue, CancellationToken ct, Guid? messageId = null)
    {
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.CardSerial == serial && c.Status != CertificateStatus.Revoked).Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        foreach (var c in certificates)
        {
            await status.RevokeAsync(db, (Pki.Authorities.CaKind)c.Ca, c.Serial, RevocationReason.CessationOfOperation, actor, reason, ct);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var card = await db.ProducedCards.FirstAsync(c => c.Serial == serial, ct);
        var request = await db.ProductionRequests.FirstAsync(r => r.Id == card.RequestId, ct);
        card.State = ProducedCardState.Voided;
        card.VoidReason = reason;
        card.UpdatedAt = time.GetUtcNow();
        if (requeue)
        {
            if (request.NumberSealed is null)
            {
                var chip = await db.CardChips.AsNoTracking().FirstAsync(c => c.Serial == serial, ct);
                var old = Pki.Card.ChipImage.Open(chip.Image, chip.Serial, sealKey);
                request.NumberSealed = Seal(Pki.Card.ChipLayout.ReadNumber(old), request.ApplicationId);
            }
            request.State = ProductionState.Queued;
            request.Problem = null;
            request.UpdatedAt = card.UpdatedAt;
        }
        await db.SaveChangesAsync(ct);
        if (messageId is { } id)
        {
            await Storage.Outbox.Inbox.RecordAsync(db, id, "card.remake", null, time, ct);
        }
        await audit.AppendAsync(db, actor, AuditActions.CardVoided, "card:" + serial, detail: reason, ct: ct);
        await tx.CommitAsync(ct);
    }

    internal byte[] Seal(string number, string applicationId) => Sealing.Seal(sealKey, Encoding.ASCII.GetBytes(number), Bound(applicationId));

    internal string Open(byte[] sealedBytes, string applicationId) => Encoding.ASCII.GetString(Sealing.Open(sealKey, sealedBytes, Bound(applicationId)));

    private static byte[] Bound(string applicationId) => Encoding.ASCII.GetBytes("production:" + applicationId);
}

/// <summary>A production request that cannot be served, with the reason.</summary>
public sealed class ProductionException(Core.Text.Messages.Message text) : Core.Contracts.ContractRefusedException(Core.Contracts.ContractRefusals.ProductionRefused, text);
