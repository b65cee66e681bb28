using Myna.Core.Calendar;
using Myna.Core.Notices;

namespace Myna.Web.Infrastructure;

/// <summary>Turns the residence form or API request (strings) into a registration, or says which fields could not be read.</summary>
public static class ResidenceForm
{
    public static (ResidenceRegistration? Registration, List<(string Field, Myna.Core.Text.Messages.Message Message)> Problems) Build(long residentId, string? reason,
        string? reasonDetail, string? delivery, string? postalCode, string? address, string? proxyName, string? proxyPostalCode, string? proxyAddress,
        bool proxyAuthorityChecked, bool idDocumentChecked, bool deliveryProofChecked, bool consentToShare, string? receivedOn, DateOnly today)
    {
        var problems = new List<(string, Myna.Core.Text.Messages.Message)>();
        if (!Enum.TryParse<ResidenceReason>(reason, out var r) || !Enum.IsDefined(r))
        {
            problems.Add(("Reason", ResidenceMessages.UnknownReason.With(string.Join(", ", Enum.GetNames<ResidenceReason>()))));
        }
        if (!Enum.TryParse<DeliveryKind>(delivery, out var d) || d == DeliveryKind.RegisteredAddress || !Enum.IsDefined(d))
        {
            problems.Add(("Delivery", ResidenceMessages.UnknownDelivery.With("Residence, Proxy, HeldAtOffice")));
        }
        var received = today;
        if (!string.IsNullOrWhiteSpace(receivedOn) && !JapaneseDate.TryParse(receivedOn, out received, out var error))
        {
            problems.Add(("ReceivedOn", error));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return (new ResidenceRegistration
        {
            ResidentId = residentId,
            Reason = r,
            ReasonDetail = Blank(reasonDetail),
            Delivery = d,
            PostalCode = Blank(postalCode),
            Address = address?.Trim() ?? "",
            ProxyName = Blank(proxyName),
            ProxyPostalCode = Blank(proxyPostalCode),
            ProxyAddress = Blank(proxyAddress),
            ProxyAuthorityChecked = proxyAuthorityChecked,
            IdDocumentChecked = idDocumentChecked,
            DeliveryProofChecked = deliveryProofChecked,
            ConsentToShare = consentToShare,
            ReceivedOn = received,
            RecordedBy = "",
        }, problems);
    }
}
