using System.Xml.Linq;
using EmailConnector.Core.Platforms;
using EmailConnector.Dataverse;
using EmailConnector.Schema;

namespace EmailConnector.Worker.Operations;

/// <summary>The active <c>ec_platformaccount</c> rows and the platform behind each.</summary>
public sealed class PlatformAccounts(DataverseClient client, IEmailPlatformProvider platforms)
{
    /// <summary>Ids of the active accounts.</summary>
    public async Task<IReadOnlyList<Guid>> ActiveAsync(CancellationToken cancellationToken)
    {
        var fetch = new XElement("fetch",
            new XElement("entity", new XAttribute("name", PlatformAccount.EntityName),
                new XElement("attribute", new XAttribute("name", PlatformAccount.PrimaryId)),
                new XElement("order", new XAttribute("attribute", PlatformAccount.PrimaryId)),
                new XElement("filter", new XElement("condition",
                    new XAttribute("attribute", PlatformAccount.StateCode), new XAttribute("operator", "eq"), new XAttribute("value", "0"))))).ToString(SaveOptions.DisableFormatting);
        var accounts = new List<Guid>();
        await foreach (var row in client.FetchAsync("ec_platformaccounts", fetch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetGuid(PlatformAccount.PrimaryId) is { } id)
                accounts.Add(id);
        }

        return accounts;
    }

    /// <summary>
    /// Each distinct platform that serves an active account, with the first account it serves (whose data mappings
    /// apply). A record change reaches every platform once, even when one platform instance serves several accounts.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Account, IEmailPlatform Platform)>> PlatformsAsync(CancellationToken cancellationToken)
    {
        var result = new List<(Guid, IEmailPlatform)>();
        foreach (var account in await ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            var platform = platforms.For(account);
            if (!result.Exists(p => ReferenceEquals(p.Item2, platform)))
                result.Add((account, platform));
        }

        return result;
    }
}
