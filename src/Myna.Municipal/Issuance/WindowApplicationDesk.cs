using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Issuance;

/// <summary>The PINs chosen at application, sealed under the municipality's data key and bound to the application.</summary>
internal static class PinSeal
{
    public static byte[] Seal(byte[] key, long applicationRowId, string fourDigit, string? signature)
    {
        var plain = Encoding.ASCII.GetBytes(fourDigit + "|" + (signature ?? ""));
        var sealedBytes = Sealing.Seal(key, plain, Bound(applicationRowId));
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    public static (string FourDigit, string? Signature) Open(byte[] key, long applicationRowId, byte[] sealedBytes)
    {
        var plain = Sealing.Open(key, sealedBytes, Bound(applicationRowId));
        var parts = Encoding.ASCII.GetString(plain).Split('|');
        CryptographicOperations.ZeroMemory(plain);
        return (parts[0], parts[1].Length > 0 ? parts[1] : null);
    }

    private static byte[] Bound(long applicationRowId) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"pins:{applicationRowId}"));
}

/// <summary>
/// 申請時来庁方式 (DOMAIN §4.1): the applicant comes to the window to apply; identity is verified
/// then with the §6.5 engine, the PINs are chosen on the desk's PIN pad (kept sealed until
/// pre-issuance setup writes them to the chip, then erased), and the card is later sent by
/// restricted-delivery mail (本人限定受取郵便) and tracked until delivered or returned. A returned
/// card, or PINs the chip refuses, fall back to the issuance notice and the window.
/// </summary>
public sealed class WindowApplicationDesk(byte[] sealKey, AuditLog audit, TimeProvider time)
{
    public async Task<VerificationResult> VerifyAsync(MunicipalDb db, long applicationRowId, VerificationCase verification, string caseJson, bool mailCard,
        string actor, CancellationToken ct = default)
    {
        var application = await OpenApplicationAsync(db, applicationRowId, ct);
        if (verification.ByProxy)
        {
            return new VerificationResult(false, null, [IdentityVerificationMessages.InPersonOnly]);
        }
        var result = IdentityVerification.Evaluate(verification);
        if (!result.Verified)
        {
            return result;
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        application.IdentityMethod = result.Method;
        application.IdentityCase = caseJson;
        application.IdentityVerifiedAt = time.GetUtcNow();
        application.MailCard = mailCard;
        application.UpdatedAt = application.IdentityVerifiedAt.Value;
        db.ApplicationEvents.Add(application.Note(application.UpdatedAt, actor,
            StoredMessage.Write((mailCard ? HistoryNotes.VisitVerifiedByMail : HistoryNotes.VisitVerified).With(result.Method))));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.ApplicationIdentityVerified, string.Create(CultureInfo.InvariantCulture, $"application:{application.Id}"),
            detail: $"method={result.Method} mail={mailCard}", ct: ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Opens the desk's PIN pad for this applicant (identity verified, card to be mailed).</summary>
    public async Task<PinRequest> RequestPinsAsync(MunicipalDb db, long applicationRowId, int desk, CancellationToken ct = default)
    {
        var application = await OpenApplicationAsync(db, applicationRowId, ct);
        if (application.IdentityVerifiedAt is null || !application.MailCard)
        {
            throw new CardSafeException(WindowMessages.VisitFirst);
        }
        var request = new PinRequest { CardApplicationId = applicationRowId, Desk = desk, RequestedAt = time.GetUtcNow() };
        db.PinRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>
    /// The pad sends the PINs chosen at application (each twice). They are checked now against every
    /// rule that needs no card (the security code is checked at setup) and sealed; never logged.
    /// </summary>
    public async Task<PinSetting> StorePinsAsync(MunicipalDb db, long pinRequestId, string fourDigit, string fourDigitAgain, string? signature,
        string? signatureAgain, CancellationToken ct = default)
    {
        var request = await db.PinRequests.FirstOrDefaultAsync(r => r.Id == pinRequestId && r.EnteredAt == null, ct)
            ?? throw new CardSafeException(WindowMessages.PinRequestNotWaiting);
        var application = await db.CardApplications.AsNoTracking().FirstAsync(a => a.Id == request.CardApplicationId, ct);
        var birth = await db.Residents.AsNoTracking().Where(r => r.Id == application.ResidentId).Select(r => r.BirthDate).FirstAsync(ct);
        var withSignature = application.WantsSignatureCertificate && !ApplicationRules.IsUnder15(birth, Core.Calendar.JapanClock.Today(time));
        if (fourDigit != fourDigitAgain || withSignature && signature?.Trim().ToUpperInvariant() != signatureAgain?.Trim().ToUpperInvariant())
        {
            return new PinSetting(false, withSignature, fourDigit != fourDigitAgain ? PinKind.UserAuthentication : PinKind.Signature,
                PinPolicy.Mismatch);
        }
        var (four, refusal) = PinPolicy.Check(PinKind.UserAuthentication, fourDigit, birth, null);
        if (refusal is not null)
        {
            return new PinSetting(false, withSignature, PinKind.UserAuthentication, refusal);
        }
        string? sig = null;
        if (withSignature)
        {
            (sig, refusal) = PinPolicy.Check(PinKind.Signature, signature, birth, null);
            if (refusal is not null)
            {
                return new PinSetting(false, withSignature, PinKind.Signature, refusal);
            }
        }
        request.Sealed = PinSeal.Seal(sealKey, application.Id, four!, sig);
        request.EnteredAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new PinSetting(true, withSignature);
    }

    private static async Task<CardApplication> OpenApplicationAsync(MunicipalDb db, long applicationRowId, CancellationToken ct)
    {
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationRowId, ct)
            ?? throw new CardSafeException(WindowMessages.NoSuchApplication);
        if (application.Channel != ApplicationChannel.Window)
        {
            throw new CardSafeException(WindowMessages.WindowApplicationsOnly);
        }
        return application.Status is ApplicationStatus.Superseded or ApplicationStatus.Cancelled or ApplicationStatus.CardIssued
            ? throw new CardSafeException(WindowMessages.ApplicationEnded.With(application.Status))
            : application;
    }
}
