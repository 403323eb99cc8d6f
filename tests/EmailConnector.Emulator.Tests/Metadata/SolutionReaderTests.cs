using EmailConnector.Emulator.CustomApis;
using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Pipeline;
using EmailConnector.Emulator.Tests.Support;

namespace EmailConnector.Emulator.Tests.Metadata;

public sealed class SolutionReaderTests : IDisposable
{
    private readonly FixtureSolution _solution = new();
    private readonly MetadataCatalog _catalog = SystemCatalog.Create();

    public void Dispose() => _solution.Dispose();

    [Fact]
    public void Read_CustomTable_HasNamesColumnsStatesAndKey()
    {
        SolutionReader.Read(_solution.Folder, _catalog);

        var table = _catalog.FindTable("ec_syncrequest")!;
        Assert.Equal("ec_syncrequests", table.EntitySetName);
        Assert.Equal("ec_syncrequestid", table.PrimaryIdAttribute);
        Assert.Equal("ec_name", table.PrimaryNameAttribute);
        Assert.Equal(100, table.FindColumn("ec_name")!.MaxLength);
        Assert.Equal(100, table.FindColumn("ec_attempts")!.MaxValue);
        Assert.Equal(["contact"], table.FindColumn("ec_contactid")!.Targets);
        Assert.Equal(ColumnType.Owner, table.FindColumn("ownerid")!.Type);
        Assert.Equal([727000000, 727000001], table.FindColumn("ec_operation")!.Options!.Keys.Order().ToArray());
        Assert.Equal(1, table.FindState(0)!.DefaultStatus);
        Assert.Equal([1, 727000001], table.FindState(0)!.Statuses);
        Assert.Equal(["ec_dedupekey"], Assert.Single(table.AlternateKeys).Columns);
    }

    [Fact]
    public void Read_SystemTables_GetCustomColumnsAndAddedOptions()
    {
        SolutionReader.Read(_solution.Folder, _catalog);

        Assert.Equal(ColumnType.Boolean, _catalog.FindTable("contact")!.FindColumn("ec_emailinvalid")!.Type);
        var channel = _catalog.FindTable("campaignactivity")!.FindColumn("channeltypecode")!;
        Assert.True(channel.Options!.ContainsKey(727000000));
        Assert.True(channel.Options!.ContainsKey(7));
        Assert.Equal("contactid", _catalog.FindTable("contact")!.PrimaryIdAttribute);
    }

    [Fact]
    public void Read_Relationships_AreAddedWithCascadeAndNavigationNames()
    {
        SolutionReader.Read(_solution.Folder, _catalog);

        var oneToMany = _catalog.FindOneToMany("ec_contact_ec_syncrequest")!;
        Assert.Equal(CascadeType.Cascade, oneToMany.CascadeDelete);
        Assert.Equal("ec_ContactId", oneToMany.ReferencingNavigationProperty);
        Assert.Equal("ec_contact_ec_syncrequest", oneToMany.ReferencedNavigationProperty);
        var manyToMany = _catalog.FindManyToMany("ec_syncrequest_list")!;
        Assert.Equal("ec_syncrequest_list", manyToMany.IntersectEntity);
        Assert.True(_catalog.FindTable("ec_syncrequest_list")!.HasColumn("listid"));
    }

    [Fact]
    public void Read_LookupToSolutionTableInLaterFile_ResolvesAndOrgOwnedTableHasNoOwner()
    {
        SolutionReader.Read(_solution.Folder, _catalog);

        Assert.Equal(["ec_zaccount"], _catalog.FindTable("ec_syncrequest")!.FindColumn("ec_zaccountid")!.Targets);
        var zaccount = _catalog.FindTable("ec_zaccount")!;
        Assert.Equal(["organization"], zaccount.FindColumn("organizationid")!.Targets);
        Assert.Null(zaccount.FindColumn("ownerid"));
        Assert.Equal(CascadeType.Restrict, _catalog.FindOneToMany("ec_zaccount_ec_syncrequest")!.CascadeDelete);
    }

