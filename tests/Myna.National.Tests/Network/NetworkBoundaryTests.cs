using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Hosting.Network;
using Myna.National.NationalApi;
using Myna.Pki.Network;
using Myna.Testing;

namespace Myna.National.Tests.Network;

/// <summary>
/// What the network boundary refuses (ARCHITECTURE principles 1–3): a municipality acting for another, a client the network CA
/// did not certify, a repeated idempotency key acting twice; and a refusal arrives as the same contract refusal as in process.
/// </summary>
[Trait("Topology", "network")]
public sealed class NetworkBoundaryTests(NationalHostFixture national) : IClassFixture<NationalHostFixture>
{
    private static readonly MunicipalityCode Ishinomaki = TestStores.Ishinomaki;

    private NationalConnections Connections() => new(new NationalOptions { Url = national.NationalUrl, CaCertificate = NetworkAuthority.CaCertificatePath(national.NetworkFolder) },
        national.National.Keys.Root);

    private X509Certificate2 ClientOf(string municipality) => NetworkAuthority.Load(NetworkAuthority.ClientCertificatePath(national.NetworkFolder, municipality));

    private static HttpRequestMessage Post(string path, object body, Guid? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: NationalWire.Json) };
        if (key is { } k)
        {
            request.Headers.Add(NationalWire.IdempotencyHeader, k.ToString());
        }
        return request;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    [Fact]
    public async Task AMunicipality_CannotActForAnother_ByNamingItInTheBody()
    {
        using var connections = Connections();
        using var http = connections.Create(ClientOf(Ishinomaki.Value));
        var applicationId = "042145" + Random.Shared.NextInt64(10_000_000_000_000_000).ToString("D17", System.Globalization.CultureInfo.InvariantCulture);
        var request = new ProductionRequest("042145", applicationId, ResidentCode.FromBody(1234567890), IndividualNumber.FromBody("12345678901"), "石巻", "太郎",
            "イシノマキ", "タロウ", null, new DateOnly(1980, 1, 1), 1, "宮城県東松島市矢本1番", null, true, true, false, TestPhotos.Jpeg());
        var key = Guid.NewGuid();

        using var response = await http.SendAsync(Post("production/requests", request, key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(NetworkProblems.MunicipalityMismatch, await CodeAsync(response));
        await using var store = national.National.Stores.OpenNational();
        Assert.False(await store.ProductionRequests.AnyAsync(r => r.ApplicationId == applicationId));
        Assert.False(await store.NationalApiCalls.AnyAsync(c => c.IdempotencyKey == key));
    }

    [Fact]
    public async Task AClientWithoutACertificate_OrCertifiedByAnotherCa_IsRefusedInTheHandshake()
    {
        using var connections = Connections();
        var other = Path.Combine(national.Root, "other-ca-" + Guid.NewGuid().ToString("N")[..6]);
        NetworkAuthority.Ensure(other, [Ishinomaki.Value], ["localhost"], DateTimeOffset.UtcNow);
        using var stranger = NetworkAuthority.Load(NetworkAuthority.ClientCertificatePath(other, Ishinomaki.Value));

        using var anonymous = connections.Create(null);
        using var impostor = connections.Create(stranger);
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("audit-checkpoints/latest"));
        await Assert.ThrowsAsync<HttpRequestException>(() => impostor.GetAsync("audit-checkpoints/latest"));

        // The genuine certificate gets through; the national API does not exist on the plain staff endpoint.
        using var genuine = connections.Create(ClientOf(Ishinomaki.Value));
        Assert.True((await genuine.GetAsync("audit-checkpoints/latest")).IsSuccessStatusCode);
        using var plain = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(national.PlainUrl + NationalWire.Prefix + "/audit-checkpoints/latest")).StatusCode);
        // And the national endpoint serves nothing but the national API.
        Assert.Equal(HttpStatusCode.NotFound, (await genuine.GetAsync(national.NationalUrl + "/national")).StatusCode);
    }

    [Fact]
    public async Task ARepeatedIdempotencyKey_GetsTheFirstAnswer_WithoutActingAgain()
    {
        // A municipality of its own for this test (the checkpoint is per municipality): 042145.
        var municipality = TestStores.Higashimatsushima;
        using var connections = Connections();
        using var http = connections.Create(ClientOf(municipality.Value));
        var baseline = (await national.National.AuditCheckpoints().LatestAsync(municipality))?.Sequence ?? 0;
        var first = new AuditCheckpoint(baseline + 5, [5, 5, 5]);
        var later = new AuditCheckpoint(baseline + 7, [7, 7, 7]);
        var key = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Post("audit-checkpoints", first, key))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Post("audit-checkpoints", later, Guid.NewGuid()))).StatusCode);
        // Acting again would be refused (behind the checkpoint held); the repeat gets the stored answer instead.
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Post("audit-checkpoints", first, key))).StatusCode);
        using var fresh = await http.SendAsync(Post("audit-checkpoints", first, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Conflict, fresh.StatusCode);
        Assert.Equal(ContractRefusals.AuditCheckpointPrefix + "backwards", await CodeAsync(fresh));
        Assert.Equal(later.Sequence, (await national.National.AuditCheckpoints().LatestAsync(municipality))!.Sequence);

        // The key is bound to its call; a state-changing call without one is refused.
        using var reused = await http.SendAsync(Post("audit-checkpoints", later, key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(NetworkProblems.IdempotencyKeyReused, await CodeAsync(reused));
        using var keyless = await http.SendAsync(Post("audit-checkpoints", later, null));
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Equal(NetworkProblems.IdempotencyKeyMissing, await CodeAsync(keyless));
    }

    [Fact]
    public async Task ACallCutOffBeforeItsAnswer_IsServedByItsRetry_OnceItIsAbandoned()
    {
        var municipality = TestStores.Higashimatsushima;
        using var connections = Connections();
        using var http = connections.Create(ClientOf(municipality.Value));
        var baseline = (await national.National.AuditCheckpoints().LatestAsync(municipality))?.Sequence ?? 0;
        var (stale, fresh) = (new AuditCheckpoint(baseline + 100, [1]), new AuditCheckpoint(baseline + 101, [2]));
        var (staleKey, freshKey) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var store = national.National.Stores.OpenNational())
        {
            // Two calls begun and never answered (the serving host was killed): one long ago, one just now.
            foreach (var (key, checkpoint, age) in new[] { (staleKey, stale, IdempotencyKeys.Abandoned * 2), (freshKey, fresh, TimeSpan.Zero) })
            {
                store.NationalApiCalls.Add(new NationalApiCall
                {
                    IdempotencyKey = key, MunicipalityCode = municipality.Value, Operation = "audit-checkpoint.record", ReceivedAt = DateTimeOffset.UtcNow - age,
                    Fingerprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(checkpoint, NationalWire.Json)),
                });
            }
            await store.SaveChangesAsync();
        }

        using var busy = await http.SendAsync(Post("audit-checkpoints", fresh, freshKey));
        using var retried = await http.SendAsync(Post("audit-checkpoints", stale, staleKey));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode); // may still be served: the retry waits
        Assert.Equal(NetworkProblems.InProgress, await CodeAsync(busy));
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal(stale.Sequence, (await national.National.AuditCheckpoints().LatestAsync(municipality))!.Sequence);
    }

    [Fact]
    public async Task Calls_ShareAPooledConnection_SoTheyCostNoHandshakeEach()
    {
        await using var stores = await TestStores.CreateAsync("sqlite", neighbour: true, configure: national.Municipal);
        using var connections = new NationalConnections(stores.Options.National, stores.Options.KeyDirectory);
        var client = new NationalClient(new NationalTransport(connections));

        for (var i = 0; i < 20; i++)
        {
            await client.LatestAsync(Ishinomaki);
        }
        await client.LatestAsync(TestStores.Higashimatsushima);

        Assert.Equal(2, connections.ConnectionsOpened); // one per municipality's certificate
    }

    [Fact]
    public async Task ARefusal_ArrivesAsTheSameContractRefusal_AsInProcess()
    {
        await using var stores = await TestStores.CreateAsync("sqlite", neighbour: true, configure: national.Municipal);
        var client = stores.Runtime.NationalRemote!;
        const string unknown = "FFFF00000000DEAD";

        var remote = await Assert.ThrowsAnyAsync<ContractRefusedException>(() => client.ReadFaceAsync(Ishinomaki, unknown));
        var local = await Assert.ThrowsAnyAsync<ContractRefusedException>(() => national.National.CardService().ReadFaceAsync(Ishinomaki, unknown));

        Assert.Equal(ContractRefusals.CardNotFound, remote.Code);
        Assert.Equal((local.Code, local.NotFound), (remote.Code, remote.NotFound));
        Assert.NotNull(remote.Text);
        Assert.Equal(local.Text, remote.Text); // the same catalogue entry with the same arguments
        Assert.True(remote.NotFound);

        var lifecycle = await Assert.ThrowsAnyAsync<ContractRefusedException>(() => client.StandingAsync(Ishinomaki, unknown));
        var lifecycleLocal = await Assert.ThrowsAnyAsync<ContractRefusedException>(() => national.National.CardLifecycle().StandingAsync(Ishinomaki, unknown));
        Assert.Equal((lifecycleLocal.Code, lifecycleLocal.NotFound, lifecycleLocal.Text?.Code), (lifecycle.Code, lifecycle.NotFound, lifecycle.Text?.Code));
    }

    [Fact]
    public async Task AnUnreachableNationalHost_IsNoRefusal_SoTheOutboxRetries()
    {
        using var connections = new NationalConnections(new NationalOptions { Url = "https://127.0.0.1:1", CaCertificate = NetworkAuthority.CaCertificatePath(national.NetworkFolder),
            ClientCertificate = NetworkAuthority.ClientCertificatePath(national.NetworkFolder, Ishinomaki.Value) }, national.National.Keys.Root);
        var client = new NationalClient(new NationalTransport(connections));

        var e = await Assert.ThrowsAsync<NationalUnavailableException>(() => client.LatestAsync(Ishinomaki));
        Assert.IsNotAssignableFrom<ContractRefusedException>(e);
    }
}
