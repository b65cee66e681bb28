using System.Net;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Residents;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// Issue point 6, the move-out path (DOMAIN §9, §8.6): after a protected resident moves out, the destination address
/// reaches no clerk, supervisor or administrator — not in the outgoing list at the origin, not in the incoming list at
/// the destination (a forwarded measure covers the person's code there), not in the timeline (API and resident page) —
/// each withheld read is logged with its path, and the store keeps the address only in the move-out's own column.
/// </summary>
public sealed class MoveOutPathTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AProtectedMoveOut_ItsDestination_IsWithheldOnEveryPath_AtBothMunicipalities_AndEachReadIsLogged(string provider)
    {
        var (factory, ishinomaki, higashimatsushima) = await AddressLeakCrawlTests.SeededHostAsync(provider);
        await using var _ = factory;
        foreach (var (origin, destination) in new[] { (ishinomaki, higashimatsushima), (higashimatsushima, ishinomaki) })
        {
            var secret = origin.Secrets[3]; // the distinctive part of the destination address
            foreach (var (user, password) in new[] { ("clerk", "clerk-demo-2026"), ("supervisor", "supervisor-demo-2026"), ("admin", "admin-demo-2026") })
            {
                using var atOrigin = await PageClient.SignedInAsync(factory, user, password, origin.Code.Value);
                using var apiAtOrigin = await ApiClient.SignedInAsync(factory, user, password, origin.Code.Value);
                using var atDestination = await PageClient.SignedInAsync(factory, user, password, destination.Code.Value);
                var views = new Dictionary<string, HttpResponseMessage>
                {
                    ["outgoing moves (/lifecycle at the origin)"] = await atOrigin.GetAsync("/lifecycle"),
                    ["incoming moves (/lifecycle at the destination)"] = await atDestination.GetAsync("/lifecycle"),
                    ["timeline API"] = await apiAtOrigin.GetAsync($"/api/v1/residents/{origin.Mover}/timeline"),
                    ["resident page"] = await atOrigin.GetAsync($"/residents/{origin.Mover}"),
                };
                foreach (var (view, response) in views)
                {
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{user} {view}: {(int)response.StatusCode}");
                    var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{user}@{origin.Code.Value} {view} shows the destination");
                    if (response.StatusCode == HttpStatusCode.OK && view != "resident page")
                    {
                        Assert.True(body.Contains(AddressProtection.Hidden, StringComparison.Ordinal)
                            || System.Text.RegularExpressions.Regex.Unescape(body).Contains(AddressProtection.Hidden, StringComparison.Ordinal),
                            $"{user} {view}: the placeholder is shown where the destination was");
                    }
                }
            }
            await using var db = factory.Stores.OpenMunicipal(origin.Code);
            var refused = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.ProtectedAddressRefused).ToListAsync();
            foreach (var where in new[] { "lifecycle outgoing moves", "resident timeline" })
            {
                Assert.Contains(refused, a => a.Detail == where && a.Subject.Contains(origin.Mover.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            // The address lives only in the move-out's column: no new event text, history or audit detail carries it.
            Assert.Contains(secret, (await db.MoveOuts.AsNoTracking().SingleAsync(m => m.ResidentId == origin.Mover)).DestinationAddress, StringComparison.Ordinal);
            Assert.DoesNotContain(await db.LifecycleEvents.AsNoTracking().Where(e => e.Actor != AddressLeakCrawlTests.LegacyActor)
                .Select(e => e.Detail).ToListAsync(), d => d != null && d.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(await db.AuditRecords.AsNoTracking().Select(a => a.Detail).ToListAsync(), d => d != null && d.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(await db.ResidentEvents.AsNoTracking().Where(e => e.ResidentId == origin.Mover).Select(e => e.Note).ToListAsync(),
                n => n != null && n.Contains(secret, StringComparison.Ordinal));
            await using var there = factory.Stores.OpenMunicipal(destination.Code);
            Assert.Contains(await there.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.ProtectedAddressRefused).ToListAsync(),
                a => a.Detail == "lifecycle incoming moves" && a.Subject.StartsWith("incoming-move-out:", StringComparison.Ordinal));
        }
    }
}
