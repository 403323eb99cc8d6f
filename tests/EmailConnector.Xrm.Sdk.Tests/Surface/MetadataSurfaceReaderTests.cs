using EmailConnector.Testing;
using EmailConnector.Xrm.Sdk.Tests.Surface.Fixtures;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>
/// Proves the renderer writes exactly the listing format: first on fixture types whose expected lines are written by
/// hand in the listings' spelling, then on our SDK against lines copied from the real listings.
/// </summary>
public class MetadataSurfaceReaderTests
{
    private const string N = "EmailConnector.Xrm.Sdk.Tests.Surface.Fixtures";

    private static readonly Lazy<SurfaceListing> Fixtures = new(() => MetadataSurfaceReader.Read(typeof(ShapeEntity).Assembly.Location));

    [Fact]
    public void Read_ClassWithEveryMemberKind_RendersListingLines()
    {
        var type = Fixture("ShapeEntity");

        Assert.Equal(
            $"[DataContract(Name=(String)ShapeEntity, Namespace=(String)http://schemas.example.org/xrm/2011/Contracts)][DefaultMember((String)Item)][KnownType((String)GetKnownShapeTypes)] public class {N}.ShapeEntity : System.Runtime.Serialization.IExtensibleDataObject",
            type.Header);
        AssertMembers(type,
            "public const int Account = 1;",
            "public const string XrmContracts2011 = \"http://schemas.microsoft.com/xrm/2011/Contracts\";",
            "public const double MaxSupportedValue = 100000000000;",
            "public const long MinSupportedValue = -9223372036854775808;",
            $"public static readonly {N}.ShapeEntity Empty;",
            "public string LibraryName;",
            "public ShapeEntity();",
            "public ShapeEntity(string entityName, System.Guid id);",
            "protected ShapeEntity(System.Collections.Generic.IDictionary<string, object> collection);",
            "protected override void Finalize();",
            "public event System.EventHandler<System.EventArgs> ChannelOpened;",
            "public System.Runtime.Serialization.ExtensionDataObject ExtensionData { get; set; }",
            "public virtual System.Guid Id { get; set; }",
            $"public {N}.ShapeRole? EntityState {{ get; set; }}",
            "public System.Guid? RequestId { get; set; }",
            "public string TokenResponse { get; protected set; }",
            "public byte[][] TimeInfos { get; }",
            "protected System.Linq.IQueryable CommunicationObject { protected get; }",
            "protected virtual System.Linq.IQueryProvider QueryProvider { protected get; }",
            "public object this[string attributeName] { get; set; }",
            $"public static bool op_Equality({N}.ShapeEntity a, {N}.ShapeEntity b);",
            $"public static bool op_Inequality({N}.ShapeEntity a, {N}.ShapeEntity b);",
            "public virtual T GetAttributeValue<T>(string attributeLogicalName);",
            $"public T ToEntity<T>(); where T : {N}.ShapeEntity",
            "public bool TryGetValue(string key, out object value);",
            "public void AddColumns(params string[] columns);",
            "public override bool Equals(object obj);",
            "public override int GetHashCode();",
            "public override string ToString();",
            $"protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, {N}.ShapeRole? primaryEntityRole, TEntity entity); where TEntity : {N}.ShapeEntity",
            $"protected static T2 Create<T2>(string value); where T2 : {N}.ShapeEntity, new()",
            "protected void SeenAsProtected();");
    }

    [Fact]
    public void Read_GenericDictionaryBase_RendersDeclaredInterfacesAndGenericMembers()
    {
        var type = Fixture("ShapeCollection`2");

        Assert.Equal(
            $"[DefaultMember((String)Item)] public abstract class {N}.ShapeCollection<TKey, TValue> : System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<TKey, TValue>>, System.Collections.IEnumerable",
            type.Header);
        AssertMembers(type,
            "protected ShapeCollection();",
            "public virtual TValue this[TKey key] { get; set; }",
            "public System.Collections.Generic.IEnumerator<System.Collections.Generic.KeyValuePair<TKey, TValue>> GetEnumerator();",
            "public void AddRange(params System.Collections.Generic.KeyValuePair<TKey, TValue>[] items);");
    }

