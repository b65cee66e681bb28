using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Notices;

/// <summary>A residence registration that breaks rules of DOMAIN §3.2; every problem is listed with its field.</summary>
public sealed class ResidenceRulesException(IReadOnlyList<ResidenceProblem> problems)
    : InvalidOperationException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<ResidenceProblem> Problems { get; } = problems;
}

/// <summary>
/// 居所情報登録 (DOMAIN §3.2): records a residence, a re-registration (the old one is ended and
/// points to its successor), or the end of a registration. Nothing is edited or deleted; each
/// step is audited.
/// </summary>
public sealed class ResidenceRegistry(AuditLog audit, TimeProvider time)
{
    public async Task<ResidenceRegistration> RegisterAsync(MunicipalDb db, ResidenceRegistration registration, RegistrationWindow? window,
        string actor, CancellationToken ct = default)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registration.ResidentId, ct)
            ?? throw new RegisterRuleException("id", Core.Residents.RegisterMessages.NoSuchResident.With(registration.ResidentId));
        var problems = ResidenceRules.Check(registration, window).ToList();
        if (resident.Status != ResidentStatus.Active)
        {
            problems.Insert(0, new ResidenceProblem(nameof(registration.ResidentId), ResidenceMessages.NotInRegister));
        }
        if (problems.Count > 0)
        {
            throw new ResidenceRulesException(problems);
        }
        registration.Address = registration.Address.Trim();
        registration.PostalCode = registration.PostalCode is null ? null : PostalCode.Normalize(registration.PostalCode);
        registration.ProxyPostalCode = registration.ProxyPostalCode is null ? null : PostalCode.Normalize(registration.ProxyPostalCode);
        registration.RecordedAt = time.GetUtcNow();
        registration.RecordedBy = actor;
        if (registration.Delivery != DeliveryKind.Proxy)
        {
            (registration.ProxyName, registration.ProxyAddress, registration.ProxyPostalCode, registration.ProxyAuthorityChecked) = (null, null, null, false);
        }

        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var previous = await db.ResidenceRegistrations.FirstOrDefaultAsync(g => g.ResidentId == registration.ResidentId && g.EndedAt == null, ct);
        db.ResidenceRegistrations.Add(registration);
        await db.SaveChangesAsync(ct);
        if (previous is not null)
        {
            // 再登録: the changed residence replaces the old one, which stays as history.
            previous.EndedAt = registration.RecordedAt;
            previous.EndedReason = "re-registered";
            previous.SupersededById = registration.Id;
            await db.SaveChangesAsync(ct);
        }
        await audit.AppendAsync(db, actor, AuditActions.ResidenceRegistered, $"resident:{registration.ResidentId}",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"registration={registration.Id} reason={registration.Reason} delivery={registration.Delivery} replaces={previous?.Id}"), ct: ct);
        await tx.CommitAsync(ct);
        return registration;
    }

    /// <summary>Ends the current registration (the resident can receive at the registered address again).</summary>
    public async Task EndAsync(MunicipalDb db, long residentId, string reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ResidenceRulesException([new ResidenceProblem("reason", ResidenceMessages.EndReasonRequired)]);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var current = await db.ResidenceRegistrations.FirstOrDefaultAsync(g => g.ResidentId == residentId && g.EndedAt == null, ct)
            ?? throw new ResidenceRulesException([new ResidenceProblem("residentId", ResidenceMessages.NoCurrentRegistration)]);
        current.EndedAt = time.GetUtcNow();
        current.EndedReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.ResidenceEnded, $"resident:{residentId}",
            detail: string.Create(CultureInfo.InvariantCulture, $"registration={current.Id}"), ct: ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every registration of the resident, newest first.</summary>
    public static Task<List<ResidenceRegistration>> HistoryAsync(MunicipalDb db, long residentId, CancellationToken ct = default) =>
        db.ResidenceRegistrations.AsNoTracking().Where(g => g.ResidentId == residentId).OrderByDescending(g => g.Id).ToListAsync(ct);
}
