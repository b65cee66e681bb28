using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Storage;
using Myna.Web.Account;
using Myna.Web.Api;
using Myna.Web.Infrastructure;
using Myna.Web.NationalApi;
using Myna.Web.Security;

// Before anything can create a file: databases, keys and letters are the owner's alone (DOMAIN §12).
PrivateFiles.RestrictUmask();

// "--demo" is a flag of ours, not a configuration key: take it out before the host reads args.
var demo = args.Contains("--demo");
// "--role national|municipal|all" too (ARCHITECTURE principle 1): which side of the network this host is.
var hostArgs = args.Where(a => a != "--demo").ToList();
HostRole role;
MynaOptions options;
int? nationalPort = null;
WebApplicationBuilder builder;
try
{
    role = HostRoles.Parse(hostArgs);
    builder = WebApplication.CreateBuilder(hostArgs.ToArray());
    builder.Configuration.AddMynaSources();
    demo |= builder.Configuration.GetValue<bool>("Myna:Demo");
    options = MynaConfiguration.Read(builder.Configuration, demo);
    HostRoles.Validate(role, options, demo);
    if (role != HostRole.Municipal && !string.IsNullOrWhiteSpace(options.National.ListenUrl))
    {
        nationalPort = HostRoles.Listen(builder, options);
    }
}
catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException or Microsoft.Extensions.Options.OptionsValidationException)
{
    Console.Error.WriteLine("Myna: cannot start: " + e.Message);
    Environment.Exit(2);
    return;
}

// ARCHITECTURE principle 4: the options read and validated once, each side's services by its own registration.
builder.Services.AddMyna(options);
if (role != HostRole.Municipal)
{
    builder.Services.AddMynaNational();
}
if (role != HostRole.National)
{
    builder.Services.AddMynaMunicipal();
}
// Japanese text goes out as UTF-8, not as &#x…; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddHttpContextAccessor();
// Sign-in cookies and API tokens stay valid across restarts: their keys live with Myna's keys.
builder.Services.AddDataProtection();
builder.Services.AddOptions<KeyManagementOptions>().Configure<MynaRuntime>((o, runtime) =>
    o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(runtime.Keys.Root, "web")), NullLoggerFactory.Instance));
builder.Services.AddScoped<MunicipalScope>();
builder.Services.AddScoped<ResidentServices>();
builder.Services.AddSingleton<PublicApplications>();
builder.Services.AddSingleton(sp => new Myna.National.NationalApi.IdempotencyKeys(sp.GetRequiredService<MynaRuntime>().Stores.National, sp.GetRequiredService<TimeProvider>()));
if (role != HostRole.Municipal)
{
    builder.Services.AddHostedService<CrlRefresh>();
}
if (role != HostRole.National)
{
    builder.Services.AddOutboxDelivery();
    builder.Services.AddAbroadMoveProcessing();
}
// A photo (at most 7 MB, DOMAIN §4.3) is read in memory rather than through a temporary file.
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MemoryBufferThreshold = 8 * 1024 * 1024);
builder.Services.AddScoped(sp => UiText.For(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!));

builder.Services.AddStaffAccess(builder.Configuration);
builder.Services.AddRazorPages();
builder.Services.AddSecurityHeaders();
// Field limits on every page handler, as on every API endpoint (DOMAIN §12: nothing unbounded is stored).
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new InputLimits.PageFilter()));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Myna API";
    document.Info.Description = "Resident register of a municipality (DOMAIN §2). Individual numbers are masked unless revealed with a registered purpose; every reveal is audited (§12).";
    return Task.CompletedTask;
}));

var app = builder.Build();

var runtime = app.Services.GetRequiredService<MynaRuntime>();
var demoNotices = new List<(Myna.Core.Municipalities.Municipality Municipality, DemoNotice Notice)>();
var demoHolders = new List<DemoHolder>();
if (demo)
{
    Console.WriteLine("Myna: preparing the demo (keys, databases, residents, cards, windows) …");
    await DemoSetup.EnsureDemoAsync(runtime, builder.Configuration.GetValue("Myna:DemoResidents", 2000), seed: 1, Console.Out);
    foreach (var m in runtime.Stores.Municipalities)
    {
        demoNotices.AddRange((await DemoIssuance.EnsureAsync(runtime, m.Code, Myna.Documents.Demo.DemoPortrait.Jpeg, Console.Out)).Select(n => (m, n)));
    }
    demoHolders.AddRange(await DemoLifecycle.EnsureAsync(runtime, runtime.Stores.Municipalities.First().Code, Console.Out));
}
else
{
    await HostRoles.MigrateAsync(runtime, role);
}

