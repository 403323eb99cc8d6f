namespace EmailConnector.Plugins.Tests.Support;

/// <summary>
/// The sdkmessage ids the step XML names. Create, Update and Delete are the same in every org (dataverse.md §7.4).
/// AddMember, AddListMembers and RemoveMember are platform rows whose ids are not documented (dataverse.md §10): the
/// solution uses the ids below, which must be checked against a real org (GET sdkmessages?$filter=name eq 'AddMember')
/// before the first import; docs/plugins.md says so.
/// </summary>
public static class SdkMessages
{
    public static readonly IReadOnlyDictionary<string, Guid> Ids = new Dictionary<string, Guid>(StringComparer.Ordinal)
    {
        ["Create"] = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Update"] = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Delete"] = new("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["AddMember"] = EmailConnector.Schema.SdkMessages.AddMemberId,
        ["AddListMembers"] = EmailConnector.Schema.SdkMessages.AddListMembersId,
        ["RemoveMember"] = EmailConnector.Schema.SdkMessages.RemoveMemberId,
    };

    /// <summary>The org-specific ones, for the emulator's SolutionReaderOptions.MessageNamesById.</summary>
    public static IDictionary<Guid, string> OrgSpecific { get; } = new Dictionary<Guid, string>
    {
        [Ids["AddMember"]] = "AddMember",
        [Ids["AddListMembers"]] = "AddListMembers",
        [Ids["RemoveMember"]] = "RemoveMember",
    };
}
