using EmailConnector.Dataverse.Auth;
using EmailConnector.Dataverse.Tests.Support;
using EmailConnector.Emulator.WebApi.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Dataverse.Tests.Auth;

/// <summary>The plain OAuth 2.0 token source against the emulator's local issuer over loopback HTTP.</summary>
public sealed class ClientCredentialsTokenSourceTests
{
    [Fact]
    public async Task GetTokenAsync_RepeatedCalls_AreServedFromTheCache()
    {
        await using var front = await DataverseFront.StartAsync();

        await front.Client.WhoAmIAsync();
        await front.Client.WhoAmIAsync();
        await front.Client.WhoAmIAsync();

        Assert.Equal(1, front.Services.GetRequiredService<ClientCredentialsTokenSource>().TokensRequested);
    }

    [Fact]
    public async Task GetTokenAsync_NearExpiry_RenewsBeforeTheServerWouldRefuse()
    {
        var clock = new FakeTimeProvider(DataverseFront.Start);
        await using var front = await DataverseFront.StartAsync(clock);
        var tokens = front.Services.GetRequiredService<ClientCredentialsTokenSource>();
        await front.Client.WhoAmIAsync();

        clock.Advance(TimeSpan.FromMinutes(54));
        await front.Client.WhoAmIAsync();
        Assert.Equal(1, tokens.TokensRequested);

        clock.Advance(TimeSpan.FromMinutes(2));
        await front.Client.WhoAmIAsync();
        Assert.Equal(2, tokens.TokensRequested);
        Assert.DoesNotContain(front.Attempts.Attempts, a => a.Status == 401);
    }

    [Fact]
    public async Task GetTokenAsync_WrongSecret_FailsWithTheIssuersAnswer()
    {
        await using var front = await DataverseFront.StartAsync(settings: new Dictionary<string, string?> { ["ClientSecret"] = "wrong" });

        var error = await Assert.ThrowsAsync<DataverseAuthenticationException>(() => front.Client.WhoAmIAsync());

        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_RejectedWith401_IsRefreshedOnceAndTheCallSucceeds()
    {
        var stale = new StaleFirstTokenSource();
        await using var front = await DataverseFront.StartAsync(configureServices: (services, server) =>
            services.AddSingleton<ITokenSource>(sp => stale.Wrap(sp.GetRequiredService<ClientCredentialsTokenSource>())));

        var me = await front.Client.WhoAmIAsync();

        Assert.Equal(front.Organization.Options.DefaultUserId, me.UserId);
        Assert.Equal([401, 200], front.Attempts.Attempts.Select(a => a.Status));
    }

    /// <summary>Hands out a token the server does not accept until asked to force a refresh.</summary>
    private sealed class StaleFirstTokenSource : ITokenSource
    {
        private ITokenSource? _inner;
        private bool _refreshed;

        public ITokenSource Wrap(ITokenSource inner)
        {
            _inner = inner;
            return this;
        }

        public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            _refreshed |= forceRefresh;
            return _refreshed ? await _inner!.GetTokenAsync(forceRefresh, cancellationToken) : "eyJhbGciOiJIUzI1NiJ9.e30.revoked";
        }
    }
}
