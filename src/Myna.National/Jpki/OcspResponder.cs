using System.Collections.Concurrent;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;

namespace Myna.National.Jpki;

/// <summary>
/// The OCSP responder of each CA (RFC 6960; DOMAIN §7.4, §7.5). Every answer reads the status
/// from the national store, so a change is visible at once ([project] rule of §7.4). Signing is
/// the expensive part: an answer about one certificate without a nonce is signed once and reused
/// for as long as the certificate's status is unchanged and the answer is younger than
/// <see cref="ReuseFor"/>; a request with a nonce is signed for that request alone (the nonce is
/// echoed). A certificate that was numbered but never signed (a pending record) is "revoked",
/// certificateHold, 1970-01-01, with the extended-revoke extension (RFC 6960 §2.2, §4.4.8). A
/// request naming a certificate of another issuer is refused as a whole with "unauthorized".
/// </summary>
public sealed class OcspResponder(NationalStore stores, Func<CaKind, CertificateAuthority> authorities, TimeProvider time)
{
    /// <summary>How long a signed answer is reused while nothing changes.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(5);
    /// <summary>nextUpdate: how long a client may rely on an answer. Short, because a suspension (§8.3) must reach clients quickly.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);
    private const int CacheLimit = 200_000;
    private static readonly DateTimeOffset NeverIssued = DateTimeOffset.UnixEpoch;

    private sealed record Snapshot(CertificateStatus Status, DateTimeOffset? StatusAt, RevocationReason? Reason);

    private sealed record Signed(Snapshot? Snapshot, DateTimeOffset ProducedAt, byte[] Der);

    private readonly ConcurrentDictionary<(CaKind, string), Signed> cache = new();

    /// <summary>
    /// The status read with a plain command: a context per request costs several times the query
    /// on this path. Column types as the migrations create them (SQLite keeps times as text).
    /// </summary>
    private static async Task<Snapshot?> StatusAsync(System.Data.Common.DbConnection connection, int ca, string serial, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, status_at, reason FROM certificates WHERE serial = @serial AND ca = @ca";
        var p1 = command.CreateParameter();
        p1.ParameterName = "@serial";
        p1.Value = serial;
        command.Parameters.Add(p1);
        var p2 = command.CreateParameter();
        p2.ParameterName = "@ca";
        p2.Value = ca;
        command.Parameters.Add(p2);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        DateTimeOffset? at = reader.IsDBNull(1) ? null
            : reader.GetValue(1) switch
            {
                string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
                DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                DateTimeOffset value => value,
                var other => throw new InvalidDataException($"unexpected status_at type {other.GetType()}"),
            };
        return new Snapshot((CertificateStatus)Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), at,
            reader.IsDBNull(2) ? null : (RevocationReason)Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Answers a DER OCSPRequest for <paramref name="kind"/>'s certificates with a DER OCSPResponse.</summary>
    public async Task<byte[]> RespondAsync(CaKind kind, ReadOnlyMemory<byte> requestDer, CancellationToken ct = default)
    {
        OcspRequest request;
        try
        {
            request = OcspRequest.Parse(requestDer);
        }
        catch (OcspFormatException)
        {
            return OcspResponses.Error(OcspResponseStatus.MalformedRequest);
        }
        CertificateAuthority ca;
        try
        {
            ca = authorities(kind);
        }
        catch (InvalidOperationException)
        {
            return OcspResponses.Error(OcspResponseStatus.TryLater); // the CA has not been created yet
        }

        // RFC 5019 §2.2.3, RFC 6960 §2.3: this responder speaks only for its own CA. A certificate of
        // the other CA (or of an issuer nobody here knows) gets "unauthorized", unsigned, rather than
        // "unknown" signed by a responder that client has no reason to trust.
        if (!request.Certificates.All(id => id.IsIssuedBy(ca.Certificate)))
        {
            return OcspResponses.Error(OcspResponseStatus.Unauthorized);
        }
        var snapshots = new Snapshot?[request.Certificates.Count];
        await using (var connection = stores.NationalConnection())
        {
            await connection.OpenAsync(ct);
            for (var i = 0; i < snapshots.Length; i++)
            {
                snapshots[i] = await StatusAsync(connection, (int)kind, request.Certificates[i].SerialHex, ct);
            }
        }
        var now = time.GetUtcNow();
        if (request.Nonce is null && request.Certificates.Count == 1)
        {
            var key = (kind, Convert.ToBase64String(request.Certificates[0].Encoded));
            if (cache.TryGetValue(key, out var hit) && hit.Snapshot == snapshots[0] && now - hit.ProducedAt < ReuseFor)
            {
                return hit.Der;
            }
            var der = Sign(ca, request, snapshots, now);
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }
            cache[key] = new Signed(snapshots[0], now, der);
            return der;
        }
        return Sign(ca, request, snapshots, now);
    }

    private static byte[] Sign(CertificateAuthority ca, OcspRequest request, Snapshot?[] snapshots, DateTimeOffset now)
    {
        var singles = new List<OcspSingleResponse>(snapshots.Length);
        var extendedRevoke = false;
        for (var i = 0; i < snapshots.Length; i++)
        {
            var id = request.Certificates[i];
            var single = snapshots[i] switch
            {
                null => new OcspSingleResponse(id, OcspCertStatus.Unknown, null, null, now, now + Validity),
                { Status: CertificateStatus.Good } => new OcspSingleResponse(id, OcspCertStatus.Good, null, null, now, now + Validity),
                { Status: CertificateStatus.Pending } => new OcspSingleResponse(id, OcspCertStatus.Revoked, NeverIssued,
                    (int)RevocationReason.CertificateHold, now, now + Validity),
                { Status: CertificateStatus.Suspended } s => new OcspSingleResponse(id, OcspCertStatus.Revoked, s.StatusAt ?? now,
                    (int)RevocationReason.CertificateHold, now, now + Validity),
                var s => new OcspSingleResponse(id, OcspCertStatus.Revoked, s.StatusAt ?? now,
                    s.Reason is { } r and not RevocationReason.Unspecified ? (int)r : null, now, now + Validity),
            };
            extendedRevoke |= snapshots[i]?.Status == CertificateStatus.Pending;
            singles.Add(single);
        }
        // The signer in use, renewed first when its certificate nears its end (OcspSigners.RenewBefore).
        var signer = ca.OcspSignerAt(now);
        return OcspResponses.Build(signer.Certificate, signer.Key, now, singles, request.Nonce, extendedRevoke);
    }
}
