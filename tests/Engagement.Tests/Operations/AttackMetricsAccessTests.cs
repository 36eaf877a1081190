using System.Net;
using System.Security.Claims;
using Engagement.Web.Access;
using Engagement.Web.Operations;
using Microsoft.AspNetCore.Http;

namespace Engagement.Tests.Operations;

/// <summary>
/// Who gets /metrics without signing in, attacked: a forwarding header naming an allowed address, the IPv4-mapped
/// IPv6 form Kestrel's dual-stack socket reports, and settings an operator mistypes. A mistyped network must stop
/// start-up with the setting named, never quietly become some other network.
/// </summary>
public sealed class AttackMetricsAccessTests
{
    private static HttpContext Request(string remote, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)] // a dual-stack socket's form of loopback
    [InlineData("::1", true)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:7f00:1", true)] // the same mapped address, spelled in hex
    [InlineData("::127.0.0.1", false)] // IPv4-compatible (deprecated), not mapped: not loopback
    [InlineData("fe80::1", false)]
    public void The_default_allows_loopback_in_every_spelling_and_nothing_else(string remote, bool allowed) =>
        Assert.Equal(allowed, new MetricsAccess(Metrics.AllowedNetworks(null)).Allows(Request(remote)));

    [Theory]
    [InlineData("X-Forwarded-For", "10.1.2.3")]
    [InlineData("X-Forwarded-For", "")]
    [InlineData("x-forwarded-for", "127.0.0.1")]
    [InlineData("Forwarded", "for=10.1.2.3")]
    public void A_forwarding_header_left_on_the_request_is_never_believed_even_from_an_allowed_peer(string header, string value)
    {
        var access = new MetricsAccess(Metrics.AllowedNetworks("127.0.0.0/8, 10.0.0.0/8"));
        Assert.True(access.Allows(Request("127.0.0.1")));
        Assert.False(access.Allows(Request("127.0.0.1", (header, value))));
        Assert.False(access.Allows(Request("10.1.2.3", (header, value))));
    }

    [Fact]
    public void An_organiser_may_scrape_from_anywhere_other_roles_may_not()
    {
        var access = new MetricsAccess(Metrics.AllowedNetworks(""));
        foreach (var role in new[] { Roles.Member, Roles.Judge, Roles.Scorer, Roles.Team, Roles.Organiser })
        {
            var context = Request("203.0.113.9", ("X-Forwarded-For", "127.0.0.1"));
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
            Assert.Equal(role == Roles.Organiser, access.Allows(context));
        }

        Assert.False(access.Allows(Request("127.0.0.1")), "an empty setting allows no network, loopback included");
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("*")]
    [InlineData("localhost")]
    [InlineData("10.0.0.0-10.0.0.255")]
    // Legacy forms IPAddress.Parse accepts: each would silently become another address than the operator meant.
    [InlineData("10")]            // 0.0.0.10
    [InlineData("192.168.1")]     // 192.168.0.1
    [InlineData("010.0.0.1")]     // octal: 8.0.0.1
    [InlineData("0x0a.0.0.1")]    // hex: 10.0.0.1 by accident
    [InlineData("192.168.1/24")]
    [InlineData("10.0.0.1/8")]    // host bits set: the operator meant 10.0.0.0/8 or 10.0.0.1?
    public void A_mistyped_network_stops_start_up_with_the_setting_named(string setting)
    {
        var failure = Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() => Metrics.AllowedNetworks(setting));
        Assert.Contains(Metrics.AllowedNetworksKey, failure.Message);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("192.168.1")]
    [InlineData("010.0.0.1")]
    [InlineData("192.168.1/24")]
    [InlineData("localhost")]
    public void A_mistyped_trusted_proxy_stops_start_up_too(string setting)
    {
        // The trusted proxies name whose forwarded headers are believed: a legacy form would trust another address.
        var failure = Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() => Engagement.Web.Operations.ReverseProxy.Parse(setting));
        Assert.Contains(Engagement.Web.Operations.ReverseProxy.SettingKey, failure.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.1.1")]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("fd00::/8", "fd12::1")]
    [InlineData("  10.0.0.0/8 ;fd00::/8 ", "::ffff:10.9.9.9")]
    public void A_well_formed_network_is_read_as_written(string setting, string remote) =>
        Assert.True(new MetricsAccess(Metrics.AllowedNetworks(setting)).Allows(Request(remote)));
}
