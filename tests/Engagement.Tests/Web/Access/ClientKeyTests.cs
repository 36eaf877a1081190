using System.Net;
using Engagement.Web.Access;

namespace Engagement.Tests.Web.Access;

/// <summary>Who counts as one guesser for the attempt throttles.</summary>
public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("192.168.1.23", "192.168.1.23")]
    [InlineData("::ffff:192.168.1.23", "192.168.1.23")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_keyed_by_IPv4_address_or_IPv6_64_network(string address, string key) =>
        Assert.Equal(key, AccessExtensions.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void Unknown_address_is_one_key() => Assert.Equal("unknown", AccessExtensions.ClientKey((IPAddress?)null));
}
