namespace Myna.Core.Identifiers;

/// <summary>
/// Thrown by the identifiers' <c>Parse</c> methods. The message is the problem's message, so it
/// is as safe to log as the problem itself (DOMAIN §12: no individual number in error messages).
/// </summary>
public sealed class IdentifierFormatException : FormatException, Myna.Core.Text.Messages.IMessageCarrier
{
    public IdentifierFormatException(IdentifierProblem problem)
        : base(problem.Message)
    {
        Error = problem.Error;
        Text = problem.Text;
    }

    /// <summary>The catalogue message, shown to a person in their language (ARCHITECTURE 6).</summary>
    public Myna.Core.Text.Messages.Message Text { get; }

    Myna.Core.Text.Messages.Message? Myna.Core.Text.Messages.IMessageCarrier.Text => Text;

    /// <summary>The rule that failed.</summary>
    public IdentifierError Error { get; }
}