    [Fact]
    public void Read_LookupToTableOutsideCatalog_IsSkippedAndReported()
    {
        var solution = SolutionReader.Read(_solution.Folder, _catalog);

        Assert.False(_catalog.FindTable("ec_syncrequest")!.HasColumn("ec_currency"));
        Assert.Contains(solution.SkippedComponents, s => s.StartsWith("ec_syncrequest.ec_currency", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_StepsPluginTypesAndCustomApis_AreDescribed()
    {
        var solution = SolutionReader.Read(_solution.Folder, _catalog);

        Assert.Equal("FixtureSolution", solution.UniqueName);
        Assert.Equal("1.2.3.4", solution.Version);
        Assert.Equal(3, solution.PluginTypes.Count);
        var step = Assert.Single(solution.Steps);
        Assert.Equal("Update", step.MessageName);
        Assert.Equal("contact", step.PrimaryEntity);
        Assert.Equal(PipelineStage.PreOperation, step.Stage);
        Assert.Equal(typeof(ConfiguredPlugin).FullName, step.PluginTypeName);
        Assert.Equal(["emailaddress1", "ec_emailinvalid"], step.FilteringAttributes);
        Assert.Equal("unsecure-setting", step.UnsecureConfiguration);
        var image = Assert.Single(step.Images);
        Assert.Equal(("PreImage", ImageType.PreImage), (image.EntityAlias, image.ImageType));
        Assert.Equal(["emailaddress1"], image.Attributes);

        var echo = solution.CustomApis.Single(a => a.UniqueName == "ec_Echo");
        Assert.Equal(CustomApiBindingType.Global, echo.BindingType);
        Assert.Equal(Guid.Parse(FixtureSolution.EchoTypeId), echo.PluginTypeId);
        Assert.Equal("prvec_ec_Echo", echo.ExecutePrivilegeName);
        Assert.Contains(echo.RequestParameters, p => p is { UniqueName: "Text", Type: CustomApiFieldType.String, IsOptional: false });
        Assert.Contains(echo.RequestParameters, p => p is { UniqueName: "Times", Type: CustomApiFieldType.Integer, IsOptional: true });
        Assert.Equal(["Echo", "Length"], echo.ResponseProperties.Select(p => p.UniqueName));
        var bound = solution.CustomApis.Single(a => a.UniqueName == "ec_Forgetful");
        Assert.Equal(("campaignactivity", CustomApiBindingType.Entity), (bound.BoundEntityLogicalName, bound.BindingType));
    }

    [Fact]
    public void Read_StepOnOrgSpecificMessage_NeedsItsNameFromOptions()
    {
        var addMemberId = Guid.Parse("b8f3a2c4-0000-4000-8000-000000000001");
        var path = Path.Combine(_solution.Folder, "SdkMessageProcessingSteps", $"{{{FixtureSolution.StepId}}}.xml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("20bebb1b-ea3e-db11-86a7-000a3a5473e8", addMemberId.ToString(), StringComparison.Ordinal)
            .Replace("<FilteringAttributes>emailaddress1,ec_emailinvalid</FilteringAttributes>", string.Empty, StringComparison.Ordinal));

        var refused = Assert.Throws<NotSupportedException>(() => SolutionReader.Read(_solution.Folder, SystemCatalog.Create()));
        Assert.Contains(addMemberId.ToString(), refused.Message, StringComparison.Ordinal);

        var solution = SolutionReader.Read(_solution.Folder, _catalog, new SolutionReaderOptions { MessageNamesById = { [addMemberId] = "AddMember" } });
        Assert.Equal("AddMember", Assert.Single(solution.Steps).MessageName);
    }

    [SkippableFact]
    public void Read_RepositorySolution_LoadsEveryTableAndApi()
    {
        Skip.IfNot(Directory.Exists(EmailConnector.Testing.RepositoryPaths.Solution), "solution/EmailConnector is not in this checkout yet.");

        var solution = SolutionReader.Read(EmailConnector.Testing.RepositoryPaths.Solution, _catalog, new SolutionReaderOptions
        {
            MessageNamesById = new AnyMessageNames(),
        });

        Assert.Contains(_catalog.Tables, t => t.IsCustom);
        Assert.All(_catalog.Tables.Where(t => t.IsCustom), t => Assert.NotNull(t.FindColumn(t.PrimaryIdAttribute)));
        Assert.NotNull(solution.UniqueName);
    }

    [SkippableFact]
    public void Read_RepositorySolution_AddsTheRecipientColumnsToEveryMemberTable()
    {
        Skip.IfNot(Directory.Exists(EmailConnector.Testing.RepositoryPaths.Solution), "solution/EmailConnector is not in this checkout yet.");

        SolutionReader.Read(EmailConnector.Testing.RepositoryPaths.Solution, _catalog, new SolutionReaderOptions { MessageNamesById = new AnyMessageNames() });

        var columns = typeof(EmailConnector.Schema.RecipientColumns).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(8, columns.Count);
        var contact = _catalog.FindTable("contact")!;
        foreach (var table in new[] { "account", "lead" }.Select(t => _catalog.FindTable(t)!))
        {
            foreach (var column in columns)
            {
                var declared = table.FindColumn(column);
                Assert.True(declared is not null, $"{table.LogicalName}.{column} is missing.");
                var expected = contact.FindColumn(column)!;
                Assert.Equal(expected.Type, declared.Type);
                Assert.Equal(expected.MaxLength, declared.MaxLength);
                Assert.Equal(expected.GlobalOptionSetName, declared.GlobalOptionSetName);
            }
        }
    }

    // The repository's steps may use org-specific message ids; this check is about the table XML, so any id reads.
    private sealed class AnyMessageNames : Dictionary<Guid, string>, IDictionary<Guid, string>
    {
        bool IDictionary<Guid, string>.TryGetValue(Guid key, out string value)
        {
            value = "Message " + key;
            return true;
        }
    }

    [Fact]
    public void Read_MissingFolder_MeansSystemTablesOnly()
    {
        var solution = SolutionReader.Read(Path.Combine(_solution.Folder, "nope"), _catalog);

        Assert.Same(SolutionDefinition.Empty, solution);
        Assert.Null(_catalog.FindTable("ec_syncrequest"));
    }
}
