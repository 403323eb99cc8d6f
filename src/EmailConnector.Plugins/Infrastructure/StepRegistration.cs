using System;

namespace EmailConnector.Plugins.Infrastructure;

/// <summary>Pipeline stages a step can be registered in (sdkmessageprocessingstep.stage).</summary>
public enum StepStage
{
    PreValidation = 10,
    PreOperation = 20,
    MainOperation = 30,
    PostOperation = 40,
}

/// <summary>sdkmessageprocessingstep.mode.</summary>
public enum StepMode
{
    Synchronous = 0,
    Asynchronous = 1,
}

/// <summary>sdkmessageprocessingstepimage.imagetype.</summary>
public enum StepImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}

/// <summary>
/// How a step class is registered in Dataverse. The solution's SdkMessageProcessingSteps/{Id}.xml must say the same
/// (StepRegistrationTests checks both directions), and PluginBase refuses to run for any other message, table or stage.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PluginStepAttribute : Attribute
{
    public PluginStepAttribute(string id, string message, string table, StepStage stage)
    {
        Id = new Guid(id);
        Message = message;
        Table = table;
        Stage = stage;
    }

    /// <summary>The sdkmessageprocessingstepid, also the step file's name.</summary>
    public Guid Id { get; }

    /// <summary>The pipeline message name (AddMember, not the request name AddMemberList).</summary>
    public string Message { get; }

    public string Table { get; }

    public StepStage Stage { get; }

    public StepMode Mode { get; set; } = StepMode.Synchronous;

    public int Rank { get; set; } = 1;

    /// <summary>Comma-separated column logical names (Update only); empty means any column.</summary>
    public string FilteringAttributes { get; set; } = string.Empty;
}

/// <summary>An entity image a step asks for; several per step are allowed.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PluginStepImageAttribute : Attribute
{
    public PluginStepImageAttribute(string id, string alias, StepImageType type, string attributes)
    {
        Id = new Guid(id);
        Alias = alias;
        Type = type;
        Attributes = attributes;
    }

    public Guid Id { get; }

    /// <summary>The key in PreEntityImages / PostEntityImages (entityalias).</summary>
    public string Alias { get; }

    public StepImageType Type { get; }

    /// <summary>Comma-separated column logical names; never empty (an image of every column would carry personal data for nothing).</summary>
    public string Attributes { get; }

    /// <summary>Target for Update and Delete; "id" for a Create post-image.</summary>
    public string MessagePropertyName { get; set; } = "Target";
}

/// <summary>Names a custom API (customapis/&lt;name&gt;) whose main operation this class is.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CustomApiHandlerAttribute : Attribute
{
    public CustomApiHandlerAttribute(string uniqueName)
    {
        UniqueName = uniqueName;
    }

    public string UniqueName { get; }
}
