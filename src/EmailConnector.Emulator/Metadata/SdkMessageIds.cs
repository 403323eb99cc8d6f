namespace EmailConnector.Emulator.Metadata;

/// <summary>
/// The sdkmessage ids that are the same in every org (dataverse.md §7.4, from DP/org-service/use-messages; Create and
/// Update also seen in two unrelated exports). Steps in solution XML name their message only by this id; ids of other
/// messages (AddMember, custom API messages, ...) are org-specific and must be supplied through
/// <see cref="SolutionReaderOptions.MessageNamesById"/>.
/// </summary>
public static class SdkMessageIds
{
    private const string Suffix = "-ea3e-db11-86a7-000a3a5473e8";

    public static IReadOnlyDictionary<Guid, string> Known { get; } = new Dictionary<Guid, string>
    {
        [Id("9ebdbb1b")] = "Create",
        [Id("20bebb1b")] = "Update",
        [Id("a1bdbb1b")] = "Delete",
        [Id("f2bdbb1b")] = "Retrieve",
        [Id("03bebb1b")] = "RetrieveMultiple",
        [Id("8cbdbb1b")] = "Assign",
        [Id("1cbebb1b")] = "SetState",
        [Id("1dbebb1b")] = "SetStateDynamicEntity",
        [Id("c5bdbb1b")] = "GrantAccess",
        [Id("dcbdbb1b")] = "ModifyAccess",
        [Id("11bebb1b")] = "RevokeAccess",
        [Id("dbbdbb1b")] = "Merge",
    };

    private static Guid Id(string prefix) => Guid.Parse(prefix + Suffix);
}
