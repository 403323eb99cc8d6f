using System;
using System.Collections.Generic;

namespace EmailConnector.Schema;

/// <summary>
/// The sdkmessage ids that our step XML (solution/EmailConnector/SdkMessageProcessingSteps) names for the marketing-list
/// messages. Solution XML names a step's message only by id. Create, Update and Delete have documented ids that are the
/// same in every org; AddMember, AddListMembers and RemoveMember are platform rows whose ids are not documented
/// (shared/notes/dataverse.md §10), so the values below are ours and unverified: read the real ones from an org
/// (<c>GET sdkmessages?$filter=name eq 'AddMember'</c>) and replace them here and in the three step files before the
/// first import (docs/plugins.md). Keeping them in one place lets the emulator, the plugin tests and the local run agree.
/// </summary>
public static class SdkMessages
{
    public static readonly Guid AddMemberId = new Guid("0f3bd7c8-4d9c-5e2e-9b8c-6a1f1f6f6a01");

    public static readonly Guid AddListMembersId = new Guid("0f3bd7c8-4d9c-5e2e-9b8c-6a1f1f6f6a02");

    public static readonly Guid RemoveMemberId = new Guid("0f3bd7c8-4d9c-5e2e-9b8c-6a1f1f6f6a03");

    /// <summary>Message names of the ids above, for readers of the step XML (the emulator's solution reader).</summary>
    public static IReadOnlyDictionary<Guid, string> MarketingListMessageNamesById { get; } = new Dictionary<Guid, string>
    {
        [AddMemberId] = "AddMember",
        [AddListMembersId] = "AddListMembers",
        [RemoveMemberId] = "RemoveMember",
    };
}
