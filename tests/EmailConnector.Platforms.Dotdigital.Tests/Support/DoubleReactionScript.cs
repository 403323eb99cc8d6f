using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmailConnector.Core;
using EmailConnector.Core.Reactions;
using EmailConnector.Platforms.Dotdigital.Double;
using EmailConnector.Testing.Platforms;

namespace EmailConnector.Platforms.Dotdigital.Tests.Support;

/// <summary>Makes recipients react at the double through its control API (<c>/_control</c>).</summary>
internal sealed class DoubleReactionScript(DotdigitalDouble vendor) : IReactionScript
{
    private readonly HttpClient _control = vendor.CreateControlClient();

    public async Task<string> SendAsync(string listId, CancellationToken cancellationToken = default)
    {
        var answer = await PostAsync("send", new { addressBookIds = new[] { int.Parse(listId, CultureInfo.InvariantCulture) } }, cancellationToken);
        return answer["campaignId"]!.ToString();
    }

    public Task OpenAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default) =>
        ReactAsync("open", mailingId, recipient, null, cancellationToken);

    public Task ClickAsync(string mailingId, RecordReference recipient, string url, CancellationToken cancellationToken = default) =>
        ReactAsync("click", mailingId, recipient, url, cancellationToken);

    public Task BounceAsync(string mailingId, RecordReference recipient, string status, string diagnostic, CancellationToken cancellationToken = default) =>
        ReactAsync(status.StartsWith('4') ? "softbounce" : "hardbounce", mailingId, recipient, null, cancellationToken);

    public Task ReplyAsync(string mailingId, RecordReference recipient, bool automatic, CancellationToken cancellationToken = default) =>
        ReactAsync(automatic ? "autoreply" : "reply", mailingId, recipient, null, cancellationToken);

    public Task UnsubscribeAsync(string mailingId, RecordReference recipient, UnsubscribeScope scope, CancellationToken cancellationToken = default) =>
        ReactAsync(scope == UnsubscribeScope.Global ? "unsubscribe" : "listunsubscribe", mailingId, recipient, null, cancellationToken);

    public Task ComplainAsync(string mailingId, RecordReference recipient, CancellationToken cancellationToken = default) =>
        ReactAsync("complaint", mailingId, recipient, null, cancellationToken);

    public async Task SubscribeAsync(string listId, string emailAddress, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken = default) =>
        await PostAsync("signups", new { addressBookId = int.Parse(listId, CultureInfo.InvariantCulture), email = emailAddress, fields }, cancellationToken);

    /// <summary>A reaction with every option the control API has (late events, explicit times).</summary>
    public async Task ReactAsync(string kind, string mailingId, RecordReference recipient, string? url, CancellationToken cancellationToken, DateTimeOffset? occurredAt = null, bool late = false) =>
        await PostAsync("reactions", new { kind, campaignId = int.Parse(mailingId, CultureInfo.InvariantCulture), record = recipient.ToString(), url, occurredAt, late }, cancellationToken);

    public async Task<JsonNode> PostAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await _control.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Control call {path} failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
