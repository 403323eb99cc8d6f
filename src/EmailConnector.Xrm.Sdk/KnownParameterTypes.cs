using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk;

// The value types a parameter, attribute or aliased value may hold when serialized with DataContractSerializer.
internal static class KnownParameterTypes
{
    internal static IEnumerable<Type> All { get; } = new[]
    {
        typeof(AliasedValue),
        typeof(bool[]),
        typeof(ColumnSet),
        typeof(ConditionExpression),
        typeof(DateTime[]),
        typeof(decimal[]),
        typeof(double[]),
        typeof(Entity),
        typeof(Entity[]),
        typeof(EntityCollection),
        typeof(EntityImageCollection),
        typeof(EntityReference),
        typeof(EntityReference[]),
        typeof(EntityReferenceCollection),
        typeof(ExecuteMultipleSettings),
        typeof(FetchExpression),
        typeof(FilterExpression),
        typeof(Guid[]),
        typeof(int[]),
        typeof(KeyAttributeCollection),
        typeof(long[]),
        typeof(Money),
        typeof(Money[]),
        typeof(OptionSetValue),
        typeof(OptionSetValue[]),
        typeof(OptionSetValueCollection),
        typeof(OrganizationRequestCollection),
        typeof(OrganizationResponseCollection),
        typeof(PagingInfo),
        typeof(ParameterCollection),
        typeof(QueryByAttribute),
        typeof(QueryExpression),
        typeof(Relationship),
        typeof(RelationshipQueryCollection),
        typeof(string[]),
    };
}
