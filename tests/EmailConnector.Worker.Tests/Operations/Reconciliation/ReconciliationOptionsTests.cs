using EmailConnector.Worker.Operations.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using EmailConnector.Worker.Operations;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Tests.Operations.Reconciliation;

public sealed class ReconciliationOptionsTests
{
    [Fact]
    public void Options_Unset_AreTheWorkerDefaults()
    {
        var options = Build([]).Value;

        Assert.True(options.Enabled);
        Assert.Equal(WorkerDefaults.ReconciliationInterval, options.Interval);
        Assert.Equal(1000, options.PageSize);
        Assert.True(options.PushCrmSuppressions);
    }

    [Theory]
    [InlineData("Reconciliation:Interval", "00:00:10")]
    [InlineData("Reconciliation:PageSize", "0")]
    public void Options_OutOfRange_FailValidation(string key, string value)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Build(new() { [key] = value }).Value);

        Assert.Contains(key.Split(':')[1], exception.Message, StringComparison.Ordinal);
    }

    private static IOptions<ReconciliationOptions> Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddEmailConnectorOperations(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ReconciliationOptions>>();
    }
}
