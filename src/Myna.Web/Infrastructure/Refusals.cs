using Myna.Core.Text.Messages;

namespace Myna.Web.Infrastructure;

/// <summary>
/// A refusal of the domain or data layer as the page shows it: its catalogue message in the reader's language
/// (ARCHITECTURE 6), or, for an exception that does not carry one yet, its message as it stands.
/// </summary>
public static class Refusals
{
    public static Message? MessageOf(Exception e) => (e as IMessageCarrier)?.Text;

    public static string Say(UiText text, Exception e) => MessageOf(e) is { } message ? text[message] : e.Message;
}
