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
    /// retired and is never issued again. Idempotent per message ID: the same message delivered
    /// again returns the number it gave the first time, never a further generation.
    /// </summary>
    Task<IndividualNumber> ChangeAsync(MunicipalityCode municipality, ResidentCode code, Guid messageId, CancellationToken ct = default);

    /// <summary>
    /// The resident moved in at <paramref name="destination"/> (転入, DOMAIN §8.6): the code now belongs to
    /// the destination, which may number it or change its number. Idempotent per message ID.
    /// </summary>
    Task MovedAsync(MunicipalityCode origin, MunicipalityCode destination, ResidentCode code, Guid messageId, CancellationToken ct = default);
}

/// <summary>
/// The national side refuses a numbering request (a contract refusal, ARCHITECTURE principle 2): a stable
/// <see cref="ContractRefusedException.Code"/> and a message that may name the resident code, never a number.
/// </summary>
public sealed class NumberingRefusedException(string code, string message) : ContractRefusedException(code, message)
{
    /// <summary>A resident code is nationally unique (DOMAIN §1.2): it was numbered for another municipality.</summary>
    public const string CodeOfAnotherMunicipality = ContractRefusals.NumberingPrefix + "resident-code-of-another-municipality";

    public static NumberingRefusedException OfAnotherMunicipality(ResidentCode resident) => new(CodeOfAnotherMunicipality,
        $"resident code {resident.Value} is already numbered for another municipality; a resident code is nationally unique (DOMAIN §1.2)");
}
