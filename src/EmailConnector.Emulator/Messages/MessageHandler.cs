using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Messages;

/// <summary>What the pipeline needs to know about a request before it runs.</summary>
/// <param name="PipelineMessage">The sdkmessage name steps register on (AddMemberList → AddMember).</param>
/// <param name="ImageTable">The table of the record pre/post images are read from, when the message has images.</param>
internal sealed record MessageInfo(string PipelineMessage, string PrimaryEntityName, Guid PrimaryEntityId, string? ImageTable = null)
{
    public Guid ImageId { get; set; } = PrimaryEntityId;
}

/// <summary>One message: how to describe a request for the pipeline, and its core operation (stage 30).</summary>
internal abstract class MessageHandler
{
    public abstract string RequestName { get; }

    /// <summary>Batch messages run their inner requests as top-level requests and have no steps of their own.</summary>
    public virtual bool IsBatch => false;

    public abstract MessageInfo Describe(RequestContext context, OrganizationRequest request);

    public abstract OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info);

    protected static T Required<T>(OrganizationRequest request, string key)
    {
        if (!request.Parameters.TryGetValue(key, out var value) || value is null)
            throw OrganizationFaults.InvalidArgument($"Required field '{key}' is missing");
        if (value is not T typed)
            throw OrganizationFaults.InvalidArgument($"Parameter '{key}' of {request.RequestName} must be {typeof(T).Name}, not {value.GetType().Name}.");
        return typed;
    }

    protected static T? Optional<T>(OrganizationRequest request, string key)
    {
        if (!request.Parameters.TryGetValue(key, out var value) || value is null)
            return default;
        return value is T typed
            ? typed
            : throw OrganizationFaults.InvalidArgument($"Parameter '{key}' of {request.RequestName} must be {typeof(T).Name}, not {value.GetType().Name}.");
    }

    protected static TResponse Respond<TResponse>(string name, params (string Key, object? Value)[] results)
        where TResponse : OrganizationResponse, new()
    {
        var response = new TResponse { ResponseName = name };
        foreach (var (key, value) in results)
            response.Results[key] = value;
        return response;
    }
}
