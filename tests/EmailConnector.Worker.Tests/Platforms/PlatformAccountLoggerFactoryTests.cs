using EmailConnector.Worker.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class PlatformAccountLoggerFactoryTests
{
    [Fact]
    public void CreateLogger_EveryLine_CarriesThePlatformAccountAsScope()
    {
        var account = Guid.NewGuid();
        using var collector = new FakeLoggerProvider();
        using var inner = LoggerFactory.Create(builder => builder.AddProvider(collector).SetMinimumLevel(LogLevel.Debug));
        using var factory = new PlatformAccountLoggerFactory(inner, account);

        var logger = factory.CreateLogger("EmailConnector.Platforms.Dotdigital.DotdigitalPlatform");
        logger.LogInformation("Address book {AddressBookId} created", 1001);
        logger.LogTrace("below the minimum level");

        var record = Assert.Single(collector.Collector.GetSnapshot());
        Assert.Equal("Address book 1001 created", record.Message);
        Assert.Equal("EmailConnector.Platforms.Dotdigital.DotdigitalPlatform", record.Category);
        var scope = Assert.Single(record.Scopes);
        var property = Assert.Single(Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(scope));
        Assert.Equal(("PlatformAccountId", (object?)account), (property.Key, property.Value));
    }
}
