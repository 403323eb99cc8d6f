namespace EmailConnector.Dataverse.Rows;

/// <summary>
/// A lookup value as the Web API returns it: <c>_x_value</c> plus, when annotations were asked for, the target table,
/// the display name and the navigation property to use in <c>@odata.bind</c>.
/// </summary>
public sealed record DataverseLookup(Guid Id, string? LogicalName, string? Name, string? NavigationProperty);
