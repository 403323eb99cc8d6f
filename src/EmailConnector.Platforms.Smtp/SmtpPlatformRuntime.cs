using System.Security.Cryptography;
using EmailConnector.Platforms.Smtp.Composition;
using EmailConnector.Platforms.Smtp.Delivery;
using EmailConnector.Platforms.Smtp.Intake;
using EmailConnector.Platforms.Smtp.Store;
using EmailConnector.Platforms.Smtp.Tokens;
using EmailConnector.Platforms.Smtp.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailConnector.Platforms.Smtp;

/// <summary>The parts that need the store to be ready (schema applied, token key known).</summary>
internal sealed record SmtpPlatformParts(TokenService Tokens, MessageComposer Composer, DeliveryDispatcher Dispatcher, TrackingHandler Tracking, InboundProcessor Inbound);

/// <summary>
/// Everything the platform, its tracking endpoints, its bounce intake and its background service share: options,
/// clock, store, transport. Migrates the store and loads the token key once, on first use.
/// </summary>
internal sealed class SmtpPlatformRuntime : IAsyncDisposable
{
    private const string TokenKeySetting = "token-key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IMessageTransport _transport;
    private readonly Random _random;
    private SmtpPlatformParts? _parts;

    public SmtpPlatformRuntime(SmtpPlatformOptions options, TimeProvider time, ILoggerFactory? loggers = null, IMessageTransport? transport = null, Random? random = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("EmailConnector.Platforms.Smtp");
        Store = SmtpStore.Create(options);
        _transport = transport ?? (options.Delivery == DeliveryMode.Relay
            ? new SmtpRelayTransport(options.Relay)
            : new PickupFolderTransport(options.PickupFolderPath, time));
        _random = random ?? new Random();
        Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }

    public SmtpPlatformOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public SmtpStore Store { get; }

    /// <summary>This process's name in delivery claims.</summary>
    public string Instance { get; }

    public IMessageTransport Transport => _transport;

    public async Task<SmtpPlatformParts> ReadyAsync(CancellationToken cancellationToken)
    {
        if (_parts is { } ready)
            return ready;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_parts is not null)
                return _parts;
            var applied = await Store.MigrateAsync(cancellationToken);
            Log.StoreReady(Logger, Options.Store.ToString(), await Store.GetSchemaVersionAsync(cancellationToken), applied);
            var keys = new List<byte[]>();
            if (Options.TokenSecret is { } secret)
            {
                keys.Add(Convert.FromBase64String(secret));
            }
            else
            {
                Log.UsingStoredTokenKey(Logger);
                keys.Add(Convert.FromBase64String(await Store.GetOrAddSettingAsync(TokenKeySetting, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken)));
            }
            keys.AddRange(Options.PreviousTokenSecrets.Select(Convert.FromBase64String));
            var tokens = new TokenService(keys);
            var signer = DkimKey.CreateSigner(Options.Dkim);
            if (signer is null && Options.AllowUnsignedForLocalUse)
                Log.SendingUnsigned(Logger);
            var composer = new MessageComposer(Options, tokens, signer, Time);
            var dispatcher = new DeliveryDispatcher(Store, _transport, composer, new DomainThrottle(Options.PerDomainMessagesPerMinute, Time),
                new RetryPolicy(Options.RetryBaseDelay, Options.RetryMaxDelay, _random), Options, Time, Logger, Instance);
            var tracking = new TrackingHandler(Store, tokens, Options, Time, Logger);
            var inbound = new InboundProcessor(Store, tokens, Options, Time, Logger);
            return _parts = new SmtpPlatformParts(tokens, composer, dispatcher, tracking, inbound);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _gate.Dispose();
    }
}
