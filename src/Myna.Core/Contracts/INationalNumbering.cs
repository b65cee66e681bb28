using Myna.Core.Identifiers;

namespace Myna.Core.Contracts;

/// <summary>
/// The national side's number generation (DOMAIN §1.3): the municipality sends resident codes
/// and receives individual numbers. The conversion key never leaves the national side, and the
/// national side keeps no personal data beyond keyed hashes of codes and numbers (§0.3).
/// </summary>
public interface INationalNumbering
{
    /// <summary>
    /// Returns one number per resident code, in order. Idempotent: asking again for a code that
    /// already has a number returns that same number, so a municipal batch that crashed after
    /// this call can simply ask again. Never returns a number already held by another code.
    /// </summary>
    Task<IReadOnlyList<IndividualNumber>> AssignAsync(MunicipalityCode municipality, IReadOnlyList<ResidentCode> codes, CancellationToken ct = default);

    /// <summary>
    /// Derives a new number for a code whose number has leaked (番号変更): a different tweak,
    /// retried until the result collides with no number ever issued. The old number is kept as
    /// retired and is never issued again. Refuses a code that has no number yet.
    /// </summary>
    Task<IndividualNumber> ChangeAsync(MunicipalityCode municipality, ResidentCode code, CancellationToken ct = default);
}
