using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using EmailConnector.Core;
using EmailConnector.Core.Recipients;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Plugins.CustomApis;

/// <summary>One marketing list's part of the preview.</summary>
public sealed class ListPreview
{
    private readonly Dictionary<string, int> _excluded = new Dictionary<string, int>(StringComparer.Ordinal);

    public ListPreview(Guid id, string name, string memberType, bool isDynamic)
    {
        Id = id;
        Name = name;
        MemberType = memberType;
        IsDynamic = isDynamic;
        foreach (var bucket in TransferPreview.Buckets)
            _excluded[bucket] = 0;
    }

    public Guid Id { get; }

    public string Name { get; }

    public string MemberType { get; }

    public bool IsDynamic { get; }

    public int MemberCount { get; private set; }

    public int RecipientCount { get; private set; }

    public int Excluded(string bucket) => _excluded[bucket];

    internal void Count(ExclusionReason reason)
    {
        MemberCount++;
        if (reason == ExclusionReason.None)
            RecipientCount++;
        else
            _excluded[TransferPreview.BucketOf(reason)]++;
    }
}

/// <summary>
/// Reads a campaign activity's marketing lists and their members (static: listmember; dynamic: the list's FetchXML) and
/// screens every member with the linked exclusion rules of EmailConnector.Core, exactly as the transfer will. Reads only.
/// </summary>
public sealed class TransferPreview
{
    public const string DoNotBulkEmail = "doNotBulkEmail";
    public const string InvalidAddress = "invalidAddress";
    public const string Bounced = "bounced";
    public const string Unsubscribed = "unsubscribed";
    public const string DuplicateAddress = "duplicateAddress";
    public const string NoAddress = "noAddress";

    /// <summary>The preview's exclusion buckets in ListsJson order.</summary>
    public static readonly string[] Buckets = { DoNotBulkEmail, InvalidAddress, Bounced, Unsubscribed, DuplicateAddress, NoAddress };

    /// <summary>Household policy of the preview and the transfer: the first member seen keeps a shared address.</summary>
    public const HouseholdPolicy Policy = HouseholdPolicy.First;

    private const int PageSize = 5000;
    private const int SuppressionBatch = 200;

    private readonly IOrganizationService _service;
    private readonly RecipientScreen _screen = new RecipientScreen(Policy);
    private readonly List<ListPreview> _lists = new List<ListPreview>();

