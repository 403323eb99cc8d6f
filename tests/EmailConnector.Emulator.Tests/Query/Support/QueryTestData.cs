using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Tests.Query.Support;

/// <summary>A schema shaped like the Dataverse tables the connector reads, and helpers to run queries on it.</summary>
internal sealed class QueryTestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public QueryTestData()
    {
        Store = new InMemoryQueryStore();
        Store.AddTable("account", "accountid", "name")
            .Column("name", ColumnType.String)
            .Column("revenue", ColumnType.Money);
        Store.AddTable("contact", "contactid", "fullname")
            .Column("fullname", ColumnType.String)
            .Column("emailaddress1", ColumnType.String)
            .Column("numberofchildren", ColumnType.Integer)
            .Column("creditlimit", ColumnType.Money)
            .Column("gendercode", ColumnType.Picklist)
            .Column("statecode", ColumnType.State)
            .Column("donotemail", ColumnType.Boolean)
            .Column("birthdate", ColumnType.DateTime)
            .Column("externalkey", ColumnType.String)
            .Column("parentcustomerid", ColumnType.Customer, "account", "contact")
            .Key("externalkey");
        Store.AddTable("list", "listid", "listname")
            .Column("listname", ColumnType.String);
        Store.AddTable("listmember", "listmemberid", null)
            .Column("listid", ColumnType.Lookup, "list")
            .Column("entityid", ColumnType.Lookup, "account", "contact", "lead")
            .Column("entitytype", ColumnType.EntityName);
        Engine = new QueryEngine(Store, new FixedTimeProvider(Now));
    }

    public InMemoryQueryStore Store { get; }

    public QueryEngine Engine { get; }

    public InMemoryQueryTable Contacts => Store.Table("contact");

    public InMemoryQueryTable Accounts => Store.Table("account");

    public InMemoryQueryTable Lists => Store.Table("list");

    public InMemoryQueryTable Members => Store.Table("listmember");

    /// <summary>Ids that sort as their number does, so expectations read naturally.</summary>
    public static Guid Id(int table, int number) => new($"{table:x8}-0000-0000-0000-{number:x12}");

    public Guid Contact(int number, params (string Column, object? Value)[] values) =>
        Contacts.Put(Id(2, number), [("fullname", $"Contact {number:D3}"), .. values]);

    public Guid Account(int number, string name) => Accounts.Put(Id(1, number), ("name", name));

    public Guid List(int number, string name) => Lists.Put(Id(4, number), ("listname", name));

    public Guid Member(int number, Guid listId, Guid contactId) => Members.Put(
        Id(5, number),
        ("listid", new EntityReference("list", listId)),
        ("entityid", new EntityReference("contact", contactId)),
        ("entitytype", "contact"));

    public EntityCollection Run(QueryBase query) => Engine.RetrieveMultiple(query);

    public EntityCollection Fetch(string fetchXml) => Engine.RetrieveMultiple(new FetchExpression(fetchXml));

    /// <summary>Full names of the contacts a single condition selects, in result order.</summary>
    public List<string> NamesWhere(ConditionExpression condition)
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition(condition);
        return Names(Run(query));
    }

    public static List<string> Names(EntityCollection result) =>
        result.Entities.Select(e => e.GetAttributeValue<string>("fullname")).ToList();
}

internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedTimeProvider(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