    [Theory]
    [InlineData("ShapeAttributeCollection", "public sealed class {N}.ShapeAttributeCollection : {N}.ShapeCollection<string, object>", "public ShapeAttributeCollection();")]
    [InlineData("ShapeList`1", "public class {N}.ShapeList<T> : System.Collections.ObjectModel.Collection<T>", "public T[] ToArray();")]
    [InlineData("ShapeQueryBase", "public abstract class {N}.ShapeQueryBase", null)]
    [InlineData("IShapeContext", "public interface {N}.IShapeContext",
        "public System.Guid? RequestId { get; }|public {N}.ShapeAttributeCollection InputParameters { get; }|public void Execute(System.IServiceProvider serviceProvider);")]
    [InlineData("IShapeChildContext", "public interface {N}.IShapeChildContext : {N}.IShapeContext", "public int Stage { get; }")]
    [InlineData("IShapeGrandchildContext", "public interface {N}.IShapeGrandchildContext : {N}.IShapeChildContext, {N}.IShapeContext",
        "public System.Guid UserAzureActiveDirectoryObjectId { get; }")]
    [InlineData("ShapeContextExtensions", "public static class {N}.ShapeContextExtensions", "public static bool IsAutoTransact(this {N}.IShapeChildContext context);")]
    [InlineData("ShapeException", "public sealed class {N}.ShapeException : System.Exception",
        "public ShapeException(string message, System.Exception exception);|public int ErrorCode { get; }")]
    [InlineData("ShapeRole", "public enum {N}.ShapeRole : int", "Referenced = 1|Referencing = 0")]
    [InlineData("ShapeFilters", "[Flags()] public enum {N}.ShapeFilters : int", "All = 15|Attributes = 2|Default = 1|Entity = 1")]
    [InlineData("ShapeWide", "public enum {N}.ShapeWide : long", "Min = -9223372036854775808")]
    [InlineData("ShapeOuter.Nested", "public sealed class {N}.ShapeOuter.Nested", "public Nested();")]
    public void Read_Type_RendersHeaderAndOnlyItsOwnVisibleMembers(string key, string header, string? members)
    {
        var type = Fixture(key);

        Assert.Equal(header.Replace("{N}", N, StringComparison.Ordinal), type.Header);
        AssertMembers(type, members is null ? [] : members.Replace("{N}", N, StringComparison.Ordinal).Split('|'));
    }

    [Fact]
    public void Read_Assembly_LeavesOutNonPublicTypes()
    {
        Assert.DoesNotContain(Fixtures.Value.Types.Keys, k => k.EndsWith(".MetadataSurfaceReader", StringComparison.Ordinal));
        Assert.DoesNotContain(Fixtures.Value.Types.Keys, k => k.EndsWith(".SurfaceType", StringComparison.Ordinal));
    }

