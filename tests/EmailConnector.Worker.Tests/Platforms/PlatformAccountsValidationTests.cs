using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using EmailConnector.Worker.Platforms;

namespace EmailConnector.Worker.Tests.Platforms;

public sealed class PlatformAccountsValidationTests
{
    private const string A = "a0000000-0000-0000-0000-00000000000a";
    private const string B = "b0000000-0000-0000-0000-00000000000b";

    [Fact]
    public void Validate_TwoDotdigitalAccountsAndOneSmtpWithoutSmtpDefault_Succeeds()
    {
        var result = Validate("Dotdigital", ("0", Dotdigital(A)), ("1", Dotdigital(B)), ("2", Smtp("c0000000-0000-0000-0000-00000000000c")));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NoAccounts_SucceedsWhateverTheDefault()
    {
        Assert.True(Validate(null).Succeeded);
        Assert.True(Validate("Dotdigital").Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("brand-a")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Validate_IdMissingOrNotAGuid_FailsNamingTheEntry(string? id)
    {
        var entry = Dotdigital(A);
        entry.Id = id;

        var result = Validate("Dotdigital", ("brandA", entry));

        Assert.Equal([$"Platforms:Accounts:brandA:Id must be the ec_platformaccount id (a GUID), not '{id}'."], result.Failures);
    }

    [Fact]
    public void Validate_SameIdTwice_FailsNamingBothEntries()
    {
        var result = Validate("Dotdigital", ("0", Dotdigital(A)), ("1", Dotdigital(A.ToUpperInvariant())));

        Assert.Equal([$"Platforms:Accounts:1:Id {A} is already listed under Platforms:Accounts:0."], result.Failures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mailchimp")]
    [InlineData("None")]
    public void Validate_UnknownPlatform_Fails(string? platform)
    {
        var entry = Dotdigital(A);
        entry.Platform = platform;

        var result = Validate("Dotdigital", ("0", entry));

        Assert.Equal([$"Platforms:Accounts:0:Platform must be Smtp or Dotdigital, not '{platform}'."], result.Failures);
    }

    [Fact]
    public void Validate_DotdigitalWithoutCredentials_FailsNamingEachMissingSetting()
    {
        var result = Validate("Dotdigital", ("0", new PlatformAccountSettings { Id = A, Platform = "dotdigital" }));

        Assert.Contains("Platforms:Accounts:0:Dotdigital: ApiUser: The ApiUser field is required.", result.Failures!);
        Assert.Contains("Platforms:Accounts:0:Dotdigital: ApiPassword: The ApiPassword field is required.", result.Failures!);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void Validate_DotdigitalWithABadSettingAndSmtpSettings_FailsForBoth()
    {
        var entry = Dotdigital(A);
        entry.Dotdigital!.MaxImportBatchSize = 0;
        entry.Dotdigital.DiscoveryEndpoint = new Uri("/v2", UriKind.Relative);
        entry.Smtp = new SmtpPlatformOptions();

        var failures = Validate("Dotdigital", ("0", entry)).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains("Platforms:Accounts:0:Smtp does not apply to a Dotdigital account.", failures);
        Assert.Contains(failures, f => f.StartsWith("Platforms:Accounts:0:Dotdigital: MaxImportBatchSize:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Platforms:Accounts:0:Dotdigital: DiscoveryEndpoint, ApiEndpoint:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Smtp")]
    public void Validate_SmtpAccountWhileSmtpIsTheDefault_FailsSayingWhy(string? defaultPlatform)
    {
        var result = Validate(defaultPlatform, ("0", Dotdigital(A)), ("1", Smtp(B)));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Platforms:Accounts:1: " + PlatformAccountsValidation.SmtpOnceReason, failure, StringComparison.Ordinal);
        Assert.Contains("Worker:Platform", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoSmtpAccounts_FailsForTheSecond()
    {
        var result = Validate("None", ("0", Smtp(A)), ("1", Smtp(B)));

        Assert.Equal([$"Platforms:Accounts:1: {PlatformAccountsValidation.SmtpOnceReason}, and Platforms:Accounts:0 already uses it."], result.Failures);
    }

    [Fact]
    public void Validate_SmtpAccountWithABadSetting_FailsNamingIt()
    {
        var entry = Smtp(A);
        entry.Smtp!.PublicBaseUrl = "not a url";

        var failure = Assert.Single(Validate("None", ("0", entry)).Failures!);

        Assert.StartsWith("Platforms:Accounts:0:Smtp: PublicBaseUrl:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoDefaultAndNoAccounts_Fails()
    {
        var failure = Assert.Single(Validate("none").Failures!);

        Assert.Contains("Worker:Platform = None", failure, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? defaultPlatform, params (string Key, PlatformAccountSettings Entry)[] entries)
    {
        var options = new PlatformAccountsOptions();
        foreach (var (key, entry) in entries)
            options.Accounts[key] = entry;
        return new PlatformAccountsValidation(defaultPlatform).Validate(null, options);
    }

    private static PlatformAccountSettings Dotdigital(string id) => new()
    {
        Id = id,
        Platform = "Dotdigital",
        Dotdigital = new DotdigitalOptions { ApiUser = "apiuser-" + id[..1] + "@apiconnector.com", ApiPassword = "not-a-real-password" },
    };

    private static PlatformAccountSettings Smtp(string id) => new() { Id = id, Platform = "Smtp", Smtp = new SmtpPlatformOptions() };
}
