using Engagement.Web.Access;
using Engagement.Web.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Web.Operations;

/// <summary>
/// Whose address the guess limits see. X-Forwarded-For is believed only from a proxy named in
/// Engagement:TrustedProxies; with none named it is never believed, or anyone could pick a fresh address
/// for every guess.
/// </summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("127.0.0.1")]
    public async Task Without_a_configured_proxy_forwarded_headers_from_anyone_are_ignored(string sender)
    {
        await using var host = await StartAsync(trustedProxies: null);

        var seen = await host.SendAsync("/whoami", sender, r =>
        {
            r.Headers["X-Forwarded-For"] = "198.51.100.7";
            r.Headers["X-Forwarded-Proto"] = "https";
        });

        Assert.Equal($"{sender} http", await Body(seen));
    }

    [Fact]
    public async Task A_configured_proxy_is_believed_and_nobody_else()
    {
        await using var host = await StartAsync(trustedProxies: "10.0.0.0/8");

        var viaProxy = await host.SendAsync("/whoami", "10.1.2.3", r =>
        {
            r.Headers["X-Forwarded-For"] = "198.51.100.7";
            r.Headers["X-Forwarded-Proto"] = "https";
        });
        var direct = await host.SendAsync("/whoami", "192.0.2.10", r => r.Headers["X-Forwarded-For"] = "198.51.100.8");

        Assert.Equal("198.51.100.7 https", await Body(viaProxy));
        Assert.Equal("192.0.2.10 http", await Body(direct));
    }

    private static Task<InProcessHost> StartAsync(string? trustedProxies) => InProcessHost.StartAsync(
        new Dictionary<string, string?> { [ReverseProxy.SettingKey] = trustedProxies },
        builder => builder.AddEngagementReverseProxy(),
        app =>
        {
            app.UseEngagementReverseProxy();
            app.MapGet("/whoami", (HttpContext http) => $"{http.ClientKey()} {http.Request.Scheme}");
        });

    private static async Task<string> Body(HttpContext context) => await new StreamReader(context.Response.Body).ReadToEndAsync();
}
