using System.Net;
using EmailConnector.Dataverse.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmailConnector.Dataverse.Tests.Auth;

public class BearerTokenHandlerTests
{
    [Fact]
    public async Task SendAsync_SetsTheCachedToken()
    {
        var tokens = new CountingTokenSource();
        var inner = new RecordingHandler(HttpStatusCode.OK);
        using var client = CreateSut(tokens, inner);

        await client.GetAsync(new Uri("https://org.crm.dynamics.com/api/data/v9.2/WhoAmI"));

        Assert.Equal(["Bearer token-1"], inner.Authorizations);
        Assert.Equal(0, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task SendAsync_401_RefreshesOnceAndResends()
    {
        var tokens = new CountingTokenSource();
        var inner = new RecordingHandler(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var client = CreateSut(tokens, inner);

        using var response = await client.GetAsync(new Uri("https://org.crm.dynamics.com/api/data/v9.2/WhoAmI"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], inner.Authorizations);
        Assert.Equal(1, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task SendAsync_401Twice_ReturnsTheSecond401()
    {
        var inner = new RecordingHandler(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var client = CreateSut(new CountingTokenSource(), inner);

        using var response = await client.GetAsync(new Uri("https://org.crm.dynamics.com/api/data/v9.2/WhoAmI"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, inner.Authorizations.Count);
    }

    private static HttpClient CreateSut(ITokenSource tokens, HttpMessageHandler inner) =>
        new(new BearerTokenHandler(tokens, NullLogger<BearerTokenHandler>.Instance) { InnerHandler = inner });

    private sealed class CountingTokenSource : ITokenSource
    {
        private int _issued;

        public int ForcedRefreshes { get; private set; }

        public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (forceRefresh || _issued == 0)
            {
                ForcedRefreshes += forceRefresh ? 1 : 0;
                _issued++;
            }

            return ValueTask.FromResult("token-" + _issued);
        }
    }

    private sealed class RecordingHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization!.ToString());
            return Task.FromResult(new HttpResponseMessage(statuses[Authorizations.Count - 1]));
        }
    }
}
