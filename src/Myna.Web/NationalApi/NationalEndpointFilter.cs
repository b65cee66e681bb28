using Myna.Pki.Network;

namespace Myna.Web.NationalApi;

/// <summary>
/// The national API answers only on the national endpoint, to a client certificate naming a municipality (ARCHITECTURE
/// principle 1): on the staff endpoint it does not exist (404), whatever cookie or token comes with the request. Kestrel has
/// already checked the certificate against the network CA during the handshake.
/// </summary>
public sealed class NationalEndpointFilter(int nationalPort) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Connection.LocalPort != nationalPort || http.Connection.ClientCertificate is not { } certificate)
        {
            return Results.NotFound();
        }
        if (NetworkAuthority.MunicipalityOf(certificate) is not { } code || !Core.Identifiers.MunicipalityCode.TryParse(code, out var caller, out _))
        {
            return NationalCalls.Problem(StatusCodes.Status403Forbidden, "network.no-municipality", "the client certificate names no municipality");
        }
        http.Items[NationalCalls.CallerItem] = caller;
        return await next(context);
    }
}