    /// <summary>Lines copied from the real listings; our SDK must render them identically once it ships the member.</summary>
    [SkippableTheory]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.IPlugin", "public void Execute(System.IServiceProvider serviceProvider);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "public virtual T GetAttributeValue<T>(string attributeLogicalName);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "public object this[string attributeName] { get; set; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "public Microsoft.Xrm.Sdk.EntityState? EntityState { get; set; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "public virtual System.Guid Id { get; set; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "public T ToEntity<T>(); where T : Microsoft.Xrm.Sdk.Entity")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity", "protected virtual void SetAttributeValue(string attributeLogicalName, object value);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`1", "public void AddRange(params T[] items);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`2", "public bool TryGetValue(TKey key, out TValue value);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`2", "protected DataCollection();")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`2", "public virtual TValue this[TKey key] { get; set; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.ParameterCollection", "protected ParameterCollection(System.Collections.Generic.IDictionary<string, object> collection);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.IExecutionContext", "public Microsoft.Xrm.Sdk.ParameterCollection InputParameters { get; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.IExecutionContext", "public System.Guid? RequestId { get; }")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.IOrganizationServiceFactory", "public Microsoft.Xrm.Sdk.IOrganizationService CreateOrganizationService(System.Guid? userId);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Query.ColumnSet", "public ColumnSet(params string[] columns);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Query.ConditionOperator", "BeginsWith = 54")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Query.ConditionExpression", "public ConditionExpression(string attributeName, Microsoft.Xrm.Sdk.Query.ConditionOperator conditionOperator, params object[] values);")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.InvalidPluginExecutionException", "public override void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context);")]
    [InlineData(SdkBuilds.CrmSdkProxy, "Microsoft.Crm.Sdk.Messages.WhoAmIResponse", "public System.Guid UserId { get; }")]
    [InlineData(SdkBuilds.CrmSdkProxy, "Microsoft.Crm.Sdk.Messages.SetStateRequest", "public Microsoft.Xrm.Sdk.EntityReference EntityMoniker { get; set; }")]
    public void Read_OurSdk_RendersRealListingLineIdentically(string assemblyName, string typeKey, string listedLine)
    {
        var reference = SurfaceListing.Load(SharedReference.PathOf($"xrm-sdk/{assemblyName}.surface.txt"));
        Assert.Contains(listedLine, reference.Types[typeKey].Members);

        var ours = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, SdkBuilds.NetStandard));

        Assert.True(ours.Types.TryGetValue(typeKey, out var type), $"Our {assemblyName} does not ship {typeKey} yet.");
        var sameName = type.Members.Where(m => SurfaceType.MemberNameOf(m) == SurfaceType.MemberNameOf(listedLine));
        Assert.True(type.Members.Contains(listedLine),
            $"Expected the listing's line\n  {listedLine}\nrendered for our {typeKey}; ours with that name:\n  {string.Join("\n  ", sameName)}");
    }

    /// <summary>Type headers copied from the real listings, without the attributes (compared loosely).</summary>
    [SkippableTheory]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Entity")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`1")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.DataCollection`2")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.AttributeCollection")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.IPluginExecutionContext")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Query.ConditionOperator")]
    [InlineData(SdkBuilds.XrmSdk, "Microsoft.Xrm.Sdk.Query.QueryBase")]
    [InlineData(SdkBuilds.CrmSdkProxy, "Microsoft.Crm.Sdk.Messages.WhoAmIRequest")]
    public void Read_OurSdk_RendersRealListingHeaderIdentically(string assemblyName, string typeKey)
    {
        var listed = SurfaceListing.Load(SharedReference.PathOf($"xrm-sdk/{assemblyName}.surface.txt")).Types[typeKey];

        var ours = MetadataSurfaceReader.Read(SdkBuilds.PathOf(assemblyName, SdkBuilds.NetStandard));

        Assert.True(ours.Types.TryGetValue(typeKey, out var type), $"Our {assemblyName} does not ship {typeKey} yet.");
        Assert.Equal(listed.Declaration + " : " + string.Join(", ", listed.BaseTypes), type.Declaration + " : " + string.Join(", ", type.BaseTypes));
    }

    [SkippableFact]
    public void Parse_RealListings_RoundTripsEveryTypeAndMember()
    {
        foreach (var assemblyName in new[] { SdkBuilds.XrmSdk, SdkBuilds.CrmSdkProxy })
        {
            var path = SharedReference.PathOf($"xrm-sdk/{assemblyName}.surface.txt");
            var original = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

            var listing = SurfaceListing.Load(path);
            var rendered = listing.Render().Split('\n').Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

            Assert.Equal(assemblyName, listing.AssemblyName);
            Assert.Equal(original.Count(l => !l.StartsWith(' ')), listing.Types.Count);
            Assert.Equal(original.Order(StringComparer.Ordinal), rendered.Order(StringComparer.Ordinal));
        }
    }

    private static SurfaceType Fixture(string name)
    {
        Assert.True(Fixtures.Value.Types.TryGetValue(N + "." + name, out var type), $"{name} was not rendered.");
        return type;
    }

    private static void AssertMembers(SurfaceType type, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), type.Members.Order(StringComparer.Ordinal));
}
