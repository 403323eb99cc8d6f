using System.ServiceModel;
using EmailConnector.Emulator.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace EmailConnector.Emulator.Messages;

/// <summary>ExecuteMultiple: Settings required, at most 1,000 requests, each its own transaction.</summary>
internal sealed class ExecuteMultipleMessage : MessageHandler
{
    internal const int MaxRequests = 1000;

    public override string RequestName => "ExecuteMultiple";

    public override bool IsBatch => true;

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request) => throw new InvalidOperationException("Batch messages are not described.");

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var settings = Required<ExecuteMultipleSettings>(request, "Settings");
        var requests = Required<OrganizationRequestCollection>(request, "Requests");
        BatchRules.Check(requests, "ExecuteMultiple");
        var responses = new ExecuteMultipleResponseItemCollection();
        var faulted = false;
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                var response = context.ExecuteBatchItem(RequestContext.Clone(requests[i]));
                if (settings.ReturnResponses)
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                faulted = true;
                responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Detail });
                if (!settings.ContinueOnError)
                    break;
            }
        }
        return Respond<ExecuteMultipleResponse>("ExecuteMultiple", ("IsFaulted", faulted), ("Responses", responses));
    }
}

/// <summary>ExecuteTransaction: all or nothing; the fault names the index of the request that failed.</summary>
internal sealed class ExecuteTransactionMessage : MessageHandler
{
    public override string RequestName => "ExecuteTransaction";

    public override bool IsBatch => true;

    public override MessageInfo Describe(RequestContext context, OrganizationRequest request) => throw new InvalidOperationException("Batch messages are not described.");

    public override OrganizationResponse Execute(RequestContext context, OrganizationRequest request, MessageInfo info)
    {
        var requests = Required<OrganizationRequestCollection>(request, "Requests");
        var returnResponses = Optional<bool?>(request, "ReturnResponses") ?? false;
        BatchRules.Check(requests, "ExecuteTransaction");
        var responses = new OrganizationResponseCollection();
        var mark = context.BeginTransaction();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                var response = context.ExecuteBatchItem(RequestContext.Clone(requests[i]));
                if (returnResponses)
                    responses.Add(response);
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                context.Rollback(mark);
                var detail = new ExecuteTransactionFault
                {
                    FaultedRequestIndex = i, ErrorCode = fault.Detail.ErrorCode, Message = fault.Detail.Message, InnerFault = fault.Detail,
                    TraceText = fault.Detail.TraceText,
                };
                throw OrganizationFaults.Wrap(detail);
            }
            catch
            {
                context.Rollback(mark);
                throw;
            }
        }
        context.Commit();
        return Respond<ExecuteTransactionResponse>("ExecuteTransaction", ("Responses", responses));
    }
}

internal static class BatchRules
{
    public static void Check(OrganizationRequestCollection requests, string name)
    {
        if (requests.Count > ExecuteMultipleMessage.MaxRequests)
            throw OrganizationFaults.Create(ErrorCodes.ExecuteMultipleBatchSizeExceeded, $"The request count of {name} ({requests.Count}) exceeds the limit of {ExecuteMultipleMessage.MaxRequests}.");
        if (requests.Any(r => r?.RequestName is "ExecuteMultiple" or "ExecuteTransaction"))
            throw OrganizationFaults.Create(ErrorCodes.ExecuteMultipleNested, $"{name} cannot contain ExecuteMultiple or ExecuteTransaction requests.");
    }
}
