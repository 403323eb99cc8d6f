namespace EmailConnector.Emulator.Messages;

internal static class BuiltInMessages
{
    public static IEnumerable<MessageHandler> All() =>
    [
        new CreateMessage(), new RetrieveMessage(), new UpdateMessage(), new DeleteMessage(), new RetrieveMultipleMessage(),
        new RelationshipMessage(associate: true), new RelationshipMessage(associate: false), new UpsertMessage(),
        new MultipleMessage("CreateMultiple"), new MultipleMessage("UpdateMultiple"), new MultipleMessage("UpsertMultiple"),
        new ExecuteMultipleMessage(), new ExecuteTransactionMessage(), new SetStateMessage(), new WhoAmIMessage(),
        new AddMemberListMessage(), new AddListMembersListMessage(), new RemoveMemberListMessage(), new AddItemCampaignActivityMessage(),
    ];
}
