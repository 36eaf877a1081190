using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Engagement.Tests.Web.Operations;

/// <summary>
/// A piece of the web pipeline in process, without Orleans: the same extension methods Program.cs calls,
/// a test endpoint behind them, and requests sent with a chosen remote address.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app) => _app = app;

    public static async Task<InProcessHost> StartAsync(
        IDictionary<string, string?> settings, Action<WebApplicationBuilder> register, Action<WebApplication> pipeline)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        var app = builder.Build();
        pipeline(app);
        await app.StartAsync();
        return new InProcessHost(app);
    }

    public async Task<HttpContext> SendAsync(string path, string remoteAddress, Action<HttpRequest>? request = null) =>
        await _app.GetTestServer().SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            request?.Invoke(context.Request);
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
