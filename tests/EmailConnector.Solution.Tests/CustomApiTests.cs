using System.Text;
using System.Xml.Linq;

namespace EmailConnector.Solution.Tests;

public class CustomApiTests
{
    private static readonly string[] ApiElements = ["allowedcustomprocessingsteptype", "bindingtype", "boundentitylogicalname", "description", "displayname", "executeprivilegename", "iscustomizable", "isfunction", "isprivate", "name", "plugintypeid", "workflowsdkstepenabled"];

    private static IEnumerable<string> ApiFolders() => Directory.GetDirectories(Path.Combine(SolutionSource.Folder, "customapis")).Order(StringComparer.Ordinal);

    public static TheoryData<string> Apis() => new(ApiFolders().Select(Path.GetFileName)!);

    private static XElement PluginAssembly() => XElement.Load(SolutionSource.Files("PluginAssemblies", "*.dll.data.xml").Single());

    [Fact]
    public void CustomApis_TheFiveExpected()
    {
        Assert.Equal(["ec_PreviewTransfer", "ec_RequestReport", "ec_StartTransfer", "ec_SyncListNow", "ec_SyncNow"], ApiFolders().Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void CustomApi_FilesFollowExportFormat(string api)
    {
        var folder = Path.Combine(SolutionSource.Folder, "customapis", api);
        var files = Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes[0] == (byte)'<' && Encoding.UTF8.GetString(bytes).StartsWith("<customapi", StringComparison.Ordinal), $"{file}: no BOM or declaration, starts at <customapi…");
            var element = XElement.Load(file);
            Assert.Equal(element.Name.LocalName, Path.GetFileNameWithoutExtension(file));
            Assert.Equal(Path.GetFileName(Path.GetDirectoryName(file)), element.Attribute("uniquename")!.Value);
            var names = element.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            if (element.Name == "customapiresponseproperty")
                Assert.DoesNotContain("isoptional", names);
            if (element.Name == "customapirequestparameter")
                Assert.Contains("isoptional", names);
        }
        foreach (var sub in Directory.GetDirectories(folder))
            Assert.Contains(Path.GetFileName(sub), new[] { "customapirequestparameters", "customapiresponseproperties" });

        var customApi = XElement.Load(Path.Combine(folder, "customapi.xml"));
        Assert.Equal(ApiElements, customApi.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(api, customApi.Element("name")!.Value);
        Assert.Equal("1", customApi.Element("bindingtype")!.Value);
        if (customApi.Element("isfunction")!.Value == "1")
            Assert.NotEmpty(Directory.GetDirectories(Path.Combine(folder, "customapiresponseproperties")));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void CustomApi_PluginTypeIsDeclaredInTheAssemblyRegistration(string api)
    {
        var customApi = XElement.Load(Path.Combine(SolutionSource.Folder, "customapis", api, "customapi.xml"));
        var key = customApi.Element("plugintypeid")!.Element("plugintypeexportkey")!.Value;
        var type = PluginAssembly().Descendants("PluginType").SingleOrDefault(t => t.Attribute("PluginTypeId")!.Value == key);
        Assert.NotNull(type);
        Assert.StartsWith("EmailConnector.Plugins.CustomApis.", type!.Attribute("Name")!.Value);
        Assert.StartsWith(type.Attribute("Name")!.Value + ", " + PluginAssembly().Attribute("FullName")!.Value, type.Attribute("AssemblyQualifiedName")!.Value);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void CustomApi_ExecutePrivilegeHeldByAllThreeRoles(string api)
    {
        var privilege = XElement.Load(Path.Combine(SolutionSource.Folder, "customapis", api, "customapi.xml")).Element("executeprivilegename")!.Value;
        Assert.Matches("^prv(Read|Create)ec_CommandPermission$", privilege);
        var roles = SolutionSource.Files("Roles", "*.xml").Select(XElement.Load).ToList();
        Assert.Equal(3, roles.Count);
        foreach (var role in roles)
            Assert.Contains(role.Descendants("RolePrivilege"), p => p.Attribute("name")!.Value == privilege);
    }

    [Fact]
    public void PluginAssembly_RegistrationMatchesExportLayout()
    {
        var dataFile = SolutionSource.Files("PluginAssemblies", "*.dll.data.xml").Single();
        var assembly = PluginAssembly();
        var id = assembly.Attribute("PluginAssemblyId")!.Value;
        Assert.Equal($"EmailConnectorPlugins-{id.ToUpperInvariant()}", Path.GetFileName(Path.GetDirectoryName(dataFile)));
        Assert.Equal($"/PluginAssemblies/EmailConnectorPlugins-{id.ToUpperInvariant()}/EmailConnectorPlugins.dll", assembly.Element("FileName")!.Value);
        Assert.Equal("2", assembly.Element("IsolationMode")!.Value);
        Assert.Equal(
            ["EmailConnector.Plugins.CustomApis.PreviewTransferApi", "EmailConnector.Plugins.CustomApis.RequestReportApi", "EmailConnector.Plugins.CustomApis.StartTransferApi", "EmailConnector.Plugins.CustomApis.SyncNowApi"],
            assembly.Descendants("PluginType").Select(t => t.Attribute("Name")!.Value).Order());
    }
}
