using EmailConnector.Testing;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

public class SurfaceComparerTests
{
    private const string Reference = """
        // assembly: Microsoft.Xrm.Sdk, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35

        public interface Microsoft.Xrm.Sdk.IExecutionContext
          public Microsoft.Xrm.Sdk.ParameterCollection InputParameters { get; }
          public System.Guid? RequestId { get; }

        public interface Microsoft.Xrm.Sdk.IPluginExecutionContext : Microsoft.Xrm.Sdk.IExecutionContext
          public int Stage { get; }

        [DataContract(Name=(String)Entity, Namespace=(String)http://schemas.microsoft.com/xrm/2011/Contracts)][DefaultMember((String)Item)] public class Microsoft.Xrm.Sdk.Entity : System.Runtime.Serialization.IExtensibleDataObject
          public Entity();
          public virtual System.Guid Id { get; set; }
          public virtual T GetAttributeValue<T>(string attributeLogicalName);

        [Flags()] public enum Microsoft.Xrm.Sdk.Metadata.EntityFilters : int
          All = 15
          Default = 1

        public sealed class Microsoft.Xrm.Sdk.AttributeCollection : Microsoft.Xrm.Sdk.DataCollection<string, object>
          public AttributeCollection();
        """;

    [Fact]
    public void Compare_IdenticalSurfaceInAnotherOrder_ReportsNothing()
    {
        var shipped = Listing("""
            [Flags()] public enum Microsoft.Xrm.Sdk.Metadata.EntityFilters : int
              Default = 1
              All = 15

            [DefaultMember((String)Item)][DataContract(Namespace=(String)http://schemas.microsoft.com/xrm/2011/Contracts, Name=(String)Entity)] public class Microsoft.Xrm.Sdk.Entity : System.Runtime.Serialization.IExtensibleDataObject
              public virtual T GetAttributeValue<T>(string attributeLogicalName);
              public Entity();
            """);

        Assert.Empty(SurfaceComparer.Compare(shipped, SurfaceListing.Parse(Reference)));
    }

