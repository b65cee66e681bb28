namespace Myna.Core.Identifiers;

/// <summary>
/// Why an input is not a valid identifier, with an English sentence that can be shown to the
/// user. Messages about sensitive identifiers never contain the input or its digits (DOMAIN §12).
/// </summary>
public readonly record struct IdentifierProblem(IdentifierError Error, string Message);
