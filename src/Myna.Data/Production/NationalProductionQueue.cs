using Myna.Core.Contracts;

namespace Myna.Data.Production;

/// <summary>A queued card production request in the national store (DOMAIN §5).</summary>
public sealed class ProductionRequestRow
{
    public long Id { get; set; }
    public required string MunicipalityCode { get; set; }
    public required string ApplicationId { get; set; }
    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyNameKana { get; set; }
    public required string GivenNameKana { get; set; }
    public DateOnly BirthDate { get; set; }
    public int Sex { get; set; }
    public required string Address { get; set; }
    public bool SignatureCertificate { get; set; }
    public bool UserCertificate { get; set; }
    public bool Braille { get; set; }
    public required byte[] Photo { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
}

/// <summary>The in-process national side of <see cref="ICardProduction"/>: it opens only the national store.</summary>
public sealed class NationalProductionQueue(Stores.Stores stores, TimeProvider time) : ICardProduction
{
    public async Task EnqueueAsync(ProductionRequest request, CancellationToken ct = default)
    {
        var r = request;
        await using var db = stores.OpenNational();
        await Sql.OpenAsync(db, ct);
        await using var insert = Sql.Command(db, """
            INSERT INTO production_requests (municipality_code, application_id, family_name, given_name, family_name_kana, given_name_kana,
                birth_date, sex, address, signature_certificate, user_certificate, braille, photo, queued_at)
            VALUES (@m, @a, @fn, @gn, @fk, @gk, @b, @s, @ad, @sc, @uc, @br, @p, @at)
            ON CONFLICT (application_id) DO NOTHING
            """, "@m", "@a", "@fn", "@gn", "@fk", "@gk", "@b", "@s", "@ad", "@sc", "@uc", "@br", "@p", "@at");
        object[] values = [r.MunicipalityCode, r.ApplicationId, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana, r.BirthDate, r.Sex,
            r.Address, r.SignatureCertificate, r.UserCertificate, r.Braille, r.Photo, time.GetUtcNow()];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Set(i, values[i]);
        }
        await insert.ExecuteNonQueryAsync(ct);
    }
}
