using System.Globalization;
using EmailConnector.Emulator.Faults;
using EmailConnector.Emulator.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Storage;

/// <summary>
/// Create, Retrieve, Update and Delete as the platform's core operation (stage 30), per emulator.md §2.2: validation
/// and conversion of values, defaults and system columns, alternate keys, optimistic concurrency, cascades, N:N
/// intersect clean-up, activity pointers and party lists. No plugin logic lives here.
/// </summary>
public sealed class RecordOperations
{
    private readonly DataStore _store;
    private readonly TimeProvider _time;
    private readonly Func<Guid> _newId;
    private readonly Dictionary<Guid, LookupValue> _sharedLookups = [];

    public RecordOperations(DataStore store, TimeProvider time, Func<Guid> newId)
    {
        _store = store;
        _time = time;
        _newId = newId;
    }

    public DataStore Store => _store;

    private DateTime Now => DateTime.SpecifyKind(_time.GetUtcNow().UtcDateTime, DateTimeKind.Utc);

    public Guid Create(Entity target, Caller caller)
    {
        var table = _store.Table(target.LogicalName);
        var definition = table.Definition;
        if (!definition.SupportsCreate)
            throw OrganizationFaults.InvalidArgument($"The 'Create' method does not support entities of type '{definition.LogicalName}'.");

        var id = IdForCreate(target, definition);
        if (table.Get(id) is not null)
            throw OrganizationFaults.DuplicateId(definition.LogicalName, id);

        var row = new object?[table.SlotCount];
        var parties = new List<(ColumnDefinition Column, EntityCollection? Parties)>();
        foreach (var (name, value) in target.Attributes)
            ApplyAttribute(table, row, name, value, forCreate: true, parties);
        foreach (var (name, value) in target.KeyAttributes)
        {
            if (!target.Attributes.ContainsKey(name))
                ApplyAttribute(table, row, name, value, forCreate: true, parties);
        }

        row[table.PrimaryIdSlot] = id;
        if (definition.HasStateModel)
        {
            var statusSlot = table.SlotOf("statuscode")!.Value;
            StateDefinition state;
            if (row[statusSlot] is int status)
                state = definition.StateOfStatus(status) ?? throw OrganizationFaults.InvalidState(definition.LogicalName, definition.DefaultState!.State, status);
            else
                state = definition.DefaultState!;
            row[table.SlotOf("statecode")!.Value] = ValueConverter.Box(state.State);
            row[statusSlot] = row[statusSlot] ?? ValueConverter.Box(state.DefaultStatus);
        }
        // One shared instance per user, business unit and timestamp: a million rows written by one user must not
        // carry a million copies of the same lookup.
        var user = UserLookup(caller.UserId);
        if (table.SlotOf("ownerid") is { } ownerSlot && row[ownerSlot] is null)
            row[ownerSlot] = user;
        SetIfPresent(table, row, "owningbusinessunit", BusinessUnitLookup(caller.BusinessUnitId));
        object now = Now;
        SetIfPresent(table, row, "createdon", now);
        SetIfPresent(table, row, "modifiedon", now);
        SetIfPresent(table, row, "createdby", user);
        SetIfPresent(table, row, "modifiedby", user);
        SetIfPresent(table, row, "versionnumber", _store.NextVersion());
        if (definition.IsActivity)
            SetIfPresent(table, row, "activitytypecode", definition.LogicalName);
        ApplyDerivedColumns(table, row, null);

        table.CheckKeys(id, row);
        _store.Put(table, id, row);
        if (definition.IsActivity)
            MirrorActivityPointer(table, id, row);
        foreach (var (column, collection) in parties)
            WriteParties(table, id, column, collection);
        return id;
    }

    public Entity Retrieve(EntityReference target, ColumnSet? columns)
    {
        if (columns is null)
            throw OrganizationFaults.InvalidArgument("Required field 'ColumnSet' is missing");
        var table = _store.Table(target.LogicalName);
        var id = Resolve(table, target.Id, target.KeyAttributes);
        return ToEntity(table, id, table.Get(id)!, columns.AllColumns ? null : columns.Columns);
    }

