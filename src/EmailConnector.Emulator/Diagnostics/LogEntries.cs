using EmailConnector.Emulator.Pipeline;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Diagnostics;

/// <summary>One request the organization executed (nested requests made by plugins included, with their depth).</summary>
public sealed record RequestLogEntry(string RequestName, int Depth, Guid UserId, ParameterCollection Parameters, OrganizationServiceFault? Fault);

public enum StepOutcome
{
    Succeeded,
    Failed,
}

/// <summary>One step execution: which step, where in the pipeline, on which record, and how it ended.</summary>
public sealed record StepExecution(
    string StepName,
    string PluginTypeName,
    string MessageName,
    string PrimaryEntityName,
    PipelineStage Stage,
    StepMode Mode,
    int Depth,
    Guid PrimaryEntityId,
    StepOutcome Outcome,
    string? Error);

/// <summary>One ITracingService.Trace line, with the step that wrote it.</summary>
public sealed record TraceEntry(string StepName, int Depth, string Message);
