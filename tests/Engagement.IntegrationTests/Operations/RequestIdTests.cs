using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// With JSON logs, a ballot's web log line and its grain's log line carry the same RequestId, and so do an
/// organiser's action and the grain line it causes: whoever reads the log after the event can follow one tap from
/// the web front into the round.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class RequestIdTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_ballot_and_an_organiser_action_share_their_RequestId_between_web_and_grain_log_lines()
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = _temp.Path;
        settings["Logging:Format"] = "json";
        await using var app = await AppProcess.StartWebAsync("request-ids", settings, environment: new Dictionary<string, string>
        {
            // The request lines of ASP.NET Core's hosting, and the round's Debug line for an accepted ballot.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging__LogLevel__Engagement.Selection"] = "Debug",
        });
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("RQ", members: 4, branches: 2)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches);
        var code = (await organiser.CodesAsync(branches[0].BranchId)).Codes[0].Code;
        using var phone = new ApiClient(app.Url!);
        await (await phone.MemberLoginAsync(code)).ExpectAsync(HttpStatusCode.OK);
        var ballotPath = $"/api/member/rounds/{round.RoundId}/ballots";
        var choices = round.ChoicesFor(branches[0].BranchId, 0);
        await (await phone.Http.PostAsJsonAsync(ballotPath, new { ballotId = Guid.NewGuid().ToString("N"), choices })).ExpectAsync(HttpStatusCode.OK);
        // A second ballot in a first-ballot-final round is refused: the refusal is logged by the grain, with this request's id.
        await (await phone.Http.PostAsJsonAsync(ballotPath, new { ballotId = Guid.NewGuid().ToString("N"), choices })).ExpectAsync(HttpStatusCode.Conflict);

        var lines = await LinesAsync(app, l => l.Message.Contains("refused", StringComparison.Ordinal) && l.Category.EndsWith("RoundGrain", StringComparison.Ordinal));
        var ballotRequests = lines.Where(l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.Contains("POST") && l.Message.Contains(ballotPath)
                                              && l.Message.StartsWith("Request starting", StringComparison.Ordinal)).ToList();
        Assert.True(ballotRequests.Count == 2, $"Expected the two ballot requests' web lines:\n{Dump(lines)}");

        AssertJoined(lines, ballotRequests[0], $"Round {round.RoundId}: ballot accepted");
        AssertJoined(lines, ballotRequests[1], $"Round {round.RoundId}: ballot of member");
        var openRequest = Assert.Single(lines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
                                                    && l.Message.StartsWith("Request starting", StringComparison.Ordinal)
                                                    && l.Message.Contains($"/api/selection/rounds/{round.RoundId}/open"));
        AssertJoined(lines, openRequest, $"Round {round.RoundId} opened");
    }

    [Fact]
    public async Task In_a_cluster_the_silos_grain_line_carries_the_web_hosts_RequestId()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var schema = await AppProcess.RunSchemaCommandAsync(connectionString);
        Assert.True(schema.ExitCode == 0, schema.Output);
        await using var silo = AppProcess.StartSilo("request-ids-silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Engagement"] = connectionString,
            ["Engagement:Silo:SiloPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:GatewayPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:AdvertisedAddress"] = "127.0.0.1",
            ["Logging:Format"] = "json",
            ["Logging:LogLevel:Engagement.Selection"] = "Debug",
        });
        await silo.WaitForOutputAsync("Engagement silo started", TimeSpan.FromSeconds(90));
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:Mode"] = "Cluster";
        settings["ConnectionStrings:Engagement"] = connectionString;
        settings["Engagement:AccessKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        settings["Logging:Format"] = "json";
        settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        await using var web = await AppProcess.StartWebAsync("request-ids-web", settings);

        using var organiser = await web.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("RC", members: 4, branches: 2)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches);
        var code = (await organiser.CodesAsync(branches[0].BranchId)).Codes[0].Code;
        using var phone = new ApiClient(web.Url!);
        await (await phone.MemberLoginAsync(code)).ExpectAsync(HttpStatusCode.OK);
        var ballotPath = $"/api/member/rounds/{round.RoundId}/ballots";
        await (await phone.Http.PostAsJsonAsync(ballotPath, new { ballotId = Guid.NewGuid().ToString("N"), choices = round.ChoicesFor(branches[0].BranchId, 0) }))
            .ExpectAsync(HttpStatusCode.OK);

        var accepted = $"Round {round.RoundId}: ballot accepted";
        var grainLines = await LinesAsync(silo, l => l.Message.StartsWith(accepted, StringComparison.Ordinal));
        var webLines = await LinesAsync(web, l => l.Message.StartsWith("Request starting", StringComparison.Ordinal) && l.Message.Contains(ballotPath));
        var ballotRequest = Assert.Single(webLines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics"
                                                         && l.Message.StartsWith("Request starting", StringComparison.Ordinal) && l.Message.Contains(ballotPath));
        AssertJoined(grainLines, ballotRequest, accepted);
    }

    /// <summary>The grain line is there, and carries the web line's RequestId in the scope the silo opened for it.</summary>
    private static void AssertJoined(List<LogLine> lines, LogLine web, string grainMessage)
    {
        Assert.False(string.IsNullOrEmpty(web.RequestId), $"The web line has no RequestId scope: {web.Raw}");
        var grain = lines.Where(l => l.Category.StartsWith("Engagement.", StringComparison.Ordinal) && l.Message.StartsWith(grainMessage, StringComparison.Ordinal)).ToList();
        Assert.True(grain.Count > 0, $"No grain line \"{grainMessage}\":\n{Dump(lines)}");
        Assert.True(grain.Any(l => l.GrainScopeRequestId == web.RequestId),
            $"No grain line \"{grainMessage}\" carries RequestId {web.RequestId} in its own scope:\n{string.Join('\n', grain.Select(g => g.Raw))}");
    }

    private static async Task<List<LogLine>> LinesAsync(AppProcess app, Func<LogLine, bool> last)
    {
        // Console output is asynchronous: wait until the last line looked for has arrived.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var lines = app.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')).Select(LogLine.Parse).OfType<LogLine>().ToList();
            if (lines.Any(last) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(200);
        }
    }

    private static string Dump(IEnumerable<LogLine> lines) => string.Join('\n', lines.Select(l => $"{l.Category}: {l.Message} [{l.RequestId}]"));

    private sealed record LogLine(string Category, string Message, string? RequestId, string? GrainScopeRequestId, string Raw)
    {
        public static LogLine? Parse(string raw)
        {
            try
            {
                using var json = JsonDocument.Parse(raw);
                var root = json.RootElement;
                string? requestId = null, grainScope = null;
                if (root.TryGetProperty("Scopes", out var scopes))
                {
                    foreach (var scope in scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
                    {
                        if (!scope.TryGetProperty("RequestId", out var id))
                        {
                            continue;
                        }

                        requestId ??= id.GetString();
                        // The silo's scope holds the id alone; ASP.NET Core's hosting scope has RequestPath beside it.
                        if (!scope.TryGetProperty("RequestPath", out _))
                        {
                            grainScope = id.GetString();
                        }
                    }
                }

                return new LogLine(root.GetProperty("Category").GetString() ?? "", root.GetProperty("Message").GetString() ?? "", requestId, grainScope, raw);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _temp.Dispose();
}
