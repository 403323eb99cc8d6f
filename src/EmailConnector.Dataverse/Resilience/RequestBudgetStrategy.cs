using Polly;

namespace EmailConnector.Dataverse.Resilience;

/// <summary>A Polly strategy that runs each attempt inside a <see cref="RequestBudget"/> slot.</summary>
internal sealed class RequestBudgetStrategy(RequestBudget budget) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        RequestBudget.Slot slot;
        try
        {
            var weight = context.Properties.GetValue(DataverseResilienceKeys.Weight, 1);
            slot = await budget.AcquireAsync(weight, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        using (slot)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
    }
}

/// <summary>Options that name the budget strategy in Polly's telemetry.</summary>
internal sealed class RequestBudgetStrategyOptions : ResilienceStrategyOptions
{
    public RequestBudgetStrategyOptions() => Name = "RequestBudget";
}
