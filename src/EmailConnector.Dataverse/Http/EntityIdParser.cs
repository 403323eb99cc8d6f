namespace EmailConnector.Dataverse.Http;

/// <summary>Reads the Guid out of an <c>OData-EntityId</c> URL (<c>…/contacts(00000000-…)</c>).</summary>
internal static class EntityIdParser
{
    public static Guid? Parse(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var close = url.LastIndexOf(')');
        var open = close < 0 ? -1 : url.LastIndexOf('(', close);
        return open >= 0 && Guid.TryParse(url.AsSpan(open + 1, close - open - 1), out var id) ? id : null;
    }
}
