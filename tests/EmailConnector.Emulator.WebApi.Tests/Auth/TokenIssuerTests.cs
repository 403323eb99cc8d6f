using System.Net;
using System.Text.Json;
using EmailConnector.Emulator.WebApi.Auth;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EmailConnector.Emulator.WebApi.Tests.Auth;

/// <summary>The local issuer: client-credentials form post, token validation, and 401 without a valid token.</summary>
public sealed class TokenIssuerTests : IAsyncLifetime
{
    private WebApiHost _host = null!;

    public async Task InitializeAsync() => _host = await WebApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> RequestToken(string path, params (string, string)[] form)
    {
        using var client = new HttpClient { BaseAddress = _host.Server.BaseAddress };
        return await client.PostAsync(path, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
    }

    [Theory]
    [InlineData("_emulator/token")]
    [InlineData("00000000-0000-0000-0000-0000000000e1/oauth2/v2.0/token")]
    public async Task ClientCredentials_ValidSecret_IssuesABearerTokenTheApiAccepts(string path)
    {
        var response = await RequestToken(path, ("grant_type", "client_credentials"), ("client_id", "emulator-client"),
            ("client_secret", "emulator-secret"), ("scope", _host.Server.Scope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3599, body.RootElement.GetProperty("expires_in").GetInt64());
        using var client = WebApiHost.NewClient(_host.Server, body.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("WhoAmI")).StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_Is401InvalidClient()
    {
        var response = await RequestToken("_emulator/token", ("grant_type", "client_credentials"), ("client_id", "emulator-client"),
            ("client_secret", "nope"), ("scope", _host.Server.Scope));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClientCredentials_WrongGrantOrScope_Is400()
    {
        var grant = await RequestToken("_emulator/token", ("grant_type", "password"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"), ("scope", _host.Server.Scope));
        var scope = await RequestToken("_emulator/token", ("grant_type", "client_credentials"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"), ("scope", "user_impersonation"));

        Assert.Contains("unsupported_grant_type", await grant.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Contains("invalid_scope", await scope.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJhcHBpZCI6ImVtdWxhdG9yLWNsaWVudCJ9.forged")]
    public async Task WebApi_WithoutValidToken_Is401WithErrorBodyAndChallenge(string? token)
    {
        using var client = WebApiHost.NewClient(_host.Server, token);

        var response = await client.GetAsync("contacts");

        await WebApiHost.ErrorAsync(response, 401);
        Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task WebApi_ExpiredToken_Is401()
    {
        var token = _host.Server.IssueToken();
        _host.Clock.Advance(TimeSpan.FromHours(1));
        using var client = WebApiHost.NewClient(_host.Server, token);

        var (_, message) = await WebApiHost.ErrorAsync(await client.GetAsync("WhoAmI"), 401);

        Assert.Contains("expired", message);
    }

    [Fact]
    public void Validate_TokenSignedByAnotherKey_IsRejected()
    {
        var clock = new FakeTimeProvider(WebApiHost.Start);
        var mine = new TokenIssuer(new AuthenticationOptions(), clock);
        var theirs = new TokenIssuer(new AuthenticationOptions(), clock);

        var identity = mine.Validate(theirs.Issue("emulator-client", "http://x", "http://x/t/v2.0"), out var reason);

        Assert.Null(identity);
        Assert.Contains("signature", reason);
    }

    [Fact]
    public async Task ClientWithUser_RunsRequestsAsThatUser()
    {
        var system = new EmailConnector.Emulator.Pipeline.EmulatorOptions().SystemUserId;
        await using var host = await WebApiHost.StartAsync(_ => new WebApiOptions
        {
            Authentication = new AuthenticationOptions
            {
                Clients = new Dictionary<string, ClientRegistration>
                {
                    [AuthenticationOptions.DefaultClientId] = new(AuthenticationOptions.DefaultClientSecret),
                    ["worker"] = new("s3cret", system),
                },
            },
        });

        using var client = WebApiHost.NewClient(host.Server, host.Server.IssueToken("worker"));
        using var body = JsonDocument.Parse(await (await client.GetAsync("WhoAmI")).Content.ReadAsStringAsync());

        Assert.Equal(system.ToString(), body.RootElement.GetProperty("UserId").GetString());
        Assert.NotEqual(host.Organization.Options.DefaultUserId, system);
    }
}
