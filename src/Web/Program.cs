using Engagement.Silo.Hosting;
using Engagement.Web.Access;
using Engagement.Web.Contest;
using Engagement.Web.Demo;
using Engagement.Web.Hosting;
using Engagement.Web.Live;
using Engagement.Web.Operations;
using Engagement.Web.Organisation;
using Engagement.Web.Problems;
using Engagement.Web.Screens;
using Engagement.Web.Selection;
using Engagement.Web.Tournament;

// A refusal to start (a setting to fix, a data directory in use) is one sentence and exit code 1 (StartupRefusal).
return await StartupRefusal.RunAsync(() => RunAsync(args));

static async Task RunAsync(string[] args)
{
    // `backup`, `restore` and `check` run instead of the app, with its configuration (docs/operations/backup.md).
    if (await OperationsCommands.TryRunAsync(args)) return;

    // A service or a published build finds its settings and pages beside the executable (ServiceHosting.ContentRoot).
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ServiceHosting.ContentRoot(args) });
    builder.AddEngagementServiceHosting();
    var options = EngagementSilo.ReadOptions(builder.Configuration);
    var dataDirectory = builder.DataDirectory(options);

    await builder.AddEngagementOrleansAsync(options, dataDirectory);
    builder.AddEngagementOperations();
    builder.AddEngagementRequestIds();
    builder.AddEngagementMetrics();
    builder.AddEngagementBackups(options, dataDirectory);
    builder.AddStartupBanner(options, dataDirectory);
    builder.AddEngagementReverseProxy();
    builder.AddEngagementHttps();
    builder.AddEngagementAccess(options, dataDirectory);
    builder.AddEngagementRateLimits();
    builder.AddEngagementLive();
    builder.AddEngagementDemo();
    builder.AddEngagementPageDelivery();

    var app = builder.Build();

    app.UseEngagementSecurityHeaders();
    app.UseEngagementReverseProxy();
    app.UseEngagementHttps();
    app.UseEngagementPageDelivery();
    app.UseExceptionHandler();
    app.UseStatusCodeProblems();
    app.UseRequestSizeLimit();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseCsrfHeader();
    app.UseRateLimiter();

    app.MapAuthApi();
    app.MapGrantApi();
    app.MapOrganisationApi();
    app.MapScreenApi();
    app.MapSelectionApi();
    app.MapVotingApi();
    app.MapJudgeApi();
    app.MapAttachmentApi();
    app.MapCaseSubmissionApi();
    app.MapTournamentApi();
    app.MapContestApi();
    app.MapQr();
    app.MapLive();
    app.MapOperations();
    app.MapMetrics();
    app.MapBackupApi();
    app.MapEngagementPages();

    await app.RunAsync();
}

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
