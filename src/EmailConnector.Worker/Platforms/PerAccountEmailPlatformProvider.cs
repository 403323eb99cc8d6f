using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Dotdigital.Http;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Platforms;

/// <summary>
/// The platform of each account: its own from <c>Platforms:Accounts</c> when listed (a Dotdigital adapter per entry,
/// made on first use and owned here; the one built-in SMTP platform from the container), else the default platform
/// the container holds as <see cref="IEmailPlatform"/> (<c>Worker:Platform</c>), else a permanent failure that says
/// which setting to add. A worker with no platform at all still starts: its platform work is parked with that reason.
/// </summary>
public sealed class PerAccountEmailPlatformProvider : IEmailPlatformProvider, IDisposable
{
    private readonly IReadOnlyList<IEmailPlatform> _defaults;
    private readonly IServiceProvider _services;
    private readonly ILogger<PerAccountEmailPlatformProvider> _logger;
    private readonly Dictionary<Guid, Lazy<IEmailPlatform>> _accounts = [];
    private readonly List<IDisposable> _owned = [];

    public PerAccountEmailPlatformProvider(
        IEnumerable<IEmailPlatform> defaults,
        IOptions<PlatformAccountsOptions> options,
        IServiceProvider services,
        ILogger<PerAccountEmailPlatformProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(options);
        _defaults = defaults.ToList();
        _services = services;
        _logger = logger;
        foreach (var (key, entry) in options.Value.Accounts)
        {
            // Validated at start; an entry without a usable id can only come from a host that skipped validation.
            if (entry.AccountId is { } id)
                _accounts[id] = new Lazy<IEmailPlatform>(() => Create(id, key, entry), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        if (_accounts.Count > 0)
            PlatformAccountLog.AccountsConfigured(logger, _accounts.Count, _defaults.Count == 1 ? _defaults[0].Capabilities.PlatformName : EmailPlatformChoice.None);
    }

    public IEmailPlatform For(Guid platformAccountId)
    {
        if (_accounts.TryGetValue(platformAccountId, out var own))
            return own.Value;
        return _defaults.Count switch
        {
            1 => _defaults[0],
            0 => throw new PermanentRequestException(
                $"No email platform is configured for platform account {platformAccountId:D}: add an entry with Id {platformAccountId:D}, its Platform and settings to {PlatformAccountsOptions.SectionName}, or set a default platform in Worker:Platform."),
            _ => throw new PermanentRequestException(
                $"{_defaults.Count} email platforms are registered as the default (platform account {platformAccountId:D}); give the account its own in {PlatformAccountsOptions.SectionName}."),
        };
    }

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var platform in _owned)
                platform.Dispose();
            _owned.Clear();
        }
    }

    private IEmailPlatform Create(Guid id, string key, PlatformAccountSettings entry)
    {
        var path = PlatformAccountsOptions.PathOf(key);
        IEmailPlatform platform;
        if (EmailPlatformChoice.Is(entry.Platform, EmailPlatformChoice.Dotdigital))
        {
            var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
            var dotdigital = DotdigitalPlatformFactory.Create(
                entry.Dotdigital ?? new DotdigitalOptions(),
                time,
                _services.GetService<IDotdigitalDelay>(),
                new PlatformAccountLoggerFactory(_services.GetRequiredService<ILoggerFactory>(), id));
            lock (_owned)
                _owned.Add(dotdigital);
            platform = dotdigital;
        }
        else if (EmailPlatformChoice.Is(entry.Platform, EmailPlatformChoice.Smtp))
        {
            platform = _services.GetService<SmtpEmailPlatform>()
                ?? throw new PermanentRequestException($"Platform account {id:D} is given the built-in SMTP platform ({path}), but this worker has not registered it.");
        }
        else
        {
            throw new PermanentRequestException($"{path}:Platform '{entry.Platform}' is not a platform this worker knows (platform account {id:D}).");
        }

        PlatformAccountLog.AccountPlatformCreated(_logger, id, platform.Capabilities.PlatformName, path);
        return platform;
    }
}
