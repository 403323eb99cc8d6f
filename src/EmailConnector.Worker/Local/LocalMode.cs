using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EmailConnector.Dataverse;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Worker.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Local;

/// <summary>When the worker runs in local mode, and the settings local mode puts under the user's configuration.</summary>
public static class LocalMode
{
    // Any of these means the user meant a real org; a partial set then fails validation as before instead of
    // silently starting the emulator.
    private static readonly string[] DataverseKeys =
        [nameof(DataverseOptions.Url), nameof(DataverseOptions.ClientId), nameof(DataverseOptions.ClientSecret), nameof(DataverseOptions.TenantId),
         nameof(DataverseOptions.CertificatePath), nameof(DataverseOptions.Authority)];

    /// <summary>
    /// True when no Dataverse connection is configured at all (no URL, no credentials) and <c>Local:Enabled</c> is not
    /// false (services set it to false, so a lost environment file fails the start instead of running an emulator).
    /// </summary>
    public static bool IsRequested(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetSection(LocalOptions.SectionName).GetValue<bool?>(nameof(LocalOptions.Enabled)) == false)
            return false;
        var section = configuration.GetSection(DataverseOptions.SectionName);
        return DataverseKeys.All(k => string.IsNullOrWhiteSpace(section[k]));
    }

    /// <summary>The local options, validated like every options class (a bad value is a configuration error).</summary>
    public static LocalOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(LocalOptions.SectionName).Get<LocalOptions>() ?? new LocalOptions();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new OptionsValidationException(LocalOptions.SectionName, typeof(LocalOptions), results.Select(r => $"Local: {r.ErrorMessage}"));
        return options;
    }

    /// <summary>
    /// The settings local mode supplies: the emulator as the Dataverse (its local token endpoint and client), the
    /// built-in platform with its folders under the data folder, a Maildir bounce folder, unsigned mail allowed, links
    /// to the tracking listener, PDFsharp under the AGPL for reports, and short intervals so a local run reacts within seconds. Every one of them yields to
    /// the same key in the user's configuration.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings(LocalEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var data = environment.Options.DataFolderPath;
        string Seconds(int s) => TimeSpan.FromSeconds(s).ToString("c", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = environment.EmulatorBaseAddress.ToString(),
            ["Dataverse:ClientId"] = AuthenticationOptions.DefaultClientId,
            ["Dataverse:ClientSecret"] = AuthenticationOptions.DefaultClientSecret,
            ["Dataverse:Authority"] = environment.TokenEndpoint.ToString(),
            ["Dataverse:AuthorityKind"] = nameof(AuthorityKind.TokenEndpoint),
            ["Platforms:Smtp:DataFolder"] = data,
            ["Platforms:Smtp:PickupFolder"] = LocalDefaults.PickupFolder,
            ["Platforms:Smtp:AllowUnsignedForLocalUse"] = "true",
            ["Platforms:Smtp:Intake:Mode"] = "Maildir",
            ["Platforms:Smtp:Intake:MaildirPath"] = environment.Options.BounceFolderPath,
            ["Platforms:Smtp:PollInterval"] = Seconds(2),
            // Local clicks come from you or the demo seconds after sending, which the scanner heuristic would flag.
            ["Platforms:Smtp:ScannerClickWindow"] = Seconds(0),
            [TrackingOptions.SectionName + ":Url"] = environment.TrackingUrl,
            ["Queue:PollInterval"] = Seconds(2),
            ["Health:QueueRefreshInterval"] = Seconds(5),
            ["Reactions:PullInterval"] = Seconds(30),
            // A local run is the unmodified product run from its own source clone, which meets the AGPL's source
            // obligations; a deployment against a real org decides for itself (docs/decisions/0005).
            ["Reports:PdfSharpLicense"] = "AGPL",
            // A console to read: the worker's own events, not every HTTP call and retry decision underneath.
            ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Warning",
            ["Serilog:MinimumLevel:Override:Polly"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning",
        };
        // Tracking turned off (an empty URL) leaves the platform's own default public base URL.
        if (!string.IsNullOrWhiteSpace(environment.TrackingUrl))
            settings["Platforms:Smtp:PublicBaseUrl"] = environment.TrackingUrl;
        return settings;
    }
}
