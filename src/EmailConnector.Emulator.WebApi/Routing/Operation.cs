using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>
/// One HTTP operation translated into the organization requests that carry it out, and how to answer from their
/// responses. All requests are known up front, so a change set can run them in one ExecuteTransaction.
/// </summary>
internal sealed class Operation
{
    public List<OrganizationRequest> Requests { get; } = [];

    public required Func<IReadOnlyList<OrganizationResponse>, ApiResponse> Respond { get; init; }

    /// <summary>The record URL a later change-set part may refer to as "$n".</summary>
    public string? EntityUrl { get; init; }

    public bool IsRead { get; init; }

    public static Operation Immediate(ApiResponse response, bool isRead = true) => new() { Respond = _ => response, IsRead = isRead };
}
