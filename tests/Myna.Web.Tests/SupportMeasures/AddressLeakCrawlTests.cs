using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Hosting.Demo;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9 "a protected address must never reach the offender, by any path": the host's own endpoint list is crawled
/// (every GET API route and every Razor page with its GET handlers, route parameters filled with the seeded people's
/// ids, searches filled with fragments of the protected addresses) as a clerk, a supervisor and an administrator at
/// both municipalities, and no answer may contain any fragment of a protected address — the current one (of the
/// covered person, a household member not covered, a neighbour in the same dwelling), a residence, a move-out
/// destination. The officer's answers must contain them where a page shows addresses, so the crawl can fail. The CLI's
/// <c>myna residents export</c> is checked the same way.
/// </summary>
public sealed class AddressLeakCrawlTests
{
    private static readonly DateOnly Today = JapanClock.Today(TimeProvider.System);

    /// <summary>Who wrote the seeded old-style timeline line (before destinations were kept out of free text).</summary>
    internal const string LegacyActor = "before-issue-17";

    /// <summary>What was seeded at one municipality, and the fragments that must not leak from it.</summary>
    internal sealed record Seeded(MunicipalityCode Code, long Applicant, long Member, long Neighbour, long Mover, long? Envelope, long? Application,
        string ApplicantKana, string[] Secrets);

