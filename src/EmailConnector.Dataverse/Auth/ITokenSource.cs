namespace EmailConnector.Dataverse.Auth;

/// <summary>
/// Supplies bearer tokens for the Dataverse Web API. The production source is MSAL client credentials; tests and the
/// local run can plug in the emulator's issuer.
/// </summary>
public interface ITokenSource
{
    /// <summary>
    /// A valid access token, from the cache while it is not near expiry. <paramref name="forceRefresh"/> skips the
    /// cache (after the server answered 401).
    /// </summary>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
