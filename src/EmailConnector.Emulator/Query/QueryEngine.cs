using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Emulator.Query;

/// <summary>
/// The query engine's entry: RetrieveMultiple for the three SDK query types, and <see cref="ExecuteAst"/> for front
/// ends that build the syntax tree themselves (the OData parser).
/// </summary>
internal sealed class QueryEngine
{
    private readonly IQueryStore _store;
    private readonly TimeProvider _clock;

    public QueryEngine(IQueryStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public EntityCollection RetrieveMultiple(QueryBase query) => QueryProjection.ToEntityCollection(ExecuteAst(Parse(query)));

    public static QueryNode Parse(QueryBase query) => query switch
    {
        QueryExpression expression => QueryExpressionConverter.Convert(expression),
        QueryByAttribute byAttribute => QueryExpressionConverter.Convert(byAttribute),
        FetchExpression fetch => FetchXmlParser.Parse(fetch.Query ?? throw QueryErrors.InvalidQuery("The FetchExpression has no Query.")),
        null => throw QueryErrors.InvalidQuery("RetrieveMultiple needs a Query."),
        _ => throw QueryErrors.Unsupported($"query type {query.GetType().Name}"),
    };

    /// <summary>Runs a syntax tree and returns one page of joined rows.</summary>
    public QueryResult ExecuteAst(QueryNode node) => QueryExecutor.Execute(QueryCompiler.Compile(node, _store, _clock));
}
