using CoreEmailActivityMode = EmailConnector.Core.Reactions.EmailActivityMode;
using CoreResponseMode = EmailConnector.Core.Reactions.ResponseMode;

namespace EmailConnector.Worker.Reactions;

/// <summary>A campaign activity as the write-back needs it, found by its platform list id.</summary>
internal sealed record ReactionActivity(
    Guid Id,
    CoreResponseMode Mode,
    Guid? CampaignId,
    CoreEmailActivityMode EmailMode,
    bool GenerateLeads,
    string? Subject,
    string? Sender);
