namespace Myna.Core.Identifiers;

/// <summary>
/// Why an input is not a valid identifier: the rule and the catalogue message shown to the user (<see cref="Text"/>,
/// Japanese or English; <see cref="Message"/> is the English for logs and the CLI). Messages about sensitive
/// identifiers never contain the input or its digits (DOMAIN §12).
/// </summary>
public readonly record struct IdentifierProblem(IdentifierError Error, Myna.Core.Text.Messages.Message Text)
{
    public string Message => Text.En;
}
