using Myna.Core.Text.Messages;

namespace Myna.Core.Contracts;

/// <summary>
/// The one way a contract says no (ARCHITECTURE principle 2): a stable <see cref="Code"/> naming the kind of refusal,
/// and the catalogue message saying why in the reader's language. The municipal side catches this type only, so an
/// implementation of the contract over the network (which rebuilds it from the answer) is handled exactly as the
/// in-process one, whose own refusals derive from it.
/// </summary>
public class ContractRefusedException : InvalidOperationException, IMessageCarrier
{
    public ContractRefusedException(string code, Message text, bool notFound = false) : base(text.En)
    {
        Code = code;
        Text = text;
        NotFound = notFound;
    }

    /// <summary>A refusal without a catalogue entry (an operator's console, a defensive check); the words are English.</summary>
    public ContractRefusedException(string code, string message, bool notFound = false) : base(message)
    {
        Code = code;
        NotFound = notFound;
    }

    /// <summary>The kind of refusal, one of <see cref="ContractRefusals"/>; stable across versions and transports.</summary>
    public string Code { get; }

    public Message? Text { get; }

    /// <summary>What was named (a card, a certificate) does not exist for the caller: the network answer is 404.</summary>
    public bool NotFound { get; }
}

/// <summary>The refusal codes the national contracts can return (ARCHITECTURE principle 2).</summary>
public static class ContractRefusals
{
    /// <summary>No card with this serial belongs to the municipality asking (<see cref="ICardService"/>, <see cref="ICardLifecycle"/>).</summary>
    public const string CardNotFound = "card.not-found";

    /// <summary>The card's state does not allow what was asked (suspended, expired, void, no such PIN).</summary>
    public const string CardRefused = "card.refused";

    /// <summary>The production queue cannot serve the request (<see cref="ICardProduction"/>).</summary>
    public const string ProductionRefused = "production.refused";

    /// <summary>A certificate cannot be issued or change status; the code continues with the reason (<c>certificate.not-good</c>).</summary>
    public const string CertificatePrefix = "certificate.";

    /// <summary>A numbering request is refused (<see cref="INationalNumbering"/>); the code continues with the reason.</summary>
    public const string NumberingPrefix = "numbering.";

    /// <summary>An audit checkpoint is refused (<see cref="IAuditCheckpoints"/>); the code continues with the reason.</summary>
    public const string AuditCheckpointPrefix = "audit-checkpoint.";
}

/// <summary>
/// The national side could not be reached or did not answer as the contract does (no connection, a TLS failure, a server
/// error): not a refusal, so whoever called may try again — the outbox does (ARCHITECTURE principle 3).
/// </summary>
public sealed class NationalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
