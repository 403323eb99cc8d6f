using System.Net;
using EmailConnector.Platforms.Smtp.Delivery;
using EmailConnector.Platforms.Smtp.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Platforms.Smtp.Tests.Support;

/// <summary>
/// The SMTP platform on a temporary folder (SQLite, pickup delivery, a Maildir bounce mailbox) with its tracking
/// endpoints on a loopback Kestrel at an ephemeral port: what a worker hosts, minus the worker.
/// </summary>
internal sealed class SmtpTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmtpTestHost(WebApplication app, SmtpPlatformOptions options, SmtpPlatformRuntime runtime, string folder)
    {
        _app = app;
        Options = options;
        Runtime = runtime;
        Folder = folder;
        Platform = new SmtpEmailPlatform(runtime);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(options.PublicBaseUrl) };
    }

    public SmtpPlatformOptions Options { get; }

    public SmtpPlatformRuntime Runtime { get; }

    public SmtpEmailPlatform Platform { get; }

    public string Folder { get; }

    /// <summary>A client for the tracking endpoints; redirects are not followed.</summary>
    public HttpClient Http { get; }

    public string MaildirPath => Options.Intake.MaildirPath!;

    public static async Task<SmtpTestHost> StartAsync(
        FakeTimeProvider time, Action<SmtpPlatformOptions>? configure = null, IMessageTransport? transport = null, bool signed = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ec-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new SmtpPlatformOptions
        {
            DataFolder = folder,
            TokenSecret = TestKeys.TokenSecret,
            ReturnPathDomain = "bounces.example.com",
            Intake = new IntakeOptions { Mode = IntakeMode.Maildir, MaildirPath = Path.Combine(folder, "bounces") },
            AllowUnsignedForLocalUse = !signed,
        };
        if (signed)
        {
            options.Dkim = new DkimOptions { Domain = TestKeys.DkimDomain, Selector = TestKeys.DkimSelector, PrivateKeyPem = TestKeys.DkimPrivateKeyPem };
        }
        configure?.Invoke(options);

        SmtpPlatformRuntime? runtime = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(_ => runtime!);
        var app = builder.Build();
        app.MapSmtpPlatformTracking();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The base URL is only known once Kestrel has its port; the composer reads it on first use.
        options.PublicBaseUrl = address;
        runtime = new SmtpPlatformRuntime(options, time, null, transport, new Random(7));
        return new SmtpTestHost(app, options, runtime, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool on a slow machine; the temp folder is cleaned by the OS eventually.
        }
    }
}