    /// <summary>The row as an Entity with only the given columns (null = all), or null when it does not exist.</summary>
    public Entity? TryRead(string logicalName, Guid id, IReadOnlyCollection<string>? columns)
    {
        var table = _store.Table(logicalName);
        var row = table.Get(id);
        return row is null ? null : ToEntity(table, id, row, columns);
    }

    public void Update(Entity target, Caller caller, ConcurrencyBehavior concurrency = ConcurrencyBehavior.Default)
    {
        var table = _store.Table(target.LogicalName);
        var definition = table.Definition;
        var id = Resolve(table, PrimaryIdOf(target, definition), target.KeyAttributes);
        if (!definition.SupportsUpdate)
            throw OrganizationFaults.InvalidArgument($"The 'Update' method does not support entities of type '{definition.LogicalName}'.");
        var old = table.Get(id)!;
        CheckConcurrency(table, old, target.RowVersion, concurrency);

        var row = (object?[])old.Clone();
        var parties = new List<(ColumnDefinition Column, EntityCollection? Parties)>();
        foreach (var (name, value) in target.Attributes)
        {
            if (name == definition.PrimaryIdAttribute)
            {
                if (value is Guid given && given != id)
                    throw OrganizationFaults.InvalidArgument($"The {name} attribute does not match the id of the record being updated.");
                continue;
            }
            ApplyAttribute(table, row, name, value, forCreate: false, parties);
        }
        if (definition.HasStateModel)
            ApplyStateChange(table, old, row, target);
        CheckReadOnlyState(table, old, row, target);

        SetIfPresent(table, row, "modifiedon", Now);
        SetIfPresent(table, row, "modifiedby", UserLookup(caller.UserId));
        SetIfPresent(table, row, "versionnumber", _store.NextVersion());
        ApplyDerivedColumns(table, row, old);

        table.CheckKeys(id, row);
        _store.Put(table, id, row);
        if (definition.IsActivity)
            MirrorActivityPointer(table, id, row);
        foreach (var (column, collection) in parties)
            WriteParties(table, id, column, collection);
    }

    public void Delete(EntityReference target, ConcurrencyBehavior concurrency = ConcurrencyBehavior.Default)
    {
        var table = _store.Table(target.LogicalName);
        var id = Resolve(table, target.Id, target.KeyAttributes);
        CheckConcurrency(table, table.Get(id)!, target.RowVersion, concurrency);
        DeleteRow(table, id, []);
    }

    /// <summary>The id of an existing row, by id or alternate key; the not-found fault otherwise.</summary>
    public Guid Resolve(TableStore table, Guid id, KeyAttributeCollection? keys)
    {
        var found = TryResolve(table, id, keys);
        if (found is { } existing)
            return existing;
        if (id != Guid.Empty || keys is null || keys.Count == 0)
            throw OrganizationFaults.NotFound(table.LogicalName, id);
        throw OrganizationFaults.NotFoundByKey(table.LogicalName, Describe(keys));
    }

    public Guid? TryResolve(TableStore table, Guid id, KeyAttributeCollection? keys)
    {
        if (id != Guid.Empty)
            return table.Get(id) is null ? null : id;
        if (keys is null || keys.Count == 0)
            throw OrganizationFaults.InvalidArgument($"A {table.LogicalName} reference needs an id or key attributes.");
        if (keys.Count == 1 && keys.ContainsKey(table.PrimaryIdAttribute) && keys[table.PrimaryIdAttribute] is Guid keyId)
            return table.Get(keyId) is null ? null : keyId;
        var key = table.Definition.AlternateKeys.FirstOrDefault(k => k.Columns.Count == keys.Count && k.Columns.All(keys.ContainsKey))
            ?? throw OrganizationFaults.InvalidArgument(
                $"The key attributes ({string.Join(", ", keys.Keys)}) do not match an alternate key of {table.LogicalName}.");
        var values = key.Columns.Select(c => ValueConverter.ToStored(table.LogicalName, table.Definition.FindColumn(c)!, keys[c])
            ?? throw OrganizationFaults.InvalidArgument($"Key attribute '{c}' has no value.")).ToArray();
        return table.FindByKey(key, values);
    }

