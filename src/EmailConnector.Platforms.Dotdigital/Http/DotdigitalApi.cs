using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EmailConnector.Core.Platforms;
using EmailConnector.Platforms.Dotdigital.Api;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace EmailConnector.Platforms.Dotdigital.Http;

/// <summary>
/// The wire: builds requests against the account's regional endpoint with HTTP Basic credentials, marks them
/// idempotent or not for the resilience pipeline, and turns transport failures into the contract's exceptions.
/// </summary>
internal sealed class DotdigitalApi
{
    private readonly HttpClient _http;
    private readonly DotdigitalOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private Uri? _endpoint;

    public DotdigitalApi(HttpClient http, IOptions<DotdigitalOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _endpoint = _options.ApiEndpoint;
        _authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.ApiUser + ":" + _options.ApiPassword)));
    }

    /// <summary>The account's regional endpoint, discovered once through <c>GET /v2/account-info</c>.</summary>
    public async Task<Uri> EndpointAsync(string operation, CancellationToken cancellationToken)
    {
        if (_endpoint is { } known)
            return known;
        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_endpoint is { } found)
                return found;
            var response = await SendToAsync(_options.DiscoveryEndpoint, HttpMethod.Get, "v2/account-info", "GET v2/account-info", null, true, operation, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
                throw response.ToException(operation);
            var account = response.Read<ApiAccount>();
            var value = account.Properties.FirstOrDefault(p => string.Equals(p.Name, "ApiEndpoint", StringComparison.OrdinalIgnoreCase))?.Value;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint))
                throw new PlatformPermanentException(DotdigitalPlatform.Name, operation, "Dotdigital's account-info names no ApiEndpoint.");
            _endpoint = endpoint;
            return endpoint;
        }
        finally
        {
            _discovery.Release();
        }
    }

    /// <summary>Sends and returns the buffered answer, whatever its status; transport failures throw.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string route, object? body, bool idempotent, string operation, CancellationToken cancellationToken)
    {
        var endpoint = await EndpointAsync(operation, cancellationToken).ConfigureAwait(false);
        return await SendToAsync(endpoint, method, path, route, body, idempotent, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends and reads a successful answer as <typeparamref name="T"/>; any error answer throws.</summary>
    public async Task<T> GetAsync<T>(string path, string route, string operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, route, null, true, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
            throw response.ToException(operation);
        return response.Read<T>();
    }

    /// <summary>The size of a body as it would be sent.</summary>
    public static int BodySize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DotdigitalJson.Options).Length;

    private async Task<ApiResponse> SendToAsync(Uri endpoint, HttpMethod method, string path, string route, object? body, bool idempotent, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_options.IntegrationToken is { Length: > 0 } token && path.StartsWith("contacts/v3", StringComparison.Ordinal))
            request.Headers.TryAddWithoutValidation("x-ddg-integration-token", token);
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DotdigitalJson.Options);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        request.Options.Set(DotdigitalRequest.Idempotent, idempotent);
        request.Options.Set(DotdigitalRequest.Route, route);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan? wait = null;
            if (await ThrottleClassifier.IsThrottledAsync(response, cancellationToken).ConfigureAwait(false))
                wait = ThrottleClassifier.WaitFor(response, _time.GetUtcNow(), _options.DefaultThrottleWait);
            return new ApiResponse(response.StatusCode, text, route, wait);
        }
        catch (HttpRequestException e)
        {
            throw new PlatformTransientException(DotdigitalPlatform.Name, operation, $"Dotdigital could not be reached for {route}: {e.HttpRequestError}.", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new PlatformTransientException(DotdigitalPlatform.Name, operation, $"Dotdigital did not answer {route} in time.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformTransientException(DotdigitalPlatform.Name, operation, $"Dotdigital did not answer {route} in time.", e);
        }
    }
}
