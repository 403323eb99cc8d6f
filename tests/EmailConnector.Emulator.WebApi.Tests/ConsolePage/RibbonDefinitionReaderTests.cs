using EmailConnector.Emulator.WebApi.ConsolePage;
using EmailConnector.Testing;

namespace EmailConnector.Emulator.WebApi.Tests.ConsolePage;

public sealed class RibbonDefinitionReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ec-ribbon-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_CampaignActivityOfTheSolution_GivesTheThreeFormButtonsInSequence()
    {
        var solution = RepositoryPaths.Solution;

        var ribbon = RibbonDefinitionReader.Read(solution, "campaignactivity", WebResourceCatalog.Read(solution));

        Assert.Equal(["Transfer recipients", "Request report", "Sync now"], ribbon.Buttons.Select(b => b.Label));
        Assert.Equal([900, 910, 920], ribbon.Buttons.Select(b => b.Sequence));
        var transfer = ribbon.Buttons[0];
        Assert.Equal("ec.campaignactivity.TransferRecipients.Command", transfer.Command.Id);
        Assert.Equal("Transfer the members of the attached marketing lists to the email platform after a preview.", transfer.ToolTip);
        var action = Assert.Single(transfer.Command.Actions);
        Assert.Equal(("JavaScriptFunction", "EmailConnector.Commands.transferRecipients", "/WebResources/ec_/scripts/commands.js"), (action.Kind, action.FunctionName, action.LibraryUrl));
        Assert.Equal(new RibbonParameter("CrmParameter", "PrimaryControl"), Assert.Single(action.Parameters));
    }

    [Fact]
    public void Read_CampaignActivityOfTheSolution_ResolvesTheEnableAndDisplayRules()
    {
        var solution = RepositoryPaths.Solution;

        var command = RibbonDefinitionReader.Read(solution, "campaignactivity", WebResourceCatalog.Read(solution)).Buttons[0].Command;

        Assert.Equal(["ec.campaignactivity.IsSaved.EnableRule", "ec.campaignactivity.IsPlatformActivity.EnableRule"], command.EnableRules.Select(r => r.Id));
        Assert.All(command.EnableRules, r => Assert.True(r.Defined));
        var formState = Assert.Single(command.EnableRules[0].Conditions);
        Assert.Equal("FormStateRule", formState.Kind);
        Assert.Equal("Create", formState.Attributes["State"]);
        Assert.Equal("true", formState.Attributes["InvertResult"]);
        var custom = Assert.Single(command.EnableRules[1].Conditions);
        Assert.Equal(("CustomRule", "EmailConnector.Commands.isPlatformActivity", "/WebResources/ec_/scripts/commands.js"), (custom.Kind, custom.Attributes["FunctionName"], custom.LibraryUrl));
        Assert.Equal("EntityPrivilegeRule", Assert.Single(Assert.Single(command.DisplayRules).Conditions).Kind);
    }

    [Fact]
    public void Read_RuleTheDiffDoesNotDefine_IsMarkedUndefined()
    {
        WriteRibbon("""
            <CommandDefinitions><CommandDefinition Id="C"><EnableRules><EnableRule Id="Mscrm.CanWritePrimary" /></EnableRules>
            <Actions><JavaScriptFunction FunctionName="F" Library="$webresource:ec_/a.js" /></Actions></CommandDefinition></CommandDefinitions>
            """);

        var rule = Assert.Single(Read().Buttons[0].Command.EnableRules);

        Assert.False(rule.Defined);
        Assert.Empty(rule.Conditions);
    }

    [Fact]
    public void Read_GridLocation_IsLeftOut()
    {
        WriteRibbon(Command, location: "Mscrm.HomepageGrid.campaignactivity.MainTab.Actions.Controls._children");

        Assert.Empty(Read().Buttons);
    }

    [Fact]
    public void Read_ControlOtherThanAButton_FailsNamingIt()
    {
        WriteRibbon(Command, control: """<FlyoutAnchor Id="B" Command="C" LabelText="x" />""");

        var error = Assert.Throws<NotSupportedException>(Read);

        Assert.Contains("<FlyoutAnchor>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HideCustomAction_FailsNamingIt()
    {
        WriteRibbon(Command + """<HideCustomActions><HideCustomAction HideActionId="x" Location="y" /></HideCustomActions>""");

        Assert.Contains("HideCustomAction", Assert.Throws<NotSupportedException>(Read).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LibraryThatIsNoWebResourceOfTheSolution_Fails()
    {
        WriteRibbon(Command.Replace("ec_/a.js", "ec_/missing.js", StringComparison.Ordinal));

        Assert.Contains("ec_/missing.js", Assert.Throws<InvalidDataException>(Read).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelWithoutEnglishTitle_Fails()
    {
        WriteRibbon(Command, control: """<Button Id="B" Command="C" LabelText="$LocLabels:Missing" />""");

        Assert.Contains("Missing", Assert.Throws<InvalidDataException>(Read).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableWithoutRibbonDiff_Fails()
    {
        Assert.Throws<FileNotFoundException>(() => RibbonDefinitionReader.Read(_folder, "contact", WebResourceCatalog.Read(_folder)));
    }

    private const string Command = """
        <CommandDefinitions><CommandDefinition Id="C"><Actions><JavaScriptFunction FunctionName="F" Library="$webresource:ec_/a.js" /></Actions></CommandDefinition></CommandDefinitions>
        """;

    private RibbonDefinition Read() => RibbonDefinitionReader.Read(_folder, "campaignactivity", WebResourceCatalog.Read(_folder));

    private void WriteRibbon(string body, string location = "Mscrm.Form.campaignactivity.MainTab.Save.Controls._children", string control = """<Button Id="B" Command="C" LabelText="Go" />""")
    {
        var resources = Directory.CreateDirectory(Path.Combine(_folder, "WebResources", "ec_")).FullName;
        File.WriteAllText(Path.Combine(resources, "a.js"), "var a = 1;");
        File.WriteAllText(Path.Combine(resources, "a.js.data.xml"), "<WebResource><Name>ec_/a.js</Name><WebResourceType>3</WebResourceType></WebResource>");
        var entity = Directory.CreateDirectory(Path.Combine(_folder, "Entities", "CampaignActivity")).FullName;
        File.WriteAllText(Path.Combine(entity, "RibbonDiff.xml"), $"""
            <RibbonDiffXml>
              <CustomActions><CustomAction Id="A" Location="{location}" Sequence="10"><CommandUIDefinition>{control}</CommandUIDefinition></CustomAction></CustomActions>
              {body}
            </RibbonDiffXml>
            """);
    }
}