    public Guid PrimaryIdOf(Entity entity, TableDefinition definition)
    {
        if (entity.Id != Guid.Empty)
            return entity.Id;
        return entity.Attributes.TryGetValue(definition.PrimaryIdAttribute, out var value) && value is Guid id ? id : Guid.Empty;
    }

    /// <summary>Deletes a row and applies the cascades of every relationship it is the parent of.</summary>
    internal void DeleteRow(TableStore table, Guid id, HashSet<(string, Guid)> visiting)
    {
        if (table.Get(id) is null || !visiting.Add((table.LogicalName, id)))
            return;
        var definition = table.Definition;
        foreach (var relationship in _store.Catalog.ChildRelationshipsOf(definition.LogicalName))
        {
            var child = _store.Table(relationship.ReferencingTable);
            var slot = child.SlotOf(relationship.ReferencingAttribute)!.Value;
            var children = child.IdsWhere(slot, id)
                .Where(c => child.Get(c)?[slot] is LookupValue l && l.LogicalName == definition.LogicalName && l.Id == id)
                .ToList();
            if (children.Count == 0)
                continue;
            switch (relationship.CascadeDelete)
            {
                case CascadeType.Cascade:
                    foreach (var childId in children)
                        DeleteRow(child, childId, visiting);
                    break;
                case CascadeType.Restrict:
                    throw OrganizationFaults.InvalidArgument(
                        $"The record cannot be deleted because it is associated with another record ({relationship.SchemaName}).");
                case CascadeType.RemoveLink:
                    foreach (var childId in children)
                    {
                        if (child.Get(childId) is not { } childRow)
                            continue;
                        var updated = (object?[])childRow.Clone();
                        updated[slot] = null;
                        SetIfPresent(child, updated, "versionnumber", _store.NextVersion());
                        _store.Put(child, childId, updated);
                    }
                    break;
                default:
                    break;
            }
        }
        foreach (var relationship in _store.Catalog.ManyToManyOf(definition.LogicalName))
        {
            var intersect = _store.Table(relationship.IntersectEntity);
            var column = relationship.Entity1 == definition.LogicalName ? relationship.Entity1IntersectAttribute : relationship.Entity2IntersectAttribute;
            foreach (var rowId in intersect.IdsWhere(intersect.SlotOf(column)!.Value, id))
                RemoveIntersectRow(intersect, rowId);
        }
        if (definition.IsActivity)
            _store.Put(_store.Table("activitypointer"), id, null);
        _store.Put(table, id, null);
    }

    /// <summary>Removes an intersect row, keeping list.membercount right when it is a listmember.</summary>
    internal void RemoveIntersectRow(TableStore intersect, Guid rowId)
    {
        var row = intersect.Get(rowId);
        if (row is null)
            return;
        _store.Put(intersect, rowId, null);
        if (intersect.LogicalName == "listmember" && row[intersect.SlotOf("listid")!.Value] is LookupValue list)
            AdjustMemberCount(list.Id, -1);
    }

    internal void AdjustMemberCount(Guid listId, int delta)
    {
        var lists = _store.Table("list");
        if (lists.Get(listId) is not { } row)
            return;
        var slot = lists.SlotOf("membercount")!.Value;
        var updated = (object?[])row.Clone();
        updated[slot] = Math.Max(0, ((int?)row[slot] ?? 0) + delta);
        SetIfPresent(lists, updated, "versionnumber", _store.NextVersion());
        _store.Put(lists, listId, updated);
    }

    internal Entity ToEntity(TableStore table, Guid id, object?[] row, IReadOnlyCollection<string>? columns)
    {
        var definition = table.Definition;
        var entity = new Entity(definition.LogicalName, id);
        if (columns is null)
        {
            for (var slot = 0; slot < row.Length; slot++)
            {
                if (row[slot] is { } value)
                    entity.Attributes[table.ColumnAt(slot).LogicalName] = ValueConverter.ToSdk(table.ColumnAt(slot), value, table.NameOf);
            }
            foreach (var party in definition.Columns.Where(c => c.Type == ColumnType.PartyList))
                AddParties(table, id, party, entity);
        }
        else
        {
            foreach (var name in columns)
            {
                var column = definition.FindColumn(name) ?? throw OrganizationFaults.UnknownAttribute(definition.LogicalName, name);
                if (column.Type == ColumnType.PartyList)
                {
                    AddParties(table, id, column, entity);
                    continue;
                }
                var slot = table.SlotOf(name)!.Value;
                if (row[slot] is { } value)
                    entity.Attributes[name] = ValueConverter.ToSdk(column, value, table.NameOf);
            }
            entity.Attributes[definition.PrimaryIdAttribute] = id;
        }
        if (table.SlotOf("versionnumber") is { } versionSlot && row[versionSlot] is long version)
            entity.RowVersion = version.ToString(CultureInfo.InvariantCulture);
        return entity;
    }

