using EmailConnector.Dataverse.Auth;
using EmailConnector.Dataverse.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace EmailConnector.Dataverse.Tests;

public class DataverseServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDataverseClient_ValidConfiguration_ResolvesTheClient()
    {
        using var provider = CreateSut(new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = "https://contoso.crm.dynamics.com",
            ["Dataverse:TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Dataverse:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["Dataverse:ClientSecret"] = "s3cret",
            ["Dataverse:BatchSize"] = "250",
        });

        var client = provider.GetRequiredService<DataverseClient>();

        Assert.Equal(new Uri("https://contoso.crm.dynamics.com/api/data/v9.2/"), client.ServiceRoot);
        Assert.Equal(250, provider.GetRequiredService<IOptions<DataverseOptions>>().Value.BatchSize);
        Assert.IsType<MsalTokenSource>(provider.GetRequiredService<ITokenSource>());
        Assert.NotNull(provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<HttpResponseMessage>(ResiliencePipelineNames.Dataverse));
    }

    [Fact]
    public void AddDataverseClient_MissingUrl_FailsValidationNamingTheSetting()
    {
        using var provider = CreateSut(new Dictionary<string, string?> { ["Dataverse:ClientId"] = "x" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DataverseOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Url", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDataverseClient_TokenSourceRegisteredFirst_IsKept()
    {
        var services = new ServiceCollection();
        var own = new FixedTokenSource();
        services.AddSingleton<ITokenSource>(own);
        services.AddDataverseClient(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<ITokenSource>());
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddDataverseClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private sealed class FixedTokenSource : ITokenSource
    {
        public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult("t");
    }
}
