using Microsoft.EntityFrameworkCore;

namespace Myna.National.NationalApi;

/// <summary>
/// A state-changing call to the national API, kept by its idempotency key (ARCHITECTURE principle 3): who made it, what it
/// was (operation and a hash of its body) and the answer given, so a repeat gets that answer without acting again. An answer
/// that carries individual numbers is not kept (no number in clear at rest, DOMAIN §12): those operations are idempotent by
/// contract and are answered again by asking the contract.
/// </summary>
public sealed class NationalApiCall
{
    public Guid IdempotencyKey { get; set; }
    public required string MunicipalityCode { get; set; }
    public required string Operation { get; set; }
    public required byte[] Fingerprint { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? Status { get; set; }
    public string? Answer { get; set; }
}

internal static class NationalApiCallModel
{
    public static void Configure(ModelBuilder b) => b.Entity<NationalApiCall>(e =>
    {
        e.ToTable("national_api_calls");
        e.HasKey(x => x.IdempotencyKey);
        e.Property(x => x.IdempotencyKey).HasConversion(g => g.ToString("D"), s => Guid.Parse(s));
    });
}
