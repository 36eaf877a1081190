using System.Net;
using System.Text.Json;
using Engagement.Web.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Web.Operations;

/// <summary>
/// What links and QR codes will point at, as the console is told: a loopback host (the organiser typed
/// localhost or 127.0.0.1) is flagged, with this computer's LAN origins offered instead, unless
/// Engagement:PublicUrl says where phones should go.
/// </summary>
public sealed class PublicAddressTests
{
    private static readonly IPAddress[] Local =
    [
        IPAddress.Parse("127.0.0.1"), IPAddress.Parse("169.254.3.4"), IPAddress.Parse("203.0.113.9"),
        IPAddress.Parse("192.168.1.20"), IPAddress.Parse("fe80::1"), IPAddress.Parse("10.0.0.7"), IPAddress.Parse("192.168.1.20"),
    ];

    [Theory]
    [InlineData("localhost:5000", "http://localhost:5000", true)]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000", true)]
    [InlineData("127.0.1.1:5000", "http://127.0.1.1:5000", true)]
    [InlineData("[::1]:5000", "http://[::1]:5000", true)]
    [InlineData("app.localhost:5000", "http://app.localhost:5000", true)]
    [InlineData("192.168.1.20:5000", "http://192.168.1.20:5000", false)]
    [InlineData("dangjian.example.cn", "http://dangjian.example.cn", false)]
    public async Task A_host_typed_as_this_computer_is_reported_as_loopback(string host, string origin, bool loopback)
    {
        var status = await AskAsync(host, publicUrl: null);

        Assert.Equal((origin, false, loopback), (status.Origin, status.Configured, status.Loopback));
    }

    [Fact]
    public async Task The_lan_addresses_are_offered_on_the_same_scheme_and_port_private_ones_first()
    {
        var status = await AskAsync("localhost:5080", publicUrl: null);

        Assert.Equal(["http://10.0.0.7:5080", "http://192.168.1.20:5080", "http://203.0.113.9:5080"], status.LanOrigins);
    }

    [Fact]
    public async Task A_configured_public_url_wins_over_the_typed_host()
    {
        var status = await AskAsync("localhost:5000", publicUrl: "https://dangjian.example.cn/");

        Assert.Equal(("https://dangjian.example.cn", true, false), (status.Origin, status.Configured, status.Loopback));
    }

    [Fact]
    public async Task A_configured_public_url_that_is_itself_loopback_is_still_flagged()
    {
        var status = await AskAsync("192.168.1.20:5000", publicUrl: "http://127.0.0.1:5000");

        Assert.Equal((true, true), (status.Configured, status.Loopback));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("")]
    public void An_origin_that_cannot_be_read_is_not_called_loopback(string origin) =>
        Assert.False(PublicAddress.IsLoopback(origin));

    private static async Task<PublicAddress.Status> AskAsync(string host, string? publicUrl)
    {
        await using var server = await InProcessHost.StartAsync(
            new Dictionary<string, string?> { [PublicAddress.Setting] = publicUrl },
            _ => { },
            app => app.MapGet("/public-address", (HttpContext http) => PublicAddress.Describe(http, Local)));

        var context = await server.SendAsync("/public-address", "192.0.2.1", r => r.Host = HostString.FromUriComponent(host));

        Assert.Equal(200, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return JsonSerializer.Deserialize<PublicAddress.Status>(body, JsonSerializerOptions.Web)!;
    }
}
