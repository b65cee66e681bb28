using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Myna.Core.Municipalities;
using Myna.Hosting;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The heading of the resident-facing pages (/apply, /status, /book): the municipality's name, never the product's.
/// Once the resident is identified it is their own municipality; before that, the municipality this host serves (the
/// names joined with ・ when one host serves several).
/// </summary>
public static class PublicPages
{
    public const string HeadingKey = "PublicHeading";

    public static string Heading(MynaRuntime runtime, Municipality? identified, UiText text) =>
        text.Format("public.heading", identified?.Name ?? string.Join("・", runtime.Stores.Municipalities.Select(m => m.Name)));

    /// <summary>Sets the layout's heading for this page.</summary>
    public static void SetHeading(ViewDataDictionary viewData, MynaRuntime runtime, Municipality? identified, UiText text) =>
        viewData[HeadingKey] = Heading(runtime, identified, text);
}
