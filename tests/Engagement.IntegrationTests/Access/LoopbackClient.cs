using System.Net;
using System.Net.Sockets;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// A client whose connections come from a chosen loopback address (127.0.0.x), with the pages' CSRF
/// header: how a test stands in for another phone, a guesser or a reverse proxy, each with its own address.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(string baseUrl, string address)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(AccessMatrix.CsrfHeader, "1");
        return client;
    }
}