    private Guid IdForCreate(Entity target, TableDefinition definition)
    {
        var fromAttribute = target.Attributes.TryGetValue(definition.PrimaryIdAttribute, out var value) ? value : null;
        if (fromAttribute is not null and not Guid)
            throw OrganizationFaults.InvalidValueType(definition.LogicalName, definition.PrimaryIdAttribute, fromAttribute, "System.Guid");
        var attributeId = fromAttribute as Guid? ?? Guid.Empty;
        if (target.Id != Guid.Empty && attributeId != Guid.Empty && target.Id != attributeId)
            throw OrganizationFaults.InvalidArgument($"Entity Id and the {definition.PrimaryIdAttribute} attribute differ.");
        var id = target.Id != Guid.Empty ? target.Id : attributeId;
        return id != Guid.Empty ? id : _newId();
    }

    private void ApplyAttribute(TableStore table, object?[] row, string name, object? value, bool forCreate, List<(ColumnDefinition, EntityCollection?)> parties)
    {
        var definition = table.Definition;
        var column = definition.FindColumn(name) ?? throw OrganizationFaults.UnknownAttribute(definition.LogicalName, name);
        if (forCreate ? !column.ValidForCreate : !column.ValidForUpdate)
        {
            // The platform ignores values for columns that are not valid for the operation (e.g. createdon, fullname).
            // statecode on Create is the exception that matters: it is applied through statuscode handling below.
            return;
        }
        if (column.Type == ColumnType.PartyList)
        {
            parties.Add((column, value as EntityCollection
                ?? (value is null ? null : throw OrganizationFaults.InvalidValueType(definition.LogicalName, name, value, "Microsoft.Xrm.Sdk.EntityCollection"))));
            return;
        }
        var stored = ValueConverter.ToStored(definition.LogicalName, column, value);
        if (stored is LookupValue lookup)
            RequireExists(lookup);
        row[table.SlotOf(name)!.Value] = stored;
    }

    private LookupValue UserLookup(Guid userId) => Shared("systemuser", userId);

    private LookupValue BusinessUnitLookup(Guid businessUnitId) => Shared("businessunit", businessUnitId);

    private LookupValue Shared(string table, Guid id)
    {
        if (!_sharedLookups.TryGetValue(id, out var lookup) || lookup.LogicalName != table)
        {
            if (_sharedLookups.Count > 1000)
                _sharedLookups.Clear();
            _sharedLookups[id] = lookup = new LookupValue(table, id);
        }
        return lookup;
    }

    private void RequireExists(LookupValue lookup)
    {
        var target = _store.Table(lookup.LogicalName);
        if (target.Get(lookup.Id) is null)
            throw OrganizationFaults.NotFound(lookup.LogicalName, lookup.Id);
    }

    private static void SetIfPresent(TableStore table, object?[] row, string column, object value)
    {
        if (table.SlotOf(column) is { } slot)
            row[slot] = value;
    }

    private static void CheckConcurrency(TableStore table, object?[] row, string? rowVersion, ConcurrencyBehavior concurrency)
    {
        if (concurrency != ConcurrencyBehavior.IfRowVersionMatches)
            return;
        var current = table.SlotOf("versionnumber") is { } slot && row[slot] is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        if (string.IsNullOrEmpty(rowVersion) || rowVersion != current)
            throw OrganizationFaults.ConcurrencyMismatch();
    }

