using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace EmailConnector.Dataverse.Auth;

/// <summary>
/// Puts <c>Authorization: Bearer</c> on every request. On a 401 it takes a fresh token and sends once more: a token
/// revoked or rotated early is the only 401 that a retry can fix.
/// </summary>
public sealed class BearerTokenHandler(ITokenSource tokens, ILogger<BearerTokenHandler> logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Log.TokenRejected(logger, request.Method.Method);
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
