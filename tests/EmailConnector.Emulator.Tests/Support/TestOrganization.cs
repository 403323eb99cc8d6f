using EmailConnector.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Support;

/// <summary>An organization with a manual clock, and helpers that seed the rows most tests need.</summary>
internal static class TestOrganization
{
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static EmulatedOrganization Create(ManualClock? clock = null, bool runAsync = true, string? solutionFolder = null, Func<string, Type?>? resolver = null) =>
        new(new EmulatorOptions
        {
            TimeProvider = clock ?? new ManualClock(Start),
            RunAsyncStepsAfterCommit = runAsync,
            SolutionFolder = solutionFolder,
            PluginTypeResolver = resolver,
        });

    public static Guid Contact(this IOrganizationService service, string lastName, string? email = null)
    {
        var contact = new Entity("contact") { ["lastname"] = lastName };
        if (email is not null)
            contact["emailaddress1"] = email;
        return service.Create(contact);
    }

    public static Guid StaticList(this IOrganizationService service, string name, int memberType = 2) =>
        service.Create(new Entity("list") { ["listname"] = name, ["createdfromcode"] = new OptionSetValue(memberType), ["type"] = false });
}
