namespace EmailConnector.Emulator.Metadata;

/// <summary>Declares a table of the built-in catalog in a few readable lines.</summary>
internal sealed class TableBuilder
{
    private readonly TableDefinition _table;

    public TableBuilder(TableDefinition table) => _table = table;

    public TableDefinition Table => _table;

    public TableBuilder Column(ColumnDefinition column)
    {
        _table.AddColumn(column);
        return this;
    }

    public TableBuilder Id(string name, bool validForCreate = true) =>
        Column(new ColumnDefinition(name, ColumnType.Uniqueidentifier) { ValidForCreate = validForCreate, ValidForUpdate = false });

    public TableBuilder String(string name, int maxLength, bool create = true, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.String) { MaxLength = maxLength, ValidForCreate = create, ValidForUpdate = update });

    public TableBuilder Memo(string name, int maxLength) =>
        Column(new ColumnDefinition(name, ColumnType.Memo) { MaxLength = maxLength });

    public TableBuilder Int(string name, long? min = null, long? max = null, bool create = true, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.Integer) { MinValue = min, MaxValue = max, ValidForCreate = create, ValidForUpdate = update });

    public TableBuilder Bool(string name, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.Boolean) { ValidForUpdate = update });

    public TableBuilder Money(string name) => Column(new ColumnDefinition(name, ColumnType.Money));

    public TableBuilder Date(string name, DateTimeBehavior behavior = DateTimeBehavior.UserLocal, bool create = true, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.DateTime) { DateTimeBehavior = behavior, ValidForCreate = create, ValidForUpdate = update });

    public TableBuilder Lookup(string name, string[] targets, bool create = true, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.Lookup) { Targets = targets, ValidForCreate = create, ValidForUpdate = update });

    public TableBuilder Customer(string name, params string[] targets) =>
        Column(new ColumnDefinition(name, ColumnType.Customer) { Targets = targets });

    public TableBuilder Picklist(string name, params (int Value, string Label)[] options) =>
        Column(new ColumnDefinition(name, ColumnType.Picklist) { Options = ToOptions(options) });

    public TableBuilder PicklistFixed(string name, (int Value, string Label)[] options, bool update) =>
        Column(new ColumnDefinition(name, ColumnType.Picklist) { Options = ToOptions(options), ValidForUpdate = update });

    public TableBuilder EntityName(string name, bool create = true, bool update = true) =>
        Column(new ColumnDefinition(name, ColumnType.EntityName) { ValidForCreate = create, ValidForUpdate = update });

    public TableBuilder PartyList(string name, int participationTypeMask, params string[] targets) =>
        Column(new ColumnDefinition(name, ColumnType.PartyList) { Targets = targets, ParticipationTypeMask = participationTypeMask });

    /// <summary>statecode/statuscode with their pairs; the first state is the one a new row gets.</summary>
    public TableBuilder States(params StateDefinition[] states)
    {
        var stateOptions = states.ToDictionary(s => s.State, s => s.Label);
        var statusOptions = new Dictionary<int, string>();
        foreach (var s in states)
        {
            foreach (var status in s.Statuses)
                statusOptions[status] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // statecode is "not valid for Create" on every table of the catalog (dataverse-tables.md); it changes through
        // Update or SetState only.
        _table.AddColumn(new ColumnDefinition("statecode", ColumnType.State) { Options = stateOptions, ValidForCreate = false });
        _table.AddColumn(new ColumnDefinition("statuscode", ColumnType.Status) { Options = statusOptions });
        _table.SetStates(states);
        return this;
    }

    /// <summary>The audit and version columns every table has.</summary>
    public TableBuilder SystemColumns()
    {
        Date("createdon", create: false, update: false);
        Date("modifiedon", create: false, update: false);
        Lookup("createdby", ["systemuser"], create: false, update: false);
        Lookup("modifiedby", ["systemuser"], create: false, update: false);
        Column(new ColumnDefinition("versionnumber", ColumnType.BigInt) { ValidForCreate = false, ValidForUpdate = false });
        return this;
    }

    /// <summary>ownerid (systemuser or team) and owningbusinessunit of user-owned tables.</summary>
    public TableBuilder Ownership()
    {
        Column(new ColumnDefinition("ownerid", ColumnType.Owner) { Targets = ["systemuser", "team"] });
        Lookup("owningbusinessunit", ["businessunit"], create: false, update: false);
        return this;
    }

    public TableBuilder Key(string name, params string[] columns)
    {
        _table.AddKey(new AlternateKeyDefinition(name, columns));
        return this;
    }

    private static Dictionary<int, string> ToOptions((int Value, string Label)[] options) =>
        options.ToDictionary(o => o.Value, o => o.Label);
}