    private static void ApplyStateChange(TableStore table, object?[] old, object?[] row, Entity target)
    {
        var definition = table.Definition;
        var stateSlot = table.SlotOf("statecode")!.Value;
        var statusSlot = table.SlotOf("statuscode")!.Value;
        var stateGiven = target.Attributes.ContainsKey("statecode");
        var statusGiven = target.Attributes.ContainsKey("statuscode");
        if (!stateGiven && !statusGiven)
            return;
        if (stateGiven && row[stateSlot] is null || statusGiven && row[statusSlot] is null)
            throw OrganizationFaults.InvalidArgument("statecode and statuscode cannot be cleared.");
        var state = (int)row[stateSlot]!;
        var stateDefinition = definition.FindState(state)
            ?? throw OrganizationFaults.InvalidState(definition.LogicalName, state, (int)(row[statusSlot] ?? -1));
        if (stateGiven && !statusGiven)
        {
            row[statusSlot] = stateDefinition.DefaultStatus;
            return;
        }
        var status = (int)row[statusSlot]!;
        if (!stateGiven)
        {
            stateDefinition = definition.StateOfStatus(status) ?? throw OrganizationFaults.InvalidState(definition.LogicalName, (int)old[stateSlot]!, status);
            row[stateSlot] = stateDefinition.State;
        }
        if (!stateDefinition.Statuses.Contains(status))
            throw OrganizationFaults.InvalidState(definition.LogicalName, stateDefinition.State, status);
    }

    // Closed or canceled activities and qualified leads are read-only until reopened (dataverse.md §9 item 7).
    private static void CheckReadOnlyState(TableStore table, object?[] old, object?[] row, Entity target)
    {
        var definition = table.Definition;
        if (!definition.HasStateModel)
            return;
        var oldState = (int?)old[table.SlotOf("statecode")!.Value];
        var readOnly = definition.IsActivity ? oldState is 1 or 2 : definition.LogicalName == "lead" && oldState == 1;
        if (!readOnly)
            return;
        var newState = (int?)row[table.SlotOf("statecode")!.Value];
        var changesOther = target.Attributes.Keys.Any(k => k is not ("statecode" or "statuscode") && k != definition.PrimaryIdAttribute);
        if (changesOther && newState == oldState)
            throw OrganizationFaults.InvalidArgument($"This {definition.LogicalName} is closed or qualified and cannot be edited until it is reopened.");
    }

    private static void ApplyDerivedColumns(TableStore table, object?[] row, object?[]? old)
    {
        var name = table.LogicalName;
        if (name is "contact" or "lead" && table.SlotOf("fullname") is { } fullSlot)
        {
            var first = row[table.SlotOf("firstname")!.Value] as string;
            var last = row[table.SlotOf("lastname")!.Value] as string;
            var full = string.Join(" ", new[] { first, last }.Where(s => !string.IsNullOrEmpty(s)));
            row[fullSlot] = full.Length == 0 ? null : full;
        }
        else if (name == "list" && old is null)
        {
            row[table.SlotOf("membercount")!.Value] = 0;
            if (row[table.SlotOf("createdfromcode")!.Value] is int memberType)
                row[table.SlotOf("membertype")!.Value] = memberType;
            row[table.SlotOf("type")!.Value] ??= false;
        }
        else if (name == "listmember" && row[table.SlotOf("entityid")!.Value] is LookupValue member)
        {
            row[table.SlotOf("entitytype")!.Value] = member.LogicalName;
            row[table.SlotOf("entityidtypecode")!.Value] = member.LogicalName;
        }
        else if (name == "annotation")
        {
            var body = row[table.SlotOf("documentbody")!.Value] as string;
            row[table.SlotOf("isdocument")!.Value] = !string.IsNullOrEmpty(body);
            row[table.SlotOf("filesize")!.Value] = string.IsNullOrEmpty(body) ? null : (object)(body.Length / 4 * 3 - body.Count(c => c == '='));
            row[table.SlotOf("objecttypecode")!.Value] = (row[table.SlotOf("objectid")!.Value] as LookupValue)?.LogicalName;
        }
    }

