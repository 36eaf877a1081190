using Engagement.Organisation;
using Engagement.Screens;

namespace Engagement.Web.Demo;

/// <summary>With Engagement:Demo=true, fills an empty installation with the demo organisation at start.</summary>
public sealed class DemoSeeder(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var roster = grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default);
        if ((await roster.GetOverview()).MemberCount > 0)
        {
            logger.LogInformation("Demo data not seeded: the organisation already has members");
            return;
        }

        var summary = await roster.ImportRoster(DemoOrganisation.Build());
        await grains.GetGrain<IScreenGrain>(ScreenIds.Main).Show(new ScreenContent("优秀主题党日活动案例评选", "演示数据已载入 · Demo data loaded"));
        logger.LogInformation("Demo organisation seeded: {Summary}", summary);
        try
        {
            await DemoSelection.SeedAsync(grains, logger);
            await DemoContest.SeedAsync(grains, logger);
            // Last: its scorer links are what tests (the fuzzer's DemoIds) wait for as the sign that everything is seeded.
            await DemoTournament.SeedAsync(grains, logger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Demo data is a convenience: a failure is reported, never a reason to stop the app.
            logger.LogError(e, "Seeding the demo activities failed");
        }
    }
}

public static class DemoExtensions
{
    public static WebApplicationBuilder AddEngagementDemo(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Engagement:Demo"))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }
}