app.UseExceptionHandler();
app.UseRole(role, nationalPort);
app.UseOcsp();
app.UseSecurityHeaders();
// A bodiless 4xx/5xx: people get a page in their language with the way home (a mistyped staff
// address is a 404 page, not JSON); the API, PKI and health endpoints keep ProblemDetails.
app.UseWhen(http => !MachineEndpoints.Is(http), branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseWhen(MachineEndpoints.Is, branch => branch.UseStatusCodePages());
app.UseStaticFiles();
app.UseRouting();
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseStaffSessionCheck();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
var api = app.MapGroup("/api/v1");
api.AddEndpointFilterFactory(InputLimits.Filter);
api.MapAuthApi();
api.MapResidentsApi();
api.MapResidenceApi();
api.MapMailApi();
api.MapApplicationsApi();
api.MapVerifierApi();
api.MapIdentityVerificationApi();
api.MapSupportMeasureCheckApi();
api.MapPublicAppointmentsApi();
api.MapClosedDaysApi();
api.MapLifecycleApi();
api.MapAbroadMovesApi();
api.MapReportsApi();
api.MapSupportMeasuresApi();
api.MapSupportMeasureForwardsApi();
app.MapPki();
app.MapAccount();
app.MapRazorPages();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
if (nationalPort is { } port)
{
    app.MapNationalApi(port);
}

app.EnsureEveryEndpointDeclares();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    Console.WriteLine($"Myna is running at {urls}");
    Console.WriteLine($"  role: {role.ToString().ToLowerInvariant()}");
    if (nationalPort is not null)
    {
        Console.WriteLine($"  national API (client certificates of the network CA): {runtime.Options.National.ListenUrl}{Myna.Hosting.Network.NationalWire.Prefix}");
    }
    Console.WriteLine($"  public address (certificates' CRL and OCSP, booking and application links): {runtime.Options.PublicUrl}");
    foreach (var m in role == HostRole.National ? [] : runtime.Stores.Municipalities)
    {
        Console.WriteLine($"  municipality {m.Code.Value} {m.Prefecture}{m.Name}: {runtime.Stores.Describe(m.Code.Value)}");
    }
    if (demo)
    {
        Console.WriteLine("  demo staff accounts (user / password / role):");
        foreach (var a in DemoSetup.Accounts)
        {
            Console.WriteLine($"    {a.UserName,-11} {a.Password,-22} {a.Role}  {a.DisplayName}");
        }
        var op = DemoSetup.Operator;
        Console.WriteLine($"    {op.UserName,-11} {op.Password,-22} {op.Role}  {op.DisplayName}  (sign in to J-LIS: certificates at /national)");
        using var db = runtime.Stores.OpenMunicipal(runtime.Stores.Municipalities.First().Code);
        if (DemoForms.UnusedAsync(db, Myna.Core.Calendar.JapanClock.Today(runtime.Time)).GetAwaiter().GetResult() is { } form)
        {
            Console.WriteLine($"  try the online application at {runtime.Options.PublicUrl}/apply?id={form.ApplicationId} (birth date {form.BirthDate:yyyy-MM-dd} for /status)");
        }
        foreach (var h in demoHolders)
        {
            Console.WriteLine($"  {runtime.Stores.Municipalities.First().Name}: card holder {h.FullName} ({h.BirthDate:yyyy-MM-dd}, {h.Address}): try a loss call at /national/call-centre, then the card page at /residents/{h.ResidentId}/card");
        }
        foreach (var (m, n) in demoNotices)
        {
            Console.WriteLine($"  {m.Name}: issuance notice {Myna.Documents.Issuance.IssuanceNoticePdf.Grouped(n.Number)} (birth date {n.BirthDate:yyyy-MM-dd}, {n.FullName}): " +
                $"book at {runtime.Options.PublicUrl}/book, hand over at /window");
        }
    }
});

await app.RunAsync();

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;
