using Engagement.Silo.Hosting;
using Engagement.Web.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Web.Operations;

/// <summary>What a newcomer reads after `dotnet run`: where to go, how to become organiser, where the data is.</summary>
public sealed class StartupBannerTests
{
    private static readonly StartupBanner Banner = new(new EngagementOptions(), "/srv/engagement/data",
        new ConfigurationBuilder().Build(), NullLogger<StartupBanner>.Instance);

    [Fact]
    public void Before_the_first_organiser_the_banner_gives_the_addresses_the_setup_link_and_the_data_directory()
    {
        var lines = Banner.Lines(["http://localhost:5000", "https://localhost:5001"], "http://localhost:5000/setup.html?token=abc");

        Assert.Contains(StartupBanner.Title, lines);
        Assert.Contains("  listening on   http://localhost:5000", lines);
        Assert.Contains("  listening on   https://localhost:5001", lines);
        Assert.Contains("  members        http://localhost:5000/member.html", lines);
        Assert.Contains("  http://localhost:5000/setup.html?token=abc", lines);
        Assert.Contains("  data           /srv/engagement/data", lines);
        Assert.True(lines.Count <= 15, string.Join('\n', lines));
    }

    [Fact]
    public void Once_an_organiser_exists_there_is_no_setup_link()
    {
        var lines = Banner.Lines(["http://localhost:5000"], setupLink: null);

        Assert.DoesNotContain(lines, l => l.Contains("setup.html", StringComparison.Ordinal));
        Assert.Contains("  console        http://localhost:5000/console.html", lines);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://192.168.1.10:5000", "http://192.168.1.10:5000")]
    public void Wildcard_bindings_are_shown_as_an_address_a_browser_can_open(string bound, string shown) =>
        Assert.Equal(shown, StartupBanner.Openable(bound));
}
