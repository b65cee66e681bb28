namespace Myna.Core.SupportMeasures;

/// <summary>
/// A request that cannot be decided as given: the window must complete it first. Carries every
/// broken rule; <see cref="Field"/> and <see cref="Code"/> are the first one's, so a caller that
/// shows one message shows the first.
/// </summary>
public sealed class CertificateRequestException(IReadOnlyList<CertificateRequestProblem> problems)
    : ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<CertificateRequestProblem> Problems { get; } = problems;

    public string Field => Problems[0].Field;

    /// <summary>The stable code of the first problem, prefixed for the API (<c>certificate-request.…</c>).</summary>
    public string Code => "certificate-request." + Problems[0].Code;
}