    private void MirrorActivityPointer(TableStore activity, Guid id, object?[] row)
    {
        var pointer = _store.Table("activitypointer");
        var mirrored = new object?[pointer.SlotCount];
        for (var slot = 0; slot < pointer.SlotCount; slot++)
        {
            var column = pointer.ColumnAt(slot);
            if (activity.SlotOf(column.LogicalName) is { } source)
            {
                var value = row[source];
                if (value is LookupValue lookup && column.Type.IsLookup() && !column.Targets.Contains(lookup.LogicalName))
                    value = null;
                mirrored[slot] = value;
            }
        }
        _store.Put(pointer, id, mirrored);
    }

    private void WriteParties(TableStore activity, Guid activityId, ColumnDefinition column, EntityCollection? parties)
    {
        var partyTable = _store.Table("activityparty");
        var activitySlot = partyTable.SlotOf("activityid")!.Value;
        var maskSlot = partyTable.SlotOf("participationtypemask")!.Value;
        foreach (var existing in partyTable.IdsWhere(activitySlot, activityId))
        {
            if (partyTable.Get(existing)?[maskSlot] is int mask && mask == column.ParticipationTypeMask)
                _store.Put(partyTable, existing, null);
        }
        foreach (var party in parties?.Entities ?? Enumerable.Empty<Entity>())
        {
            if (party.LogicalName != "activityparty")
                throw OrganizationFaults.InvalidArgument($"Party list '{activity.LogicalName}.{column.LogicalName}' holds activityparty records, not '{party.LogicalName}'.");
            var row = new object?[partyTable.SlotCount];
            row[partyTable.PrimaryIdSlot] = _newId();
            row[activitySlot] = new LookupValue(activity.LogicalName, activityId);
            row[maskSlot] = column.ParticipationTypeMask;
            var address = party.GetAttributeValue<string>("addressused");
            if (party.GetAttributeValue<EntityReference>("partyid") is { } partyRef)
            {
                if (!column.Targets.Contains(partyRef.LogicalName))
                    throw OrganizationFaults.InvalidArgument($"'{partyRef.LogicalName}' is not a valid party for '{activity.LogicalName}.{column.LogicalName}'.");
                var target = _store.Table(partyRef.LogicalName);
                var targetRow = target.Get(partyRef.Id) ?? throw OrganizationFaults.NotFound(partyRef.LogicalName, partyRef.Id);
                row[partyTable.SlotOf("partyid")!.Value] = new LookupValue(partyRef.LogicalName, partyRef.Id);
                row[partyTable.SlotOf("partyobjecttypecode")!.Value] = partyRef.LogicalName;
                if (target.Definition.PrimaryNameAttribute is { } nameColumn)
                    row[partyTable.SlotOf("partyidname")!.Value] = targetRow[target.SlotOf(nameColumn)!.Value];
                var emailColumn = target.SlotOf("emailaddress1") ?? target.SlotOf("internalemailaddress");
                address ??= emailColumn is { } e ? targetRow[e] as string : null;
            }
            else if (string.IsNullOrEmpty(address))
            {
                throw OrganizationFaults.InvalidArgument($"A party in '{activity.LogicalName}.{column.LogicalName}' needs partyid or addressused.");
            }
            row[partyTable.SlotOf("addressused")!.Value] = ValueConverter.ToStored("activityparty", partyTable.Definition.FindColumn("addressused")!, address);
            _store.Put(partyTable, (Guid)row[partyTable.PrimaryIdSlot]!, row);
        }
    }

    private void AddParties(TableStore activity, Guid activityId, ColumnDefinition column, Entity entity)
    {
        var partyTable = _store.Table("activityparty");
        var maskSlot = partyTable.SlotOf("participationtypemask")!.Value;
        var parties = partyTable.IdsWhere(partyTable.SlotOf("activityid")!.Value, activityId)
            .Select(id => (Id: id, Row: partyTable.Get(id)!))
            .Where(p => p.Row[maskSlot] is int mask && mask == column.ParticipationTypeMask)
            .Select(p => ToEntity(partyTable, p.Id, p.Row, null))
            .ToList();
        if (parties.Count > 0)
            entity.Attributes[column.LogicalName] = new EntityCollection(parties) { EntityName = "activityparty" };
    }

    private static string Describe(KeyAttributeCollection keys) =>
        string.Join(", ", keys.Select(k => $"{k.Key}:{k.Value}"));
}
