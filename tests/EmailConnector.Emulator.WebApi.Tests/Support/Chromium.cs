using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmailConnector.Emulator.WebApi.Tests.Support;

/// <summary>
/// A headless Chromium driven over the DevTools protocol (a WebSocket with JSON messages, no client library):
/// started with a throw-away profile and <c>--remote-debugging-port=0</c>, its endpoint read from the
/// "DevTools listening on ws://…" line it prints on stderr.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly DevToolsConnection _connection;

    private Chromium(Process process, string profile, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        _connection = connection;
    }

    /// <summary>The browser executable: <c>CHROMIUM_PATH</c>, else the first of chromium, chromium-browser, google-chrome on PATH.</summary>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return Names
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<Chromium> LaunchAsync(string executable, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("ec-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
                     "--user-data-dir=" + profile, "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(new InvalidOperationException($"{executable} closed stderr before printing its DevTools endpoint:\n{string.Join('\n', output)}"));
                return;
            }
            output.Enqueue(e.Data);
            const string marker = "DevTools listening on ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                endpoint.TrySetResult(e.Data[(at + marker.Length)..].Trim());
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var url = await endpoint.Task.WaitAsync(timeout);
            var connection = await DevToolsConnection.ConnectAsync(new Uri(url));
            return new Chromium(process, profile, connection);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>A new tab, attached, with Runtime and Page events on.</summary>
    public async Task<DevToolsPage> NewPageAsync()
    {
        var target = await _connection.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var targetId = target["targetId"]!.GetValue<string>();
        var attached = await _connection.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true });
        var page = new DevToolsPage(_connection, targetId, attached["sessionId"]!.GetValue<string>());
        await page.EnableAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.SendAsync("Browser.close", new JsonObject()).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is TimeoutException or WebSocketException or InvalidOperationException or OperationCanceledException)
        {
            // The browser is going away either way; the kill below makes sure.
        }
        await _connection.DisposeAsync();
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash dump or lock file left behind is not worth failing a test over.
        }
    }
}

/// <summary>One WebSocket to the browser: commands matched to replies by id, events handed to subscribers.</summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private int _nextId;

    private DevToolsConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiver = Task.Run(ReceiveAsync);
    }

    /// <summary>Receives (method, sessionId, params) of every event.</summary>
    public event Action<string, string?, JsonObject>? Event;

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(endpoint, CancellationToken.None);
        return new DevToolsConnection(socket);
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null)
            message["sessionId"] = sessionId;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out var reply))
                {
                    if (json["error"] is JsonObject error)
                        reply.TrySetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
                    else
                        reply.TrySetResult(json["result"]?.AsObject() ?? []);
                }
                else if (json["method"] is { } method)
                {
                    Event?.Invoke(method.GetValue<string>(), json["sessionId"]?.GetValue<string>(), json["params"]?.AsObject() ?? []);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing: the pending commands fail below.
        }
        foreach (var (_, reply) in _pending)
            reply.TrySetException(new InvalidOperationException("The DevTools connection closed."));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiver;
        }
        finally
        {
            _socket.Dispose();
            _stop.Dispose();
            _sendLock.Dispose();
        }
    }
}

