namespace Myna.Core.Notices;

/// <summary>A registration window (DOMAIN §3.2: initial rollout 1–30 September; configurable).</summary>
public sealed record RegistrationWindow(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>A rule of DOMAIN §3.2 that a registration breaks, with the field it concerns and the catalogue message (<see cref="Message"/>: its English).</summary>
public sealed record ResidenceProblem(string Field, Myna.Core.Text.Messages.Message Text)
{
    public string Message => Text.En;
}

/// <summary>The checks of DOMAIN §3.2 on a residence registration before it is stored.</summary>
public static class ResidenceRules
{
    public static IReadOnlyList<ResidenceProblem> Check(ResidenceRegistration r, RegistrationWindow? window)
    {
        var problems = new List<ResidenceProblem>();
        void Need(bool ok, string field, Myna.Core.Text.Messages.Message message)
        {
            if (!ok)
            {
                problems.Add(new ResidenceProblem(field, message));
            }
        }
        if (window is not null)
        {
            Need(window.Contains(r.ReceivedOn), nameof(r.ReceivedOn),
                ResidenceMessages.OutsideWindow.With(r.ReceivedOn, window.From, window.To));
        }
        Need(!string.IsNullOrWhiteSpace(r.Address), nameof(r.Address), ResidenceMessages.AddressRequired);
        Need(r.PostalCode is null || Residents.PostalCode.Normalize(r.PostalCode) is not null, nameof(r.PostalCode), ResidenceMessages.PostalCode);
        Need(r.Reason != ResidenceReason.Other || !string.IsNullOrWhiteSpace(r.ReasonDetail), nameof(r.ReasonDetail),
            ResidenceMessages.ReasonDetail);
        Need(r.IdDocumentChecked, nameof(r.IdDocumentChecked), ResidenceMessages.IdDocument);
        // §3.2 [seed 000: DV 2(2), 入院・入所 3(2)]: holding at the office is the option of DV victims and of long-term
        // hospital or facility residents; evacuees and the "other" reasons receive at the residence or through a proxy.
        Need(r.Delivery != DeliveryKind.HeldAtOffice || MayBeHeldAtOffice(r.Reason), nameof(r.Delivery),
            ResidenceMessages.HeldAtOfficeNotAllowed);
        Need(r.Delivery != DeliveryKind.RegisteredAddress, nameof(r.Delivery), ResidenceMessages.NotRegisteredAddress);
        Need(r.Delivery == DeliveryKind.HeldAtOffice || r.DeliveryProofChecked, nameof(r.DeliveryProofChecked),
            ResidenceMessages.DeliveryProof);
        Need(!r.ConsentToShare || r.Reason == ResidenceReason.DisasterEvacuee, nameof(r.ConsentToShare),
            ResidenceMessages.ConsentEvacueesOnly);
        if (r.Delivery == DeliveryKind.Proxy)
        {
            Need(!string.IsNullOrWhiteSpace(r.ProxyName), nameof(r.ProxyName), ResidenceMessages.ProxyName);
            Need(!string.IsNullOrWhiteSpace(r.ProxyAddress), nameof(r.ProxyAddress), ResidenceMessages.ProxyAddress);
            Need(r.ProxyPostalCode is null || Residents.PostalCode.Normalize(r.ProxyPostalCode) is not null, nameof(r.ProxyPostalCode),
                ResidenceMessages.PostalCode);
            Need(r.ProxyAuthorityChecked, nameof(r.ProxyAuthorityChecked), ResidenceMessages.ProxyAuthority);
        }
        return problems;
    }

    /// <summary>Whether a registration for this reason may ask for the letter to be held at the office (留め置き, DOMAIN §3.2).</summary>
    public static bool MayBeHeldAtOffice(ResidenceReason reason) =>
        reason is ResidenceReason.AbuseVictim or ResidenceReason.HospitalOrFacility;
}