    public TransferPreview(IOrganizationService service)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
    }

    public IReadOnlyList<ListPreview> Lists => _lists;

    public ExclusionTally Tally => _screen.Tally;

    public int Excluded(string bucket) =>
        Enumerable.Range(1, (int)ExclusionReason.DuplicateAddress).Select(r => (ExclusionReason)r)
            .Where(r => BucketOf(r) == bucket).Sum(r => _screen.Tally[r]);

    /// <summary>The preview bucket of a Core exclusion reason (docs/plugins.md has the table).</summary>
    public static string BucketOf(ExclusionReason reason) => reason switch
    {
        ExclusionReason.DoNotBulkEmail => DoNotBulkEmail,
        ExclusionReason.UnsubscribedFromList => Unsubscribed,
        ExclusionReason.Suppressed => Unsubscribed,
        ExclusionReason.NoAddress => NoAddress,
        ExclusionReason.MalformedAddress => InvalidAddress,
        ExclusionReason.InvalidAddress => InvalidAddress,
        ExclusionReason.Bounced => Bounced,
        ExclusionReason.DuplicateAddress => DuplicateAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not an exclusion."),
    };

    public void Run(Guid activityId, IReadOnlyCollection<Guid> listIds, bool ignoreInactiveMembers)
    {
        if (listIds.Count == 0)
            return;
        var unsubscribed = Unsubscribes(activityId, listIds);
        var listQuery = new QueryExpression(ListColumns.EntityName) { ColumnSet = new ColumnSet("listname", "type", "query", "createdfromcode") };
        listQuery.Criteria.AddCondition("listid", ConditionOperator.In, listIds.Cast<object>().ToArray());
        var lists = _service.RetrieveMultiple(listQuery).Entities
            .OrderBy(l => l.GetAttributeValue<string>("listname") ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .ThenBy(l => l.Id)
            .ToArray();
        foreach (var list in lists)
        {
            var memberTable = MemberTable(list.GetAttributeValue<OptionSetValue>("createdfromcode"));
            var isDynamic = list.GetAttributeValue<bool?>("type") == true;
            var preview = new ListPreview(list.Id, list.GetAttributeValue<string>("listname") ?? string.Empty, memberTable, isDynamic);
            _lists.Add(preview);
            foreach (var page in isDynamic
                ? DynamicMembers(memberTable, list.GetAttributeValue<string>("query"), ignoreInactiveMembers)
                : StaticMembers(memberTable, list.Id, ignoreInactiveMembers))
            {
                var suppressions = Suppressions(page);
                foreach (var member in page)
                    preview.Count(_screen.Screen(Candidate(member, unsubscribed, suppressions)).Reason);
            }
        }
    }

    /// <summary>ListsJson: one object per list, see docs/solution.md.</summary>
    public string ListsJson()
    {
        var json = new JsonText().BeginArray();
        foreach (var list in _lists)
        {
            json.BeginObject()
                .Property("listId", list.Id)
                .Property("name", list.Name)
                .Property("memberType", list.MemberType)
                .Property("isDynamic", list.IsDynamic)
                .Property("memberCount", list.MemberCount)
                .Property("recipientCount", list.RecipientCount)
                .BeginObject("excluded");
            foreach (var bucket in Buckets)
                json.Property(bucket, list.Excluded(bucket));
            json.EndObject().EndObject();
        }
        return json.EndArray().ToString();
    }

    private static string MemberTable(OptionSetValue? createdFromCode) => createdFromCode?.Value switch
    {
        1 => "account",
        2 => "contact",
        4 => "lead",
        _ => throw new InvalidPluginExecutionException("A marketing list of this activity has no member type (account, contact or lead)."),
    };

    // The same on account, contact and lead: the solution adds the bounce columns to every member table.
    private static readonly string[] MemberColumns =
        { "emailaddress1", "donotbulkemail", "donotemail", RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory };

    private IEnumerable<IReadOnlyList<Entity>> StaticMembers(string table, Guid listId, bool activeOnly)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(MemberColumns) };
        query.AddOrder(table + "id", OrderType.Ascending);
        var link = query.AddLink("listmember", table + "id", "entityid", JoinOperator.Inner);
        link.LinkCriteria.AddCondition("listid", ConditionOperator.Equal, listId);
        if (activeOnly)
            query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
        while (true)
        {
            var page = _service.RetrieveMultiple(query);
            yield return page.Entities.ToArray();
            if (!page.MoreRecords)
                yield break;
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    private IEnumerable<IReadOnlyList<Entity>> DynamicMembers(string table, string? fetchXml, bool activeOnly)
    {
        if (string.IsNullOrWhiteSpace(fetchXml))
            yield break;
        var fetch = XElement.Parse(fetchXml);
        var entity = fetch.Element("entity") ?? throw new InvalidPluginExecutionException("A dynamic marketing list of this activity has a query without an entity.");
        // Only the columns the rules need, in a stable order so paging is exact; the list's own filters stay as they are.
        entity.Elements().Where(e => e.Name == "attribute" || e.Name == "all-attributes" || e.Name == "order").Remove();
        foreach (var column in MemberColumns)
            entity.AddFirst(new XElement("attribute", new XAttribute("name", column)));
        entity.Add(new XElement("order", new XAttribute("attribute", table + "id")));
        if (activeOnly)
        {
            entity.Add(new XElement("filter", new XAttribute("type", "and"),
                new XElement("condition", new XAttribute("attribute", "statecode"), new XAttribute("operator", "eq"), new XAttribute("value", "0"))));
        }
        fetch.SetAttributeValue("count", PageSize);
        var pageNumber = 1;
        string? cookie = null;
        while (true)
        {
            fetch.SetAttributeValue("page", pageNumber);
            fetch.SetAttributeValue("paging-cookie", cookie);
            var page = _service.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting)));
            yield return page.Entities.ToArray();
            if (!page.MoreRecords)
                yield break;
            pageNumber++;
            cookie = page.PagingCookie;
        }
    }

    // Opt-out wins: leaving one of the activity's lists, or the activity itself, excludes the member from all of them.
    private HashSet<Guid> Unsubscribes(Guid activityId, IReadOnlyCollection<Guid> listIds)
    {
        var query = new QueryExpression(ListUnsubscribe.EntityName)
        {
            ColumnSet = new ColumnSet(ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId),
        };
        query.Criteria.AddCondition(ListUnsubscribe.StateCode, ConditionOperator.Equal, 0);
        var scope = query.Criteria.AddFilter(LogicalOperator.Or);
        scope.AddCondition(ListUnsubscribe.CampaignActivityId, ConditionOperator.Equal, activityId);
        scope.AddCondition(ListUnsubscribe.ListId, ConditionOperator.In, listIds.Cast<object>().ToArray());
        var ids = new HashSet<Guid>();
        foreach (var row in _service.RetrieveMultiple(query).Entities)
        {
            foreach (var column in new[] { ListUnsubscribe.ContactId, ListUnsubscribe.LeadId, ListUnsubscribe.AccountId })
            {
                var reference = row.GetAttributeValue<EntityReference>(column);
                if (reference is not null)
                    ids.Add(reference.Id);
            }
        }
        return ids;
    }

    private Dictionary<string, int> Suppressions(IReadOnlyList<Entity> members)
    {
        var addresses = members
            .Select(m => m.GetAttributeValue<string>("emailaddress1"))
            .Where(EmailAddressRules.IsValid)
            .Select(a => EmailAddressRules.Normalize(a!))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var start = 0; start < addresses.Length; start += SuppressionBatch)
        {
            var batch = addresses.Skip(start).Take(SuppressionBatch).Cast<object>().ToArray();
            var query = new QueryExpression(Suppression.EntityName) { ColumnSet = new ColumnSet(Suppression.EmailAddress, Suppression.Reason) };
            query.Criteria.AddCondition(Suppression.StateCode, ConditionOperator.Equal, 0);
            query.Criteria.AddCondition(Suppression.EmailAddress, ConditionOperator.In, batch);
            foreach (var row in _service.RetrieveMultiple(query).Entities)
            {
                var address = row.GetAttributeValue<string>(Suppression.EmailAddress);
                if (!string.IsNullOrEmpty(address))
                    reasons[EmailAddressRules.Normalize(address)] = row.GetAttributeValue<OptionSetValue>(Suppression.Reason)?.Value ?? (int)SuppressionReason.Manual;
            }
        }
        return reasons;
    }

    private static RecipientCandidate Candidate(Entity member, HashSet<Guid> unsubscribed, Dictionary<string, int> suppressions)
    {
        var address = member.GetAttributeValue<string>("emailaddress1");
        var suppressed = EmailAddressRules.IsValid(address) && suppressions.TryGetValue(EmailAddressRules.Normalize(address!), out var reason)
            ? (int?)reason
            : null;
        return new RecipientCandidate(new RecordReference(member.LogicalName, member.Id), address)
        {
            DoNotBulkEmail = member.GetAttributeValue<bool?>("donotbulkemail") == true,
            DoNotEmail = member.GetAttributeValue<bool?>("donotemail") == true,
            EmailInvalid = member.GetAttributeValue<bool?>(RecipientColumns.EmailInvalid) == true,
            // A hard-bounce suppression is the platform telling us the address is dead: a bounce, not an opt-out.
            HardBounced = member.GetAttributeValue<OptionSetValue>(RecipientColumns.BounceCategory)?.Value == (int)BounceCategory.Hard
                || suppressed == (int)SuppressionReason.HardBounce,
            UnsubscribedFromList = unsubscribed.Contains(member.Id),
            Suppressed = suppressed is not null && suppressed != (int)SuppressionReason.HardBounce,
        };
    }
}