    /// <summary>The host with residents at both demo municipalities, each seeded by <see cref="SeedAsync"/>.</summary>
    internal static async Task<(MynaWebFactory Factory, Seeded Ishinomaki, Seeded Higashimatsushima)> SeededHostAsync(string provider)
    {
        var factory = await MynaWebFactory.CreateAsync(provider, residents: 40, neighbour: true);
        await using (var db = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            var load = await DemoSetup.LoadResidentsAsync(factory.Stores.Runtime, TestStores.Higashimatsushima, 40, seed: 7, "test");
            Assert.True(load.Result.Succeeded, string.Join("; ", load.Result.Problems));
            await factory.Stores.Runtime.NumberAssignment(TestStores.Higashimatsushima).RunAsync(db, TestStores.Higashimatsushima, "test");
        }
        return (factory, await SeedAsync(factory, TestStores.Ishinomaki, TestStores.Higashimatsushima, "鷺"),
            await SeedAsync(factory, TestStores.Higashimatsushima, TestStores.Ishinomaki, "鶫"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryGetPathAndTheExport_AtBothMunicipalities_ShowNoProtectedAddress_ButTheOfficerSeesThem(string provider)
    {
        var (factory, ishinomaki, higashimatsushima) = await SeededHostAsync(provider);
        await using var _ = factory;
        var stores = factory.Stores;
        var secrets = ishinomaki.Secrets.Concat(higashimatsushima.Secrets).ToArray();
        var requests = Requests(factory, [ishinomaki, higashimatsushima]).ToList();
        Assert.Contains(requests, r => r.Page);
        Assert.Contains(requests, r => !r.Page);

        var leaks = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var officerSaw = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seeded in new[] { ishinomaki, higashimatsushima })
        {
            foreach (var (user, password) in new[] { ("clerk", "clerk-demo-2026"), ("supervisor", "supervisor-demo-2026"), ("admin", "admin-demo-2026"),
                ("officer", "officer-demo-2026") })
            {
                using var cookie = await PageClient.SignedInAsync(factory, user, password, seeded.Code.Value);
                using var bearer = await ApiClient.SignedInAsync(factory, user, password, seeded.Code.Value);
                foreach (var request in requests.Where(r => r.Municipality is null || r.Municipality == seeded.Code))
                {
                    var response = await (request.Page ? cookie : bearer).GetAsync(request.Url);
                    if (response.Content.Headers.ContentType?.MediaType is "application/pdf" or "image/jpeg" or "image/png" or "application/pkix-cert"
                        or "application/pkix-crl")
                    {
                        continue; // not text; PDFs are checked by the document tests
                    }
                    var body = WithoutEchoedInput(Readable(await response.Content.ReadAsStringAsync()), request.Url);
                    var found = secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).ToList();
                    if (user == "officer")
                    {
                        officerSaw.UnionWith(found);
                    }
                    else if (found.Count > 0)
                    {
                        Leak(leaks, request.Template, $"{user}@{seeded.Code.Value} {request.Url} → {string.Join(", ", found)}");
                    }
                }
            }
            // The CLI export of the register: every resident, never a withheld address.
            var file = Path.Combine(stores.Root, $"export-{seeded.Code.Value}.csv");
            var export = await MynaCli.RunAsync(stores, null, "residents", "export", file, "-m", seeded.Code.Value);
            Assert.True(export.ExitCode == 0, export.Err);
            var csv = await File.ReadAllTextAsync(file);
            foreach (var s in secrets.Where(s => csv.Contains(s, StringComparison.Ordinal)))
            {
                Leak(leaks, "CLI residents export", $"{seeded.Code.Value} → {s}");
            }
        }

        Assert.True(leaks.Count == 0,
            "protected addresses leak on:\n" + string.Join("\n", leaks.SelectMany(l => l.Value.Take(4).Prepend("[" + l.Key + "]"))));
        // The officer sees every address where a page shows one (so the crawl can fail): the current address on the resident's
        // page, the residence on the envelope, the destination in the timeline's old move-out lines.
        var unseen = secrets.Where(s => !officerSaw.Contains(s)).ToList();
        Assert.True(unseen.Count == 0, "the officer never saw: " + string.Join(", ", unseen));
    }

    private static void Leak(SortedDictionary<string, List<string>> leaks, string path, string what)
    {
        if (!leaks.TryGetValue(path, out var list))
        {
            leaks[path] = list = [];
        }
        list.Add(what);
    }

    /// <summary>Text as a reader sees it: HTML entities and JSON \u escapes decoded.</summary>
    /// <summary>A search form shows back what the reader typed (<c>value="…"</c>): that is the reader's own input, not a disclosure.</summary>
    private static string WithoutEchoedInput(string body, string url)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        foreach (var value in query.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => Uri.UnescapeDataString(p[1])))
        {
            body = body.Replace($"value=\"{value}\"", "value=\"\"", StringComparison.Ordinal);
        }
        return body;
    }

    private static string Readable(string body) =>
        WebUtility.HtmlDecode(Regex.Replace(body, @"\\u([0-9a-fA-F]{4})", m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()));

    /// <summary>
    /// At <paramref name="code"/>: a covered applicant and a household member not covered at a distinctive dwelling, a
    /// neighbour of another household in the same dwelling, the applicant's residence and notice envelope (booked as
    /// returned) and card application, and a covered person who moved out to <paramref name="other"/> with a distinctive
    /// destination — with an old-style timeline line that still carries the destination, and a forwarded measure at the
    /// destination covering them.
    /// </summary>
    internal static async Task<Seeded> SeedAsync(MynaWebFactory factory, MunicipalityCode code, MunicipalityCode other, string tag)
    {
        var runtime = factory.Stores.Runtime;
        await using var db = factory.Stores.OpenMunicipal(code);
        var residents = await db.Residents.Where(r => r.Status == ResidentStatus.Active).OrderBy(r => r.Id).ToListAsync();
        var household = residents.GroupBy(r => r.HouseholdId).First(g => g.Count() >= 2).OrderBy(r => r.Id).ToList();
        var (applicant, member) = (household[0], household[1]);
        var neighbour = residents.First(r => r.HouseholdId != applicant.HouseholdId);
        var mover = residents.First(r => r.HouseholdId != applicant.HouseholdId && r.HouseholdId != neighbour.HouseholdId);
        var town = $"秘匿{tag}町";
        var building = $"コーポ葵{tag}";
        foreach (var r in new[] { applicant, member, neighbour })
        {
            (r.Town, r.Block, r.Building) = (town + "二丁目", "7番3号", building);
            r.RefreshDerived();
        }
        await db.SaveChangesAsync();

        var desk = runtime.SupportMeasureDesk(code);
        await desk.CreateAsync(db, new SupportMeasureApplication(applicant.Id, SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "石巻警察署",
            Today.AddDays(-3), null, null, null, [], [new OffenderInput("加害　次郎", Address: "宮城県石巻市加害町1番1号")]), "officer");
        await desk.CreateAsync(db, new SupportMeasureApplication(mover.Id, SupportMeasureKind.Stalking, SupportBasisKind.Police, "石巻警察署",
            Today.AddDays(-3), null, null, null, [], [new OffenderInput("加害　三郎")]), "officer");

        var residence = $"宮城県仙台市青葉区隠{tag}台4番4号 シェルター";
        await runtime.ResidenceRegistry(code).RegisterAsync(db, new ResidenceRegistration
        {
            ResidentId = applicant.Id, Reason = ResidenceReason.AbuseVictim, Delivery = DeliveryKind.Residence, PostalCode = "980-0811", Address = residence,
            IdDocumentChecked = true, DeliveryProofChecked = true, ReceivedOn = Today.AddDays(-2), RecordedBy = "",
        }, null, "clerk");

        // The move-out of a covered person, and a line written before destinations were kept out of free text.
        var destination = $"宮城県{(other == TestStores.Ishinomaki ? "石巻市" : "東松島市")}退避{tag}浜5番8号";
        await runtime.ResidentRegister(code).RecordAsync(db, mover.Id, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(2), Today,
            Destination: other.Value, DestinationAddress: destination), "clerk");
        db.LifecycleEvents.Add(new CardLifecycleEvent
        {
            ResidentId = mover.Id, Kind = LifecycleKind.AdvanceMoveOutSent, At = DateTimeOffset.UtcNow.AddDays(-1), Actor = LegacyActor,
            Detail = $"転出先 {other.Value}（{destination}）・転出予定日 {Today.AddDays(2):yyyy-MM-dd}",
        });
        await db.SaveChangesAsync();
        await using (var there = factory.Stores.OpenMunicipal(other))
        {
            // A forwarded measure (§9): the destination withholds the destination address of the person it covers.
            there.SupportMeasures.Add(new SupportMeasure
            {
                Reference = $"SM-{code.Value}-{Today.Year}-{(code == TestStores.Ishinomaki ? 9001 : 9002)}", Kind = SupportMeasureKind.Stalking,
                ApplicantResidentCode = mover.ResidentCode, ApplicantName = mover.FullName, BasisKind = SupportBasisKind.Police, BasisBody = "石巻警察署",
                BasisDate = Today.AddDays(-3), StartsOn = Today.AddDays(-3), EndsOn = Today.AddYears(1), State = SupportMeasureState.Active,
                ForwardedFrom = code.Value, KeepUntil = Today.AddYears(1), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "exchange:" + code.Value,
                UpdatedAt = DateTimeOffset.UtcNow,
                People = [new SupportMeasurePerson { ResidentCode = mover.ResidentCode, Name = mover.FullName, Role = SupportPersonRole.Applicant, CoveredFrom = Today.AddDays(-3) }],
            });
            await there.SaveChangesAsync();
        }

        // The notice goes to the residence; it comes back and waits; the person applies for a card.
        await runtime.NoticeGeneration(code).RunAsync(db, Today, "test");
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.ResidentId == applicant.Id);
        long? envelopeId = null, applicationId = null;
        if (notice is not null)
        {
            var envelope = await db.NoticeEnvelopes.AsNoTracking().SingleAsync(e => e.Id == notice.EnvelopeId);
            Assert.Equal(residence, envelope.Address);
            envelopeId = envelope.Id;
            var mail = runtime.MailTracking(code);
            await mail.RecordMailNumbersAsync(db, [(envelope.BatchId, envelope.Sequence, code.Value[^3..] + "566667777")], "test");
            await mail.BookReturnAsync(db, envelope.Id, ReturnReason.AddresseeUnknown, "test");
            using var clerk = await ApiClient.SignedInAsync(factory, "clerk", "clerk-demo-2026", code.Value);
            var applied = await clerk.PostAsync("/api/v1/applications",
                Applications.ApplicationsApiTests.Form(notice.ApplicationId, TestPhotos.Jpeg(), ("channel", "Mail"), ("legalRepresentative", "法定　代理人")));
            if (applied.StatusCode == HttpStatusCode.Created)
            {
                applicationId = (await applied.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
            }
        }
        Assert.NotNull(envelopeId);
        return new Seeded(code, applicant.Id, member.Id, neighbour.Id, mover.Id, envelopeId, applicationId, applicant.FamilyNameKana + applicant.GivenNameKana,
            [town, building, $"隠{tag}台", $"退避{tag}浜"]);
    }

    private sealed record Request(string Template, string Url, bool Page, MunicipalityCode? Municipality);

    /// <summary>
    /// Every GET the host answers, from its own endpoint list: API routes and pages with each GET handler, route ids filled
    /// with the seeded entities of each municipality, searches with fragments of the protected addresses and the name.
    /// </summary>
    private static IEnumerable<Request> Requests(MynaWebFactory factory, IReadOnlyList<Seeded> seeded)
    {
        var models = typeof(Myna.Web.Security.RequirePermissionAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)))
            .ToDictionary(t => t.FullName!["Myna.Web.Pages".Length..].Replace('.', '/')[..^"Model".Length], StringComparer.Ordinal);
        var skip = new[] { "/account/", "/language/", "/health", "/ca/", "/crl/", "/openapi", "/national" };
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (skip.Any(s => raw.StartsWith(s, StringComparison.Ordinal) || raw.StartsWith("/api/v1" + s, StringComparison.Ordinal)))
            {
                continue;
            }
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is null && !(endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false))
            {
                continue;
            }
            var handlers = new List<(string? Name, ParameterInfo[] Parameters)>();
            if (page is not null)
            {
                handlers.AddRange(models[page.ViewEnginePath].GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                    .Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal))
                    .Select(m => (m.Name[5..].Replace("Async", "", StringComparison.Ordinal) is { Length: > 0 } h ? h : null, m.GetParameters())));
            }
            else
            {
                handlers.Add((null, []));
            }
            var template = "GET " + raw;
            foreach (var s in seeded)
            {
                foreach (var path in Fill(raw, s))
                {
                    foreach (var (handler, parameters) in handlers)
                    {
                        var query = new List<string>();
                        if (handler is not null)
                        {
                            query.Add("handler=" + handler);
                            query.AddRange(parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name + "=" + Value(p.Name!, s)));
                        }
                        yield return new Request(template, path + (query.Count == 0 ? "" : "?" + string.Join('&', query)), page is not null, s.Code);
                        if (handler is null && path == raw)
                        {
                            // Searches: by a fragment of each protected address, and by the applicant's name.
                            foreach (var fragment in s.Secrets)
                            {
                                yield return new Request(template, $"{path}?address={Uri.EscapeDataString(fragment)}&pageSize=100&days=92", page is not null, s.Code);
                            }
                            yield return new Request(template, $"{path}?name={Uri.EscapeDataString(s.ApplicantKana)}&pageSize=100", page is not null, s.Code);
                        }
                    }
                }
            }
        }
    }

    /// <summary>A route with its parameters filled by each seeded entity ({id:long} → every seeded id; a route without parameters once).</summary>
    private static IEnumerable<string> Fill(string template, Seeded s)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return [template];
        }
        long?[] ids = [s.Applicant, s.Member, s.Neighbour, s.Mover, s.Envelope, s.Application];
        return ids.OfType<long>().Distinct().Select(id => Regex.Replace(template, @"\{[^}]+\}", id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A handler's query parameter filled by its name.</summary>
    private static string Value(string name, Seeded s) => name switch
    {
        "month" => Today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "format" => "csv",
        "from" => Today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "to" or "date" => Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "reminders" => "false",
        "address" => Uri.EscapeDataString(s.Secrets[0]),
        "name" => Uri.EscapeDataString(s.ApplicantKana),
        _ => s.Applicant.ToString(CultureInfo.InvariantCulture),
    };
}
