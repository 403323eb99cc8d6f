namespace EmailConnector.Emulator.Pipeline;

/// <summary>The sdkmessageprocessingstep.stage values a registration may use (30 is the custom API main operation).</summary>
public enum PipelineStage
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
public enum ImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}

/// <summary>One image of a step: its alias, kind, and the columns it carries (null = all columns).</summary>
public sealed record StepImage(string EntityAlias, ImageType ImageType, IReadOnlyList<string>? Attributes, string MessagePropertyName = "Target")
{
    public bool IsPre => ImageType is ImageType.PreImage or ImageType.Both;

    public bool IsPost => ImageType is ImageType.PostImage or ImageType.Both;
}
