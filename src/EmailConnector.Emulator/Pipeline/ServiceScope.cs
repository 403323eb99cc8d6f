using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Pipeline;

/// <summary>Who calls, and from where: a top-level caller, or a plugin whose context becomes the parent.</summary>
internal sealed record ServiceScope(Guid UserId, Guid InitiatingUserId, int Depth, IPluginExecutionContext? ParentContext, Guid? CorrelationId);
