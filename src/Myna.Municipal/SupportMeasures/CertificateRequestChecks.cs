using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Storage.Audit;

namespace Myna.Municipal.SupportMeasures;

/// <summary>
/// The support-measure check as the window and the kiosk run it before anything prints (DOMAIN §9,
/// §10): loads the measures protecting the subjects, decides with <see cref="SupportMeasureCheck"/>,
/// and logs for the officer every decision about a protected person — a refusal as
/// <see cref="AuditActions.CertificateRequestRefused"/>, strict examination or delivery to the court as
/// <see cref="AuditActions.CertificateRequestChecked"/> — with who asked, for whom and the measure,
/// never an address. A request about nobody protected is not logged here (the certificate itself is).
/// </summary>
public sealed class CertificateRequestChecks(AuditLog audit, TimeProvider time)
{
    /// <summary>Decides and logs; throws <see cref="CertificateRequestException"/> for an incomplete request, logging nothing.</summary>
    public async Task<SupportMeasureDecision> CheckAsync(MunicipalDb db, CertificateRequest request, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Problems();
        if (problems.Count > 0)
        {
            throw new CertificateRequestException(problems);
        }
        var today = JapanClock.Today(time);
        var facts = await SupportMeasureFacts.ProtectingAsync(db, request.Subjects, today, ct);
        var decision = SupportMeasureCheck.Decide(request, facts, today);
        if (decision.MeasureReferences.Count > 0 && decision.Outcome != SupportMeasureOutcome.Allow)
        {
            var action = decision.Outcome == SupportMeasureOutcome.Refuse ? AuditActions.CertificateRequestRefused : AuditActions.CertificateRequestChecked;
            await audit.AppendAsync(db, actor, action, "support-measure:" + string.Join(",", decision.MeasureReferences),
                detail: await DetailAsync(db, request, decision, ct), ct: ct);
        }
        return decision;
    }

    /// <summary>Who asked and for whom, with the decision: names as given, resident ids of the subjects; no address, no number.</summary>
    private static async Task<string> DetailAsync(MunicipalDb db, CertificateRequest request, SupportMeasureDecision decision, CancellationToken ct)
    {
        var codes = decision.Subjects.Where(s => s.Outcome == decision.Outcome).Select(s => s.Subject.Value).ToList();
        var ids = await db.Residents.AsNoTracking().Where(r => codes.Contains(r.ResidentCode))
            .Select(r => new { r.ResidentCode, r.Id }).ToDictionaryAsync(r => r.ResidentCode, r => r.Id, StringComparer.Ordinal, ct);
        // A forwarded measure may protect someone not registered here yet: the code's last four digits name them.
        var whom = codes.Select(c => ids.TryGetValue(c, out var id) ? "resident:" + id.ToString(CultureInfo.InvariantCulture) : "resident-code:…" + c[^4..]);
        var r = request.Requester;
        var client = r.Client is null ? "" : $"; client: {r.Client.Name}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{decision.Outcome} ({decision.Reason.Key}); {request.Document} via {request.Channel}; requester: {r.Kind} {r.Identity.Name}{client}; for: {string.Join(",", whom)}");
    }
}