    [Fact]
    public void Compare_RenamedMemberInListing_ReportsThatMember()
    {
        var shipped = SurfaceListing.Parse(Reference);
        var altered = SurfaceListing.Parse(Reference.Replace("GetAttributeValue<T>", "GetAttributeValueRenamed<T>", StringComparison.Ordinal));

        var difference = Assert.Single(SurfaceComparer.Compare(shipped, altered));

        Assert.Contains("Microsoft.Xrm.Sdk.Entity", difference, StringComparison.Ordinal);
        Assert.Contains("'public virtual T GetAttributeValue<T>(string attributeLogicalName);' is not listed", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MemberRedeclaredOnDerivedInterface_ReportsItWithItsRealDeclaringType()
    {
        var shipped = Listing("""
            public interface Microsoft.Xrm.Sdk.IPluginExecutionContext : Microsoft.Xrm.Sdk.IExecutionContext
              public Microsoft.Xrm.Sdk.ParameterCollection InputParameters { get; }
              public int Stage { get; }
            """);

        var difference = Assert.Single(SurfaceComparer.Compare(shipped, SurfaceListing.Parse(Reference)));

        Assert.Contains("Microsoft.Xrm.Sdk.IPluginExecutionContext: 'public Microsoft.Xrm.Sdk.ParameterCollection InputParameters { get; }' is not listed", difference, StringComparison.Ordinal);
        Assert.Contains("the listing declares it on Microsoft.Xrm.Sdk.IExecutionContext", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SeveralDefects_ReportsEveryOne()
    {
        var shipped = Listing("""
            [Flags()] public enum Microsoft.Xrm.Sdk.Metadata.EntityFilters : int
              All = 16
              Default = 1

            [DataContract(Name=(String)Entity, Namespace=(String)http://schemas.microsoft.com/xrm/2011/Contracts)][DefaultMember((String)Item)] public sealed class Microsoft.Xrm.Sdk.Entity : System.Runtime.Serialization.IExtensibleDataObject
              public Entity();
              public System.Guid Id { get; set; }
              public void SetAttributeValue(string attributeLogicalName, object value);

            public sealed class Microsoft.Xrm.Sdk.AttributeCollection : Microsoft.Xrm.Sdk.DataCollection<string, object>, System.Collections.IEnumerable
              public AttributeCollection();

            public sealed class Microsoft.Xrm.Sdk.Invented
              public Invented();
            """);

        var differences = SurfaceComparer.Compare(shipped, SurfaceListing.Parse(Reference));

        Assert.Collection(differences,
            d => Assert.Contains("Microsoft.Xrm.Sdk.AttributeCollection: base type and interfaces", d, StringComparison.Ordinal),
            d => Assert.Contains("Microsoft.Xrm.Sdk.Entity: declared 'public sealed class Microsoft.Xrm.Sdk.Entity', listed 'public class Microsoft.Xrm.Sdk.Entity'", d, StringComparison.Ordinal),
            d => Assert.Contains("'public System.Guid Id { get; set; }' is not listed (listed with that name: 'public virtual System.Guid Id { get; set; }')", d, StringComparison.Ordinal),
            d => Assert.Contains("'public void SetAttributeValue(string attributeLogicalName, object value);' is not listed", d, StringComparison.Ordinal),
            d => Assert.Contains("Microsoft.Xrm.Sdk.Invented: not in the Microsoft.Xrm.Sdk listing", d, StringComparison.Ordinal),
            d => Assert.Contains("Microsoft.Xrm.Sdk.Metadata.EntityFilters: 'All = 16' is not listed (listed with that name: 'All = 15')", d, StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_AttributesTheListingLacksOrFlagsMissing_AreReported()
    {
        var shipped = Listing("""
            public enum Microsoft.Xrm.Sdk.Metadata.EntityFilters : int
              All = 15

            [DataContract(Name=(String)Entity, Namespace=(String)http://schemas.microsoft.com/xrm/2012/Contracts)] public class Microsoft.Xrm.Sdk.Entity : System.Runtime.Serialization.IExtensibleDataObject
              public Entity();
            """);

        var differences = SurfaceComparer.Compare(shipped, SurfaceListing.Parse(Reference));

        Assert.Collection(differences,
            d => Assert.Contains("Microsoft.Xrm.Sdk.Entity: attribute [DataContract(Name=(String)Entity, Namespace=(String)http://schemas.microsoft.com/xrm/2012/Contracts)] is not on the listed type", d, StringComparison.Ordinal),
            d => Assert.Contains("Microsoft.Xrm.Sdk.Metadata.EntityFilters: [Flags()] is listed but not shipped", d, StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_TypeForwarder_IsReported()
    {
        var shipped = new SurfaceListing("Microsoft.Crm.Sdk.Proxy", [], ["Microsoft.Crm.Sdk.Messages.WhoAmIRequest -> Microsoft.Xrm.Sdk"]);

        var difference = Assert.Single(SurfaceComparer.Compare(shipped, SurfaceListing.Parse(Reference)));

        Assert.Contains("forwarder Microsoft.Crm.Sdk.Messages.WhoAmIRequest -> Microsoft.Xrm.Sdk", difference, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Compare_TypeShippedInTheWrongAssembly_NamesTheRightOne()
    {
        var xrm = SurfaceListing.Load(SharedReference.PathOf("xrm-sdk/Microsoft.Xrm.Sdk.surface.txt"));
        var proxy = SurfaceListing.Load(SharedReference.PathOf("xrm-sdk/Microsoft.Crm.Sdk.Proxy.surface.txt"));
        var shipped = Listing("""
            [DataContract(Namespace=(String)http://schemas.microsoft.com/crm/2011/Contracts)] public sealed class Microsoft.Crm.Sdk.Messages.WhoAmIRequest : Microsoft.Xrm.Sdk.OrganizationRequest
              public WhoAmIRequest();
            """);

        var difference = Assert.Single(SurfaceComparer.Compare(shipped, xrm, proxy));

        Assert.Equal("Microsoft.Crm.Sdk.Messages.WhoAmIRequest: shipped in Microsoft.Xrm.Sdk, but the real SDK has it in Microsoft.Crm.Sdk.Proxy", difference);
    }

    [SkippableFact]
    public void Compare_OurSdkAgainstListingWithOneMemberRenamed_ReportsThatMember()
    {
        var path = SharedReference.PathOf("xrm-sdk/Microsoft.Xrm.Sdk.surface.txt");
        const string Line = "  public void Execute(System.IServiceProvider serviceProvider);";
        var text = File.ReadAllText(path);
        var ours = MetadataSurfaceReader.Read(SdkBuilds.PathOf(SdkBuilds.XrmSdk, SdkBuilds.NetStandard));
        var before = SurfaceComparer.Compare(ours, SurfaceListing.Parse(text));

        var altered = text.Replace("public interface Microsoft.Xrm.Sdk.IPlugin\n" + Line, "public interface Microsoft.Xrm.Sdk.IPlugin\n  public void Run(System.IServiceProvider serviceProvider);", StringComparison.Ordinal);
        Assert.NotEqual(text, altered);
        var after = SurfaceComparer.Compare(ours, SurfaceListing.Parse(altered));

        var added = Assert.Single(after.Except(before));
        Assert.StartsWith("Microsoft.Xrm.Sdk.IPlugin: '" + Line.Trim() + "' is not listed", added, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_CompiledInterfaceRedeclaringABaseMember_ReportsItWithItsRealDeclaringType()
    {
        const string N = "EmailConnector.Xrm.Sdk.Tests.Surface.Fixtures";
        var reference = SurfaceListing.Parse($$"""
            // assembly: EmailConnector.Xrm.Sdk.Tests

            public interface {{N}}.IShapeContext
              public System.Guid? RequestId { get; }
              public {{N}}.ShapeAttributeCollection InputParameters { get; }
              public void Execute(System.IServiceProvider serviceProvider);

            public interface {{N}}.IShapeRedeclaringContext : {{N}}.IShapeContext
              public int Stage { get; }
            """);
        var compiled = MetadataSurfaceReader.Read(typeof(Fixtures.IShapeRedeclaringContext).Assembly.Location);
        var shipped = new SurfaceListing("EmailConnector.Xrm.Sdk.Tests",
            compiled.Types.Values.Where(t => t.FullName.EndsWith(".IShapeContext", StringComparison.Ordinal) || t.FullName.EndsWith(".IShapeRedeclaringContext", StringComparison.Ordinal)));

        var difference = Assert.Single(SurfaceComparer.Compare(shipped, reference));

        Assert.Equal(
            $"{N}.IShapeRedeclaringContext: 'public {N}.ShapeAttributeCollection InputParameters {{ get; }}' is not listed (the listing declares it on {N}.IShapeContext)",
            difference);
    }

    private static SurfaceListing Listing(string types) => SurfaceListing.Parse("// assembly: Microsoft.Xrm.Sdk, Version=9.0.0.0\n\n" + types);
}
