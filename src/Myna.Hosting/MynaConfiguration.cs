using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Myna.Core.Identifiers;
using Myna.Storage.Stores;

namespace Myna.Hosting;

/// <summary>
/// The one way a host reads its configuration, the web host and the CLI alike: <c>myna.json</c> under the Myna home
/// (optional unless named), then <c>Myna__*</c> environment variables, bound to <see cref="MynaOptions"/>, paths resolved,
/// and checked by <see cref="MynaOptionsValidator"/> before anything opens a store.
/// </summary>
public static class MynaConfiguration
{
    public static IConfigurationBuilder AddMynaSources(this IConfigurationBuilder builder, string? configFile = null) =>
        builder.AddJsonFile(Path.GetFullPath(configFile ?? "myna.json", MynaOptions.Home), optional: configFile is null).AddEnvironmentVariables();

    /// <summary>
    /// The options of <paramref name="configuration"/>'s <c>Myna</c> section. The public URL defaults to the first address the
    /// host listens on (<c>urls</c>, §7.2: the certificates' CRL and OCSP addresses must be where it answers); with
    /// <paramref name="demo"/> and no municipality configured, the two demo municipalities (a move between them can be tried, §8.6).
    /// Throws <see cref="OptionsValidationException"/> naming every setting that is wrong.
    /// </summary>
    public static MynaOptions Read(IConfiguration configuration, bool demo = false)
    {
        var options = new MynaOptions();
        configuration.GetSection("Myna").Bind(options);
        if (configuration["Myna:PublicUrl"] is null && MynaOptions.PublicUrlFor(configuration["urls"]) is { } listening)
        {
            options.PublicUrl = listening;
        }
        if (demo && options.Municipalities.Count == 0)
        {
            options.Municipalities.AddRange([MynaOptions.Demo, MynaOptions.DemoNeighbour]);
        }
        options.ResolvePaths();
        if (new MynaOptionsValidator().Validate(null, options) is { Failed: true } result)
        {
            throw new OptionsValidationException("Myna", typeof(MynaOptions), result.Failures);
        }
        return options;
    }

    /// <summary>Reads <c>myna.json</c> (optional unless named) and <c>Myna__*</c> environment variables, as the CLI does.</summary>
    public static MynaOptions Load(string? configFile = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        Read(new ConfigurationBuilder().AddMynaSources(configFile).AddInMemoryCollection(overrides ?? []).Build());
}

/// <summary>What must hold of the options before a host starts (each failure names its setting).</summary>
public sealed class MynaOptionsValidator : IValidateOptions<MynaOptions>
{
    public ValidateOptionsResult Validate(string? name, MynaOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in options.Municipalities)
        {
            if (!MunicipalityCode.TryParse(m.Code, out _, out var problem))
            {
                failures.Add($"Myna:Municipalities: '{m.Code}' is not a municipality code: {problem.Message}");
            }
            else if (!seen.Add(m.Code))
            {
                failures.Add($"Myna:Municipalities: {m.Code} is configured twice");
            }
        }
        if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.Database.PostgresConnection))
        {
            failures.Add("Myna:Database:Provider is Postgres but Myna:Database:PostgresConnection is empty");
        }
        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl) || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Myna:PublicUrl: '{options.PublicUrl}' is not an http(s):// address");
        }
        if (options.National.Remote && (!Uri.TryCreate(options.National.Url, UriKind.Absolute, out var national) || national.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Myna:National:Url: '{options.National.Url}' is not an https:// address");
        }
        if (options.CrlRefreshSeconds <= 0)
        {
            failures.Add("Myna:CrlRefreshSeconds must be a positive number of seconds");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
