using Myna.Core.Identifiers;
using Myna.Core.Text.Messages;
using Myna.Data.Lifecycle;
using Myna.Data.Residents;

namespace Myna.Web.Infrastructure;

/// <summary>
/// A refusal of the domain or data layer as the page shows it: its catalogue message in the reader's language
/// (ARCHITECTURE 6), or, for an exception that does not carry one yet, its message as it stands.
/// </summary>
public static class Refusals
{
    public static Message? MessageOf(Exception e) => e switch
    {
        MessageException m => m.Text,
        RegisterRuleException { Text: { } text } => text,
        LifecycleException { Text: { } text } => text,
        Data.Issuance.CardSafeException { Text: { } text } => text,
        Data.Cards.CardException { Text: { } text } => text,
        Data.Cards.CardNotFoundException f => f.Text,
        Data.Production.ProductionException { Text: { } text } => text,
        IdentifierFormatException f => f.Text,
        Core.Statistics.RatesFileException r => r.Text,
        _ => null,
    };

    public static string Say(UiText text, Exception e) => MessageOf(e) is { } message ? text[message] : e.Message;
}
