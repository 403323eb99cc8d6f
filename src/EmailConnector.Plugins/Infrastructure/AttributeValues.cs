using System;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>
/// Compares column values as Dataverse stores them, so a step can tell a real change from a column that is merely
/// present in Target (filtering attributes fire on presence, not on change: dataverse.md §9 item 23).
/// </summary>
public static class AttributeValues
{
    /// <summary>The value in <paramref name="target"/> when it carries the column, else the one in <paramref name="image"/>.</summary>
    public static object? Effective(string column, Entity target, Entity? image)
    {
        if (target.Attributes.TryGetValue(column, out var value))
            return value;
        return image is not null && image.Attributes.TryGetValue(column, out var old) ? old : null;
    }

    /// <summary>True when Target carries the column with a value different from the image's.</summary>
    public static bool Changed(string column, Entity target, Entity? image)
    {
        if (!target.Attributes.TryGetValue(column, out var value))
            return false;
        object? before = null;
        if (image is not null)
            image.Attributes.TryGetValue(column, out before);
        return !AreEqual(value, before);
    }

    public static bool AreEqual(object? left, object? right)
    {
        left = Normalize(left);
        right = Normalize(right);
        if (left is null || right is null)
            return left is null && right is null;
        return left switch
        {
            OptionSetValue option => right is OptionSetValue other && option.Value == other.Value,
            EntityReference reference => right is EntityReference other && reference.Id == other.Id
                && string.Equals(reference.LogicalName, other.LogicalName, StringComparison.Ordinal),
            Money money => right is Money other && money.Value == other.Value,
            string text => right is string other && string.Equals(text, other, StringComparison.Ordinal),
            _ => left.Equals(right),
        };
    }

    // An empty string and a missing value are the same thing to Dataverse (it stores null).
    private static object? Normalize(object? value) => value is string text && text.Length == 0 ? null : value;
}
