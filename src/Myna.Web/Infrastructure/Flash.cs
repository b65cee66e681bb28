using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The confirmation of an action, shown once at the top of the page the clerk lands on (the
/// layout renders it above everything else), with a link to what the action produced when there
/// is one: the deficiency letter, the recorded event, the PIN memo. Kept in TempData so it
/// survives the redirect after a POST (a refresh then does not post again) and is gone after it
/// has been shown once. The text is already in the reader's language.
/// </summary>
/// <param name="Text">What was done, in the reader's language.</param>
/// <param name="LinkHref">Where what it produced is, if anywhere.</param>
/// <param name="LinkText">The words of that link.</param>
/// <param name="Document">The link is a document (a PDF to print): it opens in a new tab and the page stays.</param>
/// <param name="TestId">The element's test id, for the browser tests.</param>
public sealed record Flash(string Text, string? LinkHref = null, string? LinkText = null, bool Document = false, string? TestId = null)
{
    private const string Key = "myna.flash";

    /// <summary>Sets the confirmation for the next page this browser shows (after a redirect, or this one).</summary>
    public static void Show(ITempDataDictionary tempData, Flash flash) => tempData[Key] = JsonSerializer.Serialize(flash);

    /// <summary>The confirmation waiting to be shown, taken (shown once).</summary>
    public static Flash? Take(ITempDataDictionary tempData) =>
        tempData[Key] is string json ? JsonSerializer.Deserialize<Flash>(json) : null;
}

public static class FlashExtensions
{
    /// <summary>Confirms what the handler did, at the top of the page it lands on.</summary>
    public static void Confirm(this PageModel page, string text, string? linkHref = null, string? linkText = null, bool document = false, string? testId = null) =>
        Flash.Show(page.TempData, new Flash(text, linkHref, linkText, document, testId));
}
