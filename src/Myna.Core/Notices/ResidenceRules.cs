namespace Myna.Core.Notices;

/// <summary>A registration window (DOMAIN §3.2: initial rollout 1–30 September; configurable).</summary>
public sealed record RegistrationWindow(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>A rule of DOMAIN §3.2 that a registration breaks, with the field it concerns.</summary>
public sealed record ResidenceProblem(string Field, string Message);

/// <summary>The checks of DOMAIN §3.2 on a residence registration before it is stored.</summary>
public static class ResidenceRules
{
    public static IReadOnlyList<ResidenceProblem> Check(ResidenceRegistration r, RegistrationWindow? window)
    {
        var problems = new List<ResidenceProblem>();
        void Need(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add(new ResidenceProblem(field, message));
            }
        }
        if (window is not null)
        {
            Need(window.Contains(r.ReceivedOn), nameof(r.ReceivedOn),
                $"received {r.ReceivedOn:yyyy-MM-dd}, outside the registration window {window.From:yyyy-MM-dd} – {window.To:yyyy-MM-dd}");
        }
        Need(!string.IsNullOrWhiteSpace(r.Address), nameof(r.Address), "enter the residence address");
        Need(r.PostalCode is null || Residents.PostalCode.Normalize(r.PostalCode) is not null, nameof(r.PostalCode), "postal code " + Residents.PostalCode.Rule);
        Need(r.Reason != ResidenceReason.Other || !string.IsNullOrWhiteSpace(r.ReasonDetail), nameof(r.ReasonDetail),
            "describe the unavoidable reason");
        Need(r.IdDocumentChecked, nameof(r.IdDocumentChecked), "a copy of the resident's identity document is required");
        // §3.2 [seed 000: DV 2(2), 入院・入所 3(2)]: holding at the office is the option of DV victims and of long-term
        // hospital or facility residents; evacuees and the "other" reasons receive at the residence or through a proxy.
        Need(r.Delivery != DeliveryKind.HeldAtOffice || MayBeHeldAtOffice(r.Reason), nameof(r.Delivery),
            "holding at the office (留め置き) is only for victims of DV, stalking or abuse and for long-term hospital or facility residents; "
            + "register the residence or a proxy instead");
        Need(r.Delivery != DeliveryKind.RegisteredAddress, nameof(r.Delivery), "a residence registration delivers elsewhere than the registered address");
        Need(r.Delivery == DeliveryKind.HeldAtOffice || r.DeliveryProofChecked, nameof(r.DeliveryProofChecked),
            "proof of the delivery place is required");
        Need(!r.ConsentToShare || r.Reason == ResidenceReason.DisasterEvacuee, nameof(r.ConsentToShare),
            "consent to share evacuee information applies to disaster evacuees only");
        if (r.Delivery == DeliveryKind.Proxy)
        {
            Need(!string.IsNullOrWhiteSpace(r.ProxyName), nameof(r.ProxyName), "enter the proxy's name");
            Need(!string.IsNullOrWhiteSpace(r.ProxyAddress), nameof(r.ProxyAddress), "enter the proxy's address");
            Need(r.ProxyPostalCode is null || Residents.PostalCode.Normalize(r.ProxyPostalCode) is not null, nameof(r.ProxyPostalCode),
                "postal code " + Residents.PostalCode.Rule);
            Need(r.ProxyAuthorityChecked, nameof(r.ProxyAuthorityChecked), "proof of the proxy's authority and a copy of the proxy's ID are required");
        }
        return problems;
    }

    /// <summary>Whether a registration for this reason may ask for the letter to be held at the office (留め置き, DOMAIN §3.2).</summary>
    public static bool MayBeHeldAtOffice(ResidenceReason reason) =>
        reason is ResidenceReason.AbuseVictim or ResidenceReason.HospitalOrFacility;
}
