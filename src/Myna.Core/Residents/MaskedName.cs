namespace Myna.Core.Residents;

/// <summary>
/// Whose application or booking a public page is showing, without showing it to someone who only guessed a number:
/// the family name as registered and a fixed ●● for the given name, whatever its length ("佐藤 ●●"), so the mask
/// says nothing about the given name. The resident recognises their own household; a stranger learns no given name.
/// </summary>
public static class MaskedName
{
    public const string GivenNameMask = "●●";

    public static string Of(string familyName, string givenName) =>
        string.IsNullOrWhiteSpace(givenName) ? familyName.Trim() : familyName.Trim() + " " + GivenNameMask;
}