/// <summary>
/// One tab: navigation, script evaluation, waits for a page condition (polled inside the page, bounded by a timeout),
/// real mouse clicks (Input.dispatchMouseEvent at the element's centre), and the page's uncaught exceptions and
/// console errors.
/// </summary>
internal sealed class DevToolsPage
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly DevToolsConnection _connection;
    private readonly string _sessionId;
    private readonly ConcurrentQueue<string> _errors = new();
    private TaskCompletionSource? _load;

    public DevToolsPage(DevToolsConnection connection, string targetId, string sessionId)
    {
        _connection = connection;
        TargetId = targetId;
        _sessionId = sessionId;
        connection.Event += OnEvent;
    }

    public string TargetId { get; }

    /// <summary>Uncaught exceptions and console.error calls of the page, in order.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public async Task EnableAsync()
    {
        await SendAsync("Runtime.enable");
        await SendAsync("Page.enable");
    }

    public async Task NavigateAsync(string url)
    {
        var load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _load = load;
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (result["errorText"] is { } error)
            throw new InvalidOperationException($"Navigation to {url} failed: {error}");
        await load.Task.WaitAsync(DefaultTimeout);
    }

    /// <summary>Evaluates an expression (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
            ["userGesture"] = true,
        });
        if (result["exceptionDetails"] is JsonObject details)
        {
            var description = details["exception"]?["description"]?.GetValue<string>() ?? details["text"]?.GetValue<string>();
            throw new PageScriptException(description ?? details.ToJsonString());
        }
        return result["result"]?["value"]?.DeepClone();
    }

    public async Task<string> TextAsync(string selector) =>
        (await EvaluateAsync($"(() => {{ const e = document.querySelector({Js(selector)}); return e ? e.textContent : null; }})()"))?.GetValue<string>()
        ?? throw new InvalidOperationException($"No element matches {selector}.");

    /// <summary>
    /// Waits until the JavaScript condition is truthy, polling it inside the page, and returns its value; on timeout
    /// fails with the description, the console's error box and the page's errors.
    /// </summary>
    public async Task<JsonNode?> WaitForAsync(string condition, string description, TimeSpan? timeout = null)
    {
        var limit = (int)(timeout ?? DefaultTimeout).TotalMilliseconds;
        var script = $$"""
            new Promise((resolve, reject) => {
              const deadline = Date.now() + {{limit}};
              const check = () => {
                let value;
                try { value = ({{condition}}); } catch (e) { value = undefined; }
                if (value) { resolve(value); return; }
                if (Date.now() > deadline) { reject(new Error('console-wait timed out')); return; }
                setTimeout(check, 25);
              };
              check();
            })
            """;
        try
        {
            return await EvaluateAsync(script);
        }
        catch (PageScriptException exception) when (exception.Message.Contains("console-wait timed out", StringComparison.Ordinal))
        {
            var box = await EvaluateAsync("(document.getElementById('console-errors') || {}).textContent || ''");
            var body = await EvaluateAsync("document.body ? document.body.innerText : ''");
            throw new TimeoutException(
                $"Timed out after {limit} ms waiting for {description}.\nConsole errors: {box}\nPage errors: {string.Join(" | ", _errors)}\nPage text:\n{body}");
        }
    }

    /// <summary>Clicks the element the expression returns (also inside same-origin frames) with real mouse events.</summary>
    public async Task ClickAsync(string elementExpression, string description)
    {
        var point = await WaitForAsync($$"""
            (() => {
              const element = {{elementExpression}};
              if (!element || element.disabled) return null;
              element.scrollIntoView({ block: 'center' });
              const rect = element.getBoundingClientRect();
              if (rect.width === 0 || rect.height === 0) return null;
              let x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
              for (let frame = element.ownerDocument.defaultView.frameElement; frame; frame = frame.ownerDocument.defaultView.frameElement) {
                const outer = frame.getBoundingClientRect();
                x += outer.left; y += outer.top;
              }
              const hit = document.elementFromPoint(x, y);
              const inFrame = element.ownerDocument !== document;
              return inFrame || hit === element || element.contains(hit) ? { x, y } : null;
            })()
            """, $"{description} to be visible, enabled and on top");
        var x = point!["x"]!.GetValue<double>();
        var y = point["y"]!.GetValue<double>();
        await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseMoved", ["x"] = x, ["y"] = y });
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
            await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 });
    }

    public async Task CloseAsync()
    {
        _connection.Event -= OnEvent;
        await _connection.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = TargetId });
    }

    public static string Js(string text) => JsonSerializer.Serialize(text);

    private Task<JsonObject> SendAsync(string method, JsonObject? parameters = null) =>
        _connection.SendAsync(method, parameters ?? [], _sessionId);

    private void OnEvent(string method, string? sessionId, JsonObject parameters)
    {
        if (sessionId != _sessionId)
            return;
        switch (method)
        {
            case "Page.loadEventFired":
                _load?.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                _errors.Enqueue(parameters["exceptionDetails"]?["exception"]?["description"]?.GetValue<string>()
                    ?? parameters["exceptionDetails"]?["text"]?.GetValue<string>() ?? parameters.ToJsonString());
                break;
            case "Runtime.consoleAPICalled" when parameters["type"]?.GetValue<string>() == "error":
                _errors.Enqueue(string.Join(" ", parameters["args"]?.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString()) ?? []));
                break;
        }
    }
}

/// <summary>An exception thrown by script evaluated in the page.</summary>
internal sealed class PageScriptException(string message) : Exception(message);
