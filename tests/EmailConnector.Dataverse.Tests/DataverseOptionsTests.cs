using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Dataverse.Tests;

public class DataverseOptionsTests
{
    [Fact]
    public void Ctor_Ok()
    {
        var options = new DataverseOptions();

        Assert.Equal("Dataverse", DataverseOptions.SectionName);
        Assert.Equal("v9.2", options.ApiVersion);
        Assert.Equal(5000, options.MaxPageSize);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(1000, options.BulkSize);
        Assert.Equal(48, options.MaxConcurrency);
        Assert.Equal(5800, options.RequestsPerWindow);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Window);
        Assert.Equal(8, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), options.RequestTimeout);
        Assert.Equal(AuthorityKind.Entra, options.AuthorityKind);
    }

    [Fact]
    public void ServiceRootAndScope_DeriveFromTheEnvironmentUrl()
    {
        var options = new DataverseOptions { Url = new Uri("https://contoso.crm4.dynamics.com/main.aspx") };

        Assert.Equal(new Uri("https://contoso.crm4.dynamics.com/api/data/v9.2/"), options.ServiceRoot);
        Assert.Equal("https://contoso.crm4.dynamics.com/.default", options.Scope);
    }

    [Fact]
    public void Validate_CompleteSecretConfiguration_IsValid()
    {
        Assert.Empty(Validate(Valid()));
    }

    [Theory]
    [InlineData(nameof(DataverseOptions.BatchSize), 1001)]
    [InlineData(nameof(DataverseOptions.MaxPageSize), 5001)]
    [InlineData(nameof(DataverseOptions.MaxConcurrency), 53)]
    [InlineData(nameof(DataverseOptions.RequestsPerWindow), 6001)]
    [InlineData(nameof(DataverseOptions.BatchSize), 0)]
    [InlineData(nameof(DataverseOptions.BulkSize), 1001)]
    [InlineData(nameof(DataverseOptions.BulkSize), 0)]
    public void Validate_BeyondDataverseLimits_Fails(string property, int value)
    {
        var options = Valid();
        typeof(DataverseOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Contains(Validate(options), r => r.MemberNames.Contains(property));
    }

    [Fact]
    public void Validate_BothSecretAndCertificate_Fails()
    {
        var options = Valid();
        options.CertificatePath = "/etc/app.pfx";

        Assert.Contains(Validate(options), r => r.MemberNames.Contains(nameof(DataverseOptions.CertificatePath)));
    }

    [Fact]
    public void Validate_NoTenantAndNoAuthority_Fails()
    {
        var options = Valid();
        options.TenantId = null;

        Assert.Contains(Validate(options), r => r.MemberNames.Contains(nameof(DataverseOptions.TenantId)));
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        Assert.DoesNotContain("s3cret", Valid().ToString(), StringComparison.Ordinal);
    }

    private static DataverseOptions Valid() => new()
    {
        Url = new Uri("https://contoso.crm.dynamics.com"),
        TenantId = "11111111-1111-1111-1111-111111111111",
        ClientId = "22222222-2222-2222-2222-222222222222",
        ClientSecret = "s3cret",
    };

    private static List<ValidationResult> Validate(DataverseOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            results.AddRange(options.Validate(new ValidationContext(options)));
        }

        return results;
    }
}
