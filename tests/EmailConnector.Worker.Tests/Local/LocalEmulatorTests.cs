using System.Net;
using EmailConnector.Dataverse;
using EmailConnector.Schema;
using EmailConnector.Worker.Local;
using EmailConnector.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EmailConnector.Worker.Tests.Local;

public sealed class LocalEmulatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ec-localemulator-").FullName;

    [Fact]
    public async Task Start_WithoutConfiguration_ServesTheSolutionWithItsPluginsAndOneBuiltInPlatformAccount()
    {
        await using var worker = await LocalWorker.StartAsync(_folder);
        var client = worker.Services.GetRequiredService<DataverseClient>();

        // The plugin steps run: ec_PreviewTransfer is a custom API whose main operation is our plugin.
        var activity = await client.CreateAsync("campaignactivities", new EmailConnector.Dataverse.Rows.DataverseRow().Set("subject", "Local"));
        var preview = await client.InvokeFunctionAsync(CustomApiNames.PreviewTransfer.Name, entitySet: "campaignactivities", key: activity);

        Assert.Equal(0, preview.GetInt32(CustomApiNames.PreviewTransfer.RecipientCount));
        var accounts = worker.Services.GetRequiredService<LocalEmulator>().Organization.Rows(PlatformAccount.EntityName);
        Assert.Equal((int)PlatformType.BuiltInSmtp, Assert.Single(accounts).GetAttributeValue<Microsoft.Xrm.Sdk.OptionSetValue>(PlatformAccount.PlatformType).Value);
    }

    [Fact]
    public async Task Restart_KeepsTheRowsWrittenThroughTheWebApi_AndAddsNoSecondPlatformAccount()
    {
        Guid contact;
        await using (var first = await LocalWorker.StartAsync(_folder))
        {
            contact = await first.Services.GetRequiredService<DataverseClient>().CreateAsync("contacts",
                new EmailConnector.Dataverse.Rows.DataverseRow().Set("lastname", "Kept").Set("emailaddress1", "kept@example.com"));
        }
        Assert.True(File.Exists(Path.Combine(_folder, LocalDefaults.DataFileName)));

        await using var second = await LocalWorker.StartAsync(_folder);
        var row = await second.Services.GetRequiredService<DataverseClient>().RetrieveAsync("contacts", contact);

        Assert.Equal("kept@example.com", row.GetString("emailaddress1"));
        Assert.Single(second.Services.GetRequiredService<LocalEmulator>().Organization.Rows(PlatformAccount.EntityName));
    }

    [Fact]
    public async Task SaveInterval_WritesChangesWhileRunning()
    {
        await using var worker = await LocalWorker.StartAsync(_folder, new Dictionary<string, string?> { ["Local:SaveInterval"] = "00:00:01" });
        var file = worker.Services.GetRequiredService<LocalEmulator>().DataFile!.Path;

        await worker.Services.GetRequiredService<DataverseClient>().CreateAsync("contacts", new EmailConnector.Dataverse.Rows.DataverseRow().Set("lastname", "Saved"));

        // Read back from the file alone, while the worker keeps running.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var saved = false;
        while (!saved && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var copy = EmailConnector.Emulator.WebApi.Hosting.EmulatorSetup.CreateOrganization(EmailConnector.Testing.RepositoryPaths.Solution, null);
            saved = new EmailConnector.Emulator.WebApi.Hosting.OrganizationDataFile(copy, file).Load()
                && copy.Rows("contact").Any(c => c.GetAttributeValue<string>("lastname") == "Saved");
        }
        Assert.True(saved);
    }

    [Fact]
    public async Task TrackingListener_ServesThePlatformsEndpointsAtThePublicBaseUrl()
    {
        await using var worker = await LocalWorker.StartAsync(_folder);
        var environment = worker.Services.GetRequiredService<LocalEnvironment>();
        using var http = new HttpClient();

        using var forged = await http.GetAsync(new Uri(environment.TrackingUrl + "/t/o/AAAAAAAAAAAAAAAA.gif"));

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(new Uri(environment.TrackingUrl + "/"), worker.Services.GetRequiredService<EmailConnector.Worker.Tracking.TrackingListener>().Address);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
