using System.Collections;
using System.Collections.ObjectModel;
using System.Runtime.Serialization;

#pragma warning disable CA1822, CA1805, CS0067, CS0169, CS0649 // Shapes exist only to be read as metadata; their bodies never run.

// Types with the shapes the SDK listings contain, so the renderer can be checked against hand-written expected lines
// independently of how far our SDK has got. Names and signatures imitate the listings' own entries.
namespace EmailConnector.Xrm.Sdk.Tests.Surface.Fixtures;

public enum ShapeRole
{
    Referencing = 0,
    Referenced = 1,
}

[Flags]
public enum ShapeFilters
{
    Default = 1,
    Entity = 1,
    Attributes = 2,
    All = 15,
}

public enum ShapeWide : long
{
    Min = long.MinValue,
}

[DataContract(Name = "ShapeEntity", Namespace = "http://schemas.example.org/xrm/2011/Contracts")]
[KnownType("GetKnownShapeTypes")]
public class ShapeEntity : IExtensibleDataObject
{
    public const int Account = 1;
    public const string XrmContracts2011 = "http://schemas.microsoft.com/xrm/2011/Contracts";
    public const double MaxSupportedValue = 100000000000;
    public const long MinSupportedValue = long.MinValue;
    public static readonly ShapeEntity Empty = new();
    public string? LibraryName;
    internal string? Hidden;

    public ShapeEntity()
    {
    }

    public ShapeEntity(string entityName, Guid id)
    {
    }

    protected ShapeEntity(IDictionary<string, object> collection)
    {
    }

    ~ShapeEntity()
    {
    }

    public event EventHandler<EventArgs>? ChannelOpened;

    public ExtensionDataObject? ExtensionData { get; set; }

    public virtual Guid Id { get; set; }

    public ShapeRole? EntityState { get; set; }

    public Guid? RequestId { get; set; }

    public string? TokenResponse { get; protected set; }

    public byte[][]? TimeInfos { get; }

    protected IQueryable? CommunicationObject { get; }

    protected virtual IQueryProvider? QueryProvider { get; }

    public object? this[string attributeName]
    {
        get => null;
        set { }
    }

    public static bool operator ==(ShapeEntity a, ShapeEntity b) => ReferenceEquals(a, b);

    public static bool operator !=(ShapeEntity a, ShapeEntity b) => !ReferenceEquals(a, b);

    public virtual T GetAttributeValue<T>(string attributeLogicalName) => default!;

    public T ToEntity<T>() where T : ShapeEntity => default!;

    public bool TryGetValue(string key, out object? value)
    {
        value = null;
        return false;
    }

    public void AddColumns(params string[] columns)
    {
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => 0;

    public override string ToString() => string.Empty;

    protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, ShapeRole? primaryEntityRole, TEntity entity) where TEntity : ShapeEntity
    {
    }

    protected static T2 Create<T2>(string value) where T2 : ShapeEntity, new() => new();

    protected internal void SeenAsProtected()
    {
    }

    internal void NotSeen()
    {
    }

    private protected void NotSeenEither()
    {
    }
}

public abstract class ShapeCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
{
    protected ShapeCollection()
    {
    }

    public virtual TValue this[TKey key]
    {
        get => default!;
        set { }
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Enumerable.Empty<KeyValuePair<TKey, TValue>>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void AddRange(params KeyValuePair<TKey, TValue>[] items)
    {
    }
}

public sealed class ShapeAttributeCollection : ShapeCollection<string, object>
{
}

public class ShapeList<T> : Collection<T>
{
    internal ShapeList()
    {
    }

    public T[] ToArray() => [.. this];
}

public abstract class ShapeQueryBase
{
    internal ShapeQueryBase()
    {
    }
}

public interface IShapeContext
{
    Guid? RequestId { get; }

    ShapeAttributeCollection InputParameters { get; }

    void Execute(IServiceProvider serviceProvider);
}

public interface IShapeChildContext : IShapeContext
{
    int Stage { get; }
}

public interface IShapeGrandchildContext : IShapeChildContext
{
    Guid UserAzureActiveDirectoryObjectId { get; }
}

// Trap 2 in compiled form: InputParameters belongs to IShapeContext, redeclaring it here changes the binding target.
public interface IShapeRedeclaringContext : IShapeContext
{
    new ShapeAttributeCollection InputParameters { get; }

    int Stage { get; }
}

public static class ShapeContextExtensions
{
    public static bool IsAutoTransact(this IShapeChildContext context) => false;
}

public sealed class ShapeException : Exception
{
    public ShapeException(string message, Exception exception)
        : base(message, exception)
    {
    }

    public int ErrorCode { get; }
}

public class ShapeOuter
{
    public sealed class Nested
    {
    }
}
