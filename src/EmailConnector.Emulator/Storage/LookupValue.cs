namespace EmailConnector.Emulator.Storage;

/// <summary>A lookup as the store keeps it: far smaller than an EntityReference with its key collection.</summary>
internal sealed class LookupValue(string logicalName, Guid id)
{
    public string LogicalName { get; } = logicalName;

    public Guid Id { get; } = id;

    public override bool Equals(object? obj) => obj is LookupValue other && other.Id == Id && other.LogicalName == LogicalName;

    public override int GetHashCode() => Id.GetHashCode();
}
