using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// The query engine's entry: RetrieveMultiple for the three SDK query types (QueryExpression, QueryByAttribute,
/// FetchExpression), and, inside the emulator, ExecuteAst for front ends that build the syntax tree themselves.
/// </summary>
public sealed class QueryEngine
{
    private readonly IQueryStore _store;
    private readonly TimeProvider _clock;

    public QueryEngine(IQueryStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    /// <summary>Runs a RetrieveMultiple query and returns one page, as Dataverse would.</summary>
    public EntityCollection RetrieveMultiple(QueryBase query) => QueryProjection.ToEntityCollection(ExecuteAst(Parse(query)));

    internal static QueryNode Parse(QueryBase query) => query switch
    {
        QueryExpression expression => QueryExpressionConverter.Convert(expression),
        QueryByAttribute byAttribute => QueryExpressionConverter.Convert(byAttribute),
        FetchExpression fetch => FetchXmlParser.Parse(fetch.Query ?? throw QueryErrors.InvalidQuery("The FetchExpression has no Query.")),
        null => throw QueryErrors.InvalidQuery("RetrieveMultiple needs a Query."),
        _ => throw QueryErrors.Unsupported($"query type {query.GetType().Name}"),
    };

    /// <summary>Runs a syntax tree and returns one page of joined rows.</summary>
    internal QueryResult ExecuteAst(QueryNode node) => QueryExecutor.Execute(QueryCompiler.Compile(node, _store, _clock));
}
