using Engagement.Silo.Hosting;
using Engagement.Web.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Web.Operations;

/// <summary>The banner gives the HTTPS address when the app serves HTTPS (plain HTTP only redirects), and says when keys are unprotected.</summary>
public sealed class StartupBannerHttpsTests
{
    private static StartupBanner Banner(Dictionary<string, string?> settings) =>
        new(new EngagementOptions(), "/srv/engagement/data", new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLogger<StartupBanner>.Instance);

    [Fact]
    public void Serving_HTTPS_the_links_use_the_HTTPS_address_even_when_HTTP_is_listed_first()
    {
        var lines = Banner(new() { ["Kestrel:Endpoints:Https:Url"] = "https://0.0.0.0:443" })
            .Lines(["http://localhost:80", "https://localhost:443"], setupLink: null);

        Assert.Contains("  listening on   https://localhost:443", lines);
        Assert.Contains("  members        https://localhost:443/member.html", lines);
        Assert.Contains("  console        https://localhost:443/console.html", lines);
    }

    [Fact]
    public void HTTPS_given_only_with_urls_keeps_the_first_address_as_before()
    {
        var lines = Banner([]).Lines(["http://localhost:5000", "https://localhost:5001"], setupLink: null);

        Assert.Contains("  members        http://localhost:5000/member.html", lines);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("/etc/engagement/keyprot.pfx", true)]
    public void Unprotected_keys_are_named_in_the_banner(string? certificate, bool protectedKeys)
    {
        var lines = Banner(new() { ["Engagement:KeyProtection:Certificate:Path"] = certificate }).Lines(["http://localhost:5000"], setupLink: null);

        Assert.Equal(!protectedKeys, lines.Any(l => l.Contains("NOT encrypted at rest", StringComparison.Ordinal)));
    }
}
