namespace EmailConnector.Emulator.CustomApis;

/// <summary>customapi.bindingtype.</summary>
public enum CustomApiBindingType
{
    Global = 0,
    Entity = 1,
    EntityCollection = 2,
}

/// <summary>customapirequestparameter.type / customapiresponseproperty.type.</summary>
public enum CustomApiFieldType
{
    Boolean = 0,
    DateTime = 1,
    Decimal = 2,
    Entity = 3,
    EntityCollection = 4,
    EntityReference = 5,
    Float = 6,
    Integer = 7,
    Money = 8,
    Picklist = 9,
    String = 10,
    StringArray = 11,
    Guid = 12,
}

/// <summary>A request parameter or response property of a custom API.</summary>
public sealed record CustomApiField(string UniqueName, CustomApiFieldType Type, bool IsOptional, string? LogicalEntityName);

/// <summary>A custom API as customapis/&lt;uniquename&gt;/ declares it.</summary>
public sealed record CustomApiDefinition(string UniqueName, CustomApiBindingType BindingType, string? BoundEntityLogicalName, bool IsFunction)
{
    public bool IsPrivate { get; init; }

    /// <summary>0 None, 1 Async only, 2 Sync and Async: which other steps may be registered on the message.</summary>
    public int AllowedCustomProcessingStepType { get; init; }

    public string? ExecutePrivilegeName { get; init; }

    /// <summary>The plugin type whose code is the main operation (stage 30); null when the API only raises events.</summary>
    public Guid? PluginTypeId { get; init; }

    public IReadOnlyList<CustomApiField> RequestParameters { get; init; } = [];

    public IReadOnlyList<CustomApiField> ResponseProperties { get; init; } = [];
}
