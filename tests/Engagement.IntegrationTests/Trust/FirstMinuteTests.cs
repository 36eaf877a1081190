namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// `dotnet run --project src/Web` prints little, and ends with what a newcomer needs: where the app
/// listens, the one-time setup link while there is no organiser, and where the data lives.
/// </summary>
[Collection(Collections.Trust)]
public sealed class FirstMinuteTests(TrustWorld world)
{
    private const string Rule = "------------------------------------------------------------------------";

    [Fact]
    public void Startup_output_is_short_and_ends_with_the_banner()
    {
        var lines = world.StartupOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.True(lines.Length < 40, $"{lines.Length} lines at start-up:\n{world.StartupOutput}");
        Assert.Equal(Rule, lines[^1]);
        var banner = lines[Array.LastIndexOf(lines, Rule, lines.Length - 2)..];
        Assert.Contains("Engagement 党建活动互动平台 is running", banner);
        Assert.Contains($"listening on   {world.Url}", banner);
        Assert.Contains($"members        {world.Url}/member.html", banner);
        Assert.Contains(world.SetupLink, banner);
        Assert.Contains($"data           {world.DataDirectory}", banner);
    }

    [Fact]
    public void Framework_placement_and_option_logs_stay_out_of_the_startup_output()
    {
        Assert.DoesNotContain("Polly", world.StartupOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Orleans", world.StartupOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Microsoft", world.StartupOutput, StringComparison.Ordinal);
    }
}
