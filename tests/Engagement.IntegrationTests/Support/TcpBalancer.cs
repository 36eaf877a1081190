using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Engagement.IntegrationTests.Support;

/// <summary>
/// A minimal layer-4 load balancer in front of the web hosts, so a client uses one address the way a phone
/// behind a real balancer does. Each new connection goes to the first backend, in the given order, that
/// accepts it; bytes are copied both ways until either side closes, and then both sides are closed, so a
/// backend that dies takes its connections with it. Listens on 127.0.0.1 on a free port.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<Uri> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _pumps = new();
    private readonly ConcurrentQueue<string> _routed = new();
    private readonly Task _accepting;

    /// <param name="backends">Base URLs (http://127.0.0.1:port) in order of preference.</param>
    public TcpBalancer(params string[] backends)
    {
        _backends = backends.Select(b => new Uri(b)).ToList();
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptLoop();
    }

    /// <summary>The one address clients use.</summary>
    public string Url { get; }

    /// <summary>The backend (base URL) each accepted connection was sent to, oldest first; "none" if all refused.</summary>
    public IReadOnlyList<string> Routed => _routed.ToArray();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var pump = Forward(client);
            _pumps.TryAdd(pump, 0);
            _ = pump.ContinueWith(t => _pumps.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task Forward(Socket client)
    {
        using (client)
        {
            using var backend = await ConnectToFirstAsync();
            if (backend is null)
            {
                return; // Closing the client's connection is what a balancer with no live backend does.
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = Copy(client, backend, linked.Token);
            var down = Copy(backend, client, linked.Token);
            await Task.WhenAny(up, down);
            // One direction ended (a close or a reset): end the other too, as the peer is gone.
            await linked.CancelAsync();
            await Task.WhenAll(up, down);
        }
    }

    private async Task<Socket?> ConnectToFirstAsync()
    {
        foreach (var backend in _backends)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(backend.Host, backend.Port, _stop.Token);
                _routed.Enqueue(backend.GetLeftPart(UriPartial.Authority));
                return socket;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }

        _routed.Enqueue("none");
        return null;
    }

    private static async Task Copy(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away; the caller closes both.
        }

        try
        {
            to.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_pumps.Keys);
        _stop.Dispose();
    }
}
