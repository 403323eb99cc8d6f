using System.ComponentModel.DataAnnotations;
using EmailConnector.Worker.Tracking;

namespace EmailConnector.Worker.Tests.Tracking;

public sealed class TrackingOptionsTests
{
    [Fact]
    public void Ctor_DefaultServesThePlatformsDefaultPublicBaseUrl()
    {
        var options = new TrackingOptions();

        Assert.Equal("http://127.0.0.1:5080", options.Url);
        Assert.Equal(new Uri(new EmailConnector.Platforms.Smtp.SmtpPlatformOptions().PublicBaseUrl).Port, new Uri(options.Url!).Port);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", false)]
    [InlineData("http://127.0.0.1:5080/t", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("", true)]
    public void Validate_ListenUrl(string url, bool valid)
    {
        var options = new TrackingOptions { Url = url };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal(url.Length > 0, options.Enabled);
    }
}
