using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Every PDF the host serves (letters, notices, the PIN memo, receipts, reports) goes out through
/// this one answer: <c>Content-Disposition: inline</c> so the browser opens it in its viewer,
/// ready to print at the window, with a file name for when the clerk saves it. An attachment
/// would land in the downloads folder after every hand-over instead. Works as a page result and
/// as a minimal-API result.
/// </summary>
public sealed class InlinePdf(byte[] pdf, string fileName) : IResult, IActionResult, IEndpointMetadataProvider
{
    public const string ContentType = "application/pdf";

    public byte[] Pdf => pdf;
    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.ContentLength = pdf.Length;
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await response.Body.WriteAsync(pdf, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    /// <summary>Declares the PDF answer for the API description.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), [ContentType]));
}
