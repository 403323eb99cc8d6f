using System.Net;
using System.Net.Http.Headers;
using EmailConnector.Emulator.WebApi.Hosting;
using EmailConnector.Emulator.WebApi.Tests.Support;
using Microsoft.Identity.Client;

namespace EmailConnector.Emulator.WebApi.Tests.Hosting;

/// <summary>The server over HTTPS, and MSAL's confidential client getting tokens from the local issuer.</summary>
public sealed class EmulatorServerTests
{
    [Fact]
    public async Task Msal_ClientCredentialsAgainstHttpsServer_GetsATokenTheApiAccepts()
    {
        await using var host = await WebApiHost.StartAsync(_ => new WebApiOptions { UseHttps = true });
        var server = host.Server;
        var thumbprint = server.Certificate!.Thumbprint;
        HttpClient Trusting() => new(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        });
        var app = ConfidentialClientApplicationBuilder.Create(AuthenticationOptions.DefaultClientId)
            .WithClientSecret(AuthenticationOptions.DefaultClientSecret)
            .WithAuthority(server.Authority.ToString(), validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new Factory(Trusting()))
            .Build();

        var result = await app.AcquireTokenForClient([server.Scope]).ExecuteAsync();
        var cached = await app.AcquireTokenForClient([server.Scope]).ExecuteAsync();

        Assert.Equal(TokenSource.IdentityProvider, result.AuthenticationResultMetadata.TokenSource);
        Assert.Equal(TokenSource.Cache, cached.AuthenticationResultMetadata.TokenSource);
        using var client = Trusting();
        client.BaseAddress = server.ServiceRoot;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("WhoAmI")).StatusCode);
        Assert.StartsWith("https://127.0.0.1:", server.ServiceRoot.ToString());
    }

    [Fact]
    public async Task Start_TwoServers_GetDistinctEphemeralPorts()
    {
        await using var first = await WebApiHost.StartAsync();
        await using var second = await WebApiHost.StartAsync();

        Assert.NotEqual(first.Server.BaseAddress.Port, second.Server.BaseAddress.Port);
        Assert.Equal("127.0.0.1", first.Server.BaseAddress.Host);
    }

    [Fact]
    public async Task Get_UrlUpToDataversesLimit_IsServed_AndLongerIs414()
    {
        await using var host = await WebApiHost.StartAsync();
        string Url(int length)
        {
            var prefix = host.Root + "contacts?$select=lastname&$filter=lastname ne '";
            return prefix + new string('x', length - prefix.Length - 1) + "'";
        }

        using var longest = await host.Client.GetAsync(new Uri(Url(30_000)));
        using var tooLong = await host.Client.GetAsync(new Uri(Url(EmulatorServer.MaxUrlLength + 200)));

        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
    }

    private sealed class Factory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}
