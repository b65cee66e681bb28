using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>Refusals of the card lifecycle at the window (DOMAIN §8) that the clerk reads on the card page.</summary>
[MessageCatalogue]
public static class LifecycleMessages
{
    public static readonly MessageText InPersonOnly = new("lifecycle.in-person", "この手続は本人が来庁して行います。", "the holder must come in person for this step");
    public static readonly MessageText NotVerified = new("lifecycle.identity.not-verified", "本人確認ができていません。次のいずれかが足りません：",
        "identity is not verified yet; each method still lacks:");
}
