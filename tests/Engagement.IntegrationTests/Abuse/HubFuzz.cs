using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// The live hub under malformed calls: through the SignalR client (junk topics, wrong argument types and
/// counts, unknown methods, too many topics) and as raw frames on the WebSocket (broken handshakes,
/// broken JSON, invalid UTF-8, unknown message types, huge frames). The hub may refuse or hang up on a
/// client; it must never take the server down.
/// </summary>
/// <param name="realTopics">Real topics subscribed among the junk (issue 12's contest and final), so their snapshots are sent for real.</param>
public sealed class HubFuzz(string baseUrl, int seed, IReadOnlyList<string>? realTopics = null)
{
    private const char RecordSeparator = '\u001e';
    private readonly Random _random = new(seed);

    /// <summary>What the hub answered, by kind of answer ("error", "closed", "snapshot" …).</summary>
    public Dictionary<string, int> Outcomes { get; } = [];

    public int Sent { get; private set; }

    public async Task RunAsync(CookieContainer organiserCookies)
    {
        await InvokeAsync(cookies: null);
        await InvokeAsync(organiserCookies);
        await RawFramesAsync();
    }

    private async Task InvokeAsync(CookieContainer? cookies)
    {
        var topics = new List<object?>
        {
            null, "", " ", "screen", "screen:", "screen:" + new string('x', 81), "round:../../etc", "match:a/b/c", "match:/", "match:t/",
            "organisation", "stage:不存在", "tournament:🎉", "screen:main\0", "screen:MAIN ", "round:%00", "screen:<script>", "\u202Escreen:main",
            "tournament:" + new string('9', 70), new string('a', 20_000), "screen:main;round:x", "__proto__", "screen:ma\u200Bin",
            "contest:", "final:", "contest:../x", "final:不存在", "contest:" + new string('c', 65), "final:a/b", "CONTEST:x", "contest:x:y",
        };
        for (var i = 0; i < 120; i++)
        {
            topics.Add(RandomTopic());
        }

        topics.AddRange(realTopics ?? []);

        var calls = new List<(string Method, object?[] Args)>();
        calls.AddRange(topics.Select(t => ("Subscribe", new[] { t })));
        calls.AddRange(topics.Take(40).Select(t => ("Unsubscribe", new[] { t })));
        calls.AddRange(
        [
            ("Subscribe", []), ("Subscribe", ["screen:main", "extra"]), ("Subscribe", [123]), ("Subscribe", [new[] { "screen:main" }]),
            ("Subscribe", [new { topic = "screen:main" }]), ("Subscribe", [true]), ("Subscribe", [3.14]), ("Unsubscribe", []),
            ("Unsubscribe", [null, null]), ("NoSuchMethod", []), ("noSuchMethod", ["x"]), ("OnConnectedAsync", []),
            ("Dispose", []), ("subscribe ", ["screen:main"]), (new string('m', 5000), []),
        ]);
        // More distinct topics than one connection may hold: the 33rd is refused.
        calls.AddRange(Enumerable.Range(0, 40).Select(i => ("Subscribe", new object?[] { $"screen:fuzz{i}" })));

        var connection = await ConnectAsync(cookies);
        try
        {
            foreach (var (method, args) in calls)
            {
                if (connection.State != HubConnectionState.Connected)
                {
                    await connection.DisposeAsync();
                    connection = await ConnectAsync(cookies);
                }

                Sent++;
                try
                {
                    await connection.InvokeCoreAsync<JsonElement>(method, args).WaitAsync(TimeSpan.FromSeconds(15));
                    Count("snapshot");
                }
                catch (Microsoft.AspNetCore.SignalR.HubException)
                {
                    Count("error");
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or WebSocketException or OperationCanceledException)
                {
                    Count("closed");
                }
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task RawFramesAsync()
    {
        var frames = new List<byte[]>
        {
            Frame("{"), Frame("null"), Frame("[]"), Frame("{\"type\":99}"), Frame("{\"type\":\"1\"}"), Frame("{\"type\":1}"),
            Frame("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":\"screen:main\"}"),
            Frame("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"\\ud800\"]}"),
            Frame("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"),
            Frame("{\"type\":1,\"invocationId\":" + new string('9', 400) + ",\"target\":\"Subscribe\",\"arguments\":[]}"),
            Frame("{\"type\":1,\"target\":null,\"arguments\":[]}"), Frame("{\"type\":4,\"invocationId\":\"s\",\"target\":\"Subscribe\",\"arguments\":[\"screen:main\"]}"),
            Frame("{\"type\":5,\"invocationId\":\"nope\"}"), Frame("{\"type\":3,\"invocationId\":\"x\",\"result\":1}"), Frame("{\"type\":7}"),
            Frame("{\"type\":6}{\"type\":6}{\"type\":6}"), Frame("{\"protocol\":\"json\",\"version\":1}"), Frame("{\"type\":2,\"invocationId\":\"1\",\"item\":1}"),
            new byte[] { 0xFF, 0xFE, 0x00, (byte)RecordSeparator },
            Join("{\"type\":1,\"target\":\""u8.ToArray(), [0xC0, 0xAF], "\",\"arguments\":[]}"u8.ToArray(), [(byte)RecordSeparator]),
            Frame("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"" + new string('x', 40_000) + "\"]}"),
            Encoding.UTF8.GetBytes(new string(RecordSeparator, 50)), "no separator at all"u8.ToArray(),
        };
        for (var i = 0; i < 180; i++)
        {
            var junk = new byte[_random.Next(1, 200)];
            _random.NextBytes(junk);
            frames.Add(_random.Next(2) == 0 ? [.. junk, (byte)RecordSeparator] : Frame(RandomJsonMessage()));
        }

        var handshakes = new[] { "{\"protocol\":\"messagepack\",\"version\":1}", "{\"protocol\":\"json\",\"version\":99}", "{}", "garbage", "{\"protocol\":null}" };

        // Eight sockets at a time; each frame on a fresh connection, since many of them end it.
        using var gate = new SemaphoreSlim(8);
        var jobs = frames.Select(f => (Handshake: "{\"protocol\":\"json\",\"version\":1}", Frame: f))
            .Concat(handshakes.Select(h => (Handshake: h, Frame: Frame("{\"type\":6}"))))
            .Select(async job =>
            {
                await gate.WaitAsync();
                try
                {
                    Count(await SendRawAsync(job.Handshake, job.Frame));
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
        Sent += jobs.Count;
        await Task.WhenAll(jobs);
    }

    private async Task<string> SendRawAsync(string handshake, byte[] frame)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var negotiate = await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"{baseUrl.Replace("http://", "ws://")}/hubs/live?id={token}"), timeout.Token);
        try
        {
            await socket.SendAsync(Frame(handshake), WebSocketMessageType.Text, true, timeout.Token);
            await socket.SendAsync(frame, WebSocketMessageType.Text, true, timeout.Token);
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return "closed";
                }

                var text = Encoding.UTF8.GetString(buffer, 0, received.Count);
                if (text.Contains("\"type\":3", StringComparison.Ordinal))
                {
                    return text.Contains("\"error\"", StringComparison.Ordinal) ? "error" : "snapshot";
                }

                if (text.Contains("\"type\":7", StringComparison.Ordinal) || text.Contains("\"error\"", StringComparison.Ordinal))
                {
                    return "closed";
                }
            }
        }
        catch (OperationCanceledException)
        {
            // No answer (e.g. a frame without a separator waits for the rest): the server is still fine.
            return "no answer";
        }
        catch (WebSocketException)
        {
            return "closed";
        }
    }

    private async Task<HubConnection> ConnectAsync(CookieContainer? cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/live", o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return connection;
    }

    private string RandomTopic()
    {
        string[] kinds = ["screen", "round", "stage", "tournament", "match", "organisation", "contest", "final", "", "SCREEN", "x"];
        const string alphabet = "aZ09_-/:.%\\ 党𝄞\u0000\u200B";
        var id = new string(Enumerable.Range(0, _random.Next(0, 90)).Select(_ => alphabet[_random.Next(alphabet.Length)]).Where(c => !char.IsSurrogate(c)).ToArray());
        return kinds[_random.Next(kinds.Length)] + (_random.Next(4) == 0 ? "" : ":") + id;
    }

    private string RandomJsonMessage()
    {
        string[] targets = ["Subscribe", "Unsubscribe", "subscribe", "x", "", "Subscribe\u0000"];
        string[] arguments = ["[]", "[null]", "[1]", "[\"screen:main\"]", "[{}]", "[[]]", "{}", "null", "[\"screen:main\",\"screen:main\"]", "[true]"];
        var invocation = _random.Next(3) == 0 ? "" : $"\"invocationId\":\"{_random.Next()}\",";
        return $"{{\"type\":{_random.Next(-1, 9)},{invocation}\"target\":\"{targets[_random.Next(targets.Length)]}\",\"arguments\":{arguments[_random.Next(arguments.Length)]}}}";
    }

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Frame(string json) => Encoding.UTF8.GetBytes(json + RecordSeparator);

    private void Count(string outcome)
    {
        lock (Outcomes)
        {
            Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
        }
    }
}
