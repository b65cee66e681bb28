using Myna.Core.Identifiers;

namespace Myna.Core.Contracts;

/// <summary>What happened to a holder, as far as the holder's certificates are concerned (DOMAIN §7.4).</summary>
public enum HolderChange
{
    /// <summary>Name, birth date, sex or address changed: the signature certificate is revoked, the user certificate stays.</summary>
    FourInformationChanged = 1,
    /// <summary>Death or deletion from the register: both certificates are revoked.</summary>
    LeftTheRegister = 2,
}

/// <summary>The municipality tells the national side about register events that affect certificates.</summary>
public interface ICertificateEvents
{
    /// <summary>Returns how many certificates were revoked.</summary>
    Task<int> HolderChangedAsync(MunicipalityCode municipality, ResidentCode code, HolderChange change, string note, CancellationToken ct = default);
}
