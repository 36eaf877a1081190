using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// Over ten thousand malformed requests at every endpoint and the live hub of a running demo, each sent
/// as the role allowed to call it: no 5xx, every refusal readable, no malformed state change accepted,
/// the server alive afterwards, and not one round, tally, score, roster entry or bracket changed.
/// Replay with ENGAGEMENT_FUZZ_SEED=&lt;seed printed in the output&gt;.
/// </summary>
[Collection(Collections.Abuse)]
public sealed class FuzzTests(FuzzApp fixture, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    private const int DefaultSeed = 20_260_501;
    private const int MinimumInputs = 10_000;

    /// <summary>/api routes in src/Web today: the catalog read from OpenAPI may grow, never shrink.</summary>
    private const int MinimumApiRoutes = 70;

    private const int Workers = 12;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("ENGAGEMENT_FUZZ_SEED"), out var seed) ? seed : DefaultSeed;

    [Fact]
    public async Task Malformed_input_never_breaks_the_server_nor_changes_any_result()
    {
        var clock = Stopwatch.StartNew();
        output.WriteLine($"Fuzz seed {Seed} (replay with ENGAGEMENT_FUZZ_SEED={Seed})");
        var organiser = fixture.Client(FuzzRole.Organiser);
        var catalog = await CatalogAsync();
        var before = await StateFingerprint.TakeAsync(organiser);

        var generator = new FuzzInputs(Seed);
        var inputs = catalog.SelectMany(e => generator.For(e, Quota(e))).ToList();
        var shuffled = inputs.ToArray();
        new Random(Seed).Shuffle(shuffled);
        var results = await SendAllAsync(shuffled);

        var hub = new HubFuzz(fixture.Url, Seed, [$"contest:{fixture.Ids.Contest.ContestId}", $"final:{fixture.Ids.Contest.ContestId}"]);
        await hub.RunAsync(organiser.Cookies);

        // The Orleans dashboard is third-party code: its answers are counted in the summary, not judged.
        var failures = results.Where(r => !r.Input.Endpoint.IsDashboard).SelectMany(r => Judge(r.Input, r.Status, r.ContentType, r.Body).Select(problem => (r.Input, Problem: problem))).ToList();
        Assert.False(fixture.App.HasExited, $"The server exited during the fuzzing:\n{fixture.App.Output}");
        using (var health = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await health.GetAsync($"{fixture.Url}/health")).StatusCode);
        }

        await using (var fresh = await LiveClient.ConnectAsync(fixture.Url))
        {
            var snapshot = await fresh.SubscribeAsync($"round:{fixture.Ids.LiveRoundId}");
            Assert.Equal(JsonValueKind.Object, snapshot.GetProperty("payload").ValueKind);
        }

        var after = await StateFingerprint.TakeAsync(organiser);
        Summarise(results, hub, clock.Elapsed, before.Answers.Count);

        Assert.True(inputs.Count + hub.Sent >= MinimumInputs, $"Only {inputs.Count + hub.Sent} inputs were generated.");
        Assert.True(failures.Count == 0, Report(failures));
        var changed = before.Differences(after);
        Assert.True(changed.Count == 0, $"Malformed input changed {changed.Count} answer(s):\n{string.Join("\n", changed.Take(20))}");
    }

    /// <summary>
    /// The examples of issue #9 over HTTP, as the phones and the console send them: a null choice is a 400 naming
    /// it; a ballot id sent again with other choices is a 422 and the stored ballot still answers its retry; a
    /// correction with an unknown ending or a forfeit not as the rules define it is refused by preview and commit,
    /// and the tournament's public view and a scorer's court still answer. (Runs before or after the fuzzing in
    /// this class, never during it: its ballot is counted before the fuzzing's fingerprint is taken, or after.)
    /// </summary>
    [Fact]
    public async Task The_issues_examples_are_answered_with_clear_refusals_and_every_view_still_renders()
    {
        var ids = fixture.Ids;
        var member = fixture.Client(FuzzRole.Member).Http;
        var organiser = fixture.Client(FuzzRole.Organiser).Http;
        var ballots = $"/api/member/rounds/{ids.LiveRoundId}/ballots";
        static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

        var nullChoice = await member.PostAsync(ballots, Body($$"""{"ballotId":"issue9-ballot-0001","choices":["{{ids.CaseId}}",null]}"""));
        await AssertProblem(nullChoice, 400, "request.bad-field", "choices[1]");

        var first = await (await member.PostAsync(ballots, Body($$"""{"ballotId":"issue9-ballot-0001","choices":["{{ids.CaseId}}"]}"""))).ReadAsync<JsonElement>();
        var reused = await member.PostAsync(ballots, Body($$"""{"ballotId":"issue9-ballot-0001","choices":["{{ids.OtherCaseId}}"]}"""));
        await AssertProblem(reused, 422, "ballot.id-reused", null);
        var retry = await (await member.PostAsync(ballots, Body($$"""{"ballotId":"issue9-ballot-0001","choices":["{{ids.CaseId}}"]}"""))).ReadAsync<JsonElement>();
        Assert.Equal(first.GetProperty("receipt").GetString(), retry.GetProperty("receipt").GetString());
        Assert.Equal([ids.CaseId], retry.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));

        var correction = $"/api/tournaments/{ids.TournamentId}/matches/{ids.FinishedMatchId}/correction";
        var match = (await (await organiser.GetAsync($"/api/public/tournaments/{ids.TournamentId}")).ReadAsync<JsonElement>())
            .GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("matchId").GetString() == ids.FinishedMatchId);
        var winner = match.GetProperty("teamA").GetString();
        foreach (var confirm in new[] { "false", "true" })
        {
            await AssertProblem(await organiser.PostAsync(correction, Body($$"""{"winner":"{{winner}}","sets":[{"a":21,"b":0}],"ending":"Whatever","confirm":{{confirm}}}""")),
                400, "request.bad-field", "ending");
            await AssertProblem(await organiser.PostAsync(correction, Body($$"""{"winner":"{{winner}}","sets":[{"a":21,"b":0}],"ending":"Forfeited","confirm":{{confirm}}}""")),
                400, "tournament.bad-forfeit", "21:0 21:0");
        }

        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/api/public/tournaments/{ids.TournamentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client(FuzzRole.Scorer).Http.GetAsync("/api/scorer/court")).StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, int status, string code, string? mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}, expected {status}: {body}");
        var problem = ReadProblem(response.Content.Headers.ContentType?.MediaType, body);
        Assert.True(problem?.Code == code, $"expected {code}: {body}");
        Assert.True(mentions is null || problem!.Value.Detail.Contains(mentions, StringComparison.Ordinal), $"expected the message to name {mentions}: {body}");
    }

    /// <summary>The endpoints from the app's own OpenAPI document, checked for completeness.</summary>
    private async Task<IReadOnlyList<Endpoint>> CatalogAsync()
    {
        using var openApi = JsonDocument.Parse(await fixture.Client(FuzzRole.Anonymous).Http.GetStringAsync("/openapi/v1.json"));
        var catalog = EndpointCatalog.Build(openApi, fixture.Ids);
        var api = catalog.Count(e => e.Template.StartsWith("/api/", StringComparison.Ordinal));
        Assert.True(api >= MinimumApiRoutes, $"OpenAPI lists {api} /api routes, fewer than the {MinimumApiRoutes} the app maps: some routes went missing from it.");
        foreach (var endpoint in catalog.Where(e => e.Body == BodyKind.Json))
        {
            Assert.True(endpoint.ValidBody is { Count: > 0 }, $"{endpoint} takes JSON but has no valid body to start from.");
        }

        return catalog;
    }

    /// <summary>JSON endpoints get the most inputs (they have the most to get wrong); the Orleans dashboard the fewest.</summary>
    private static int Quota(Endpoint endpoint) => endpoint switch
    {
        { Body: BodyKind.Json } => 230,
        { Body: BodyKind.Form } => 160,
        _ when endpoint.Template.StartsWith("/dashboard", StringComparison.Ordinal) => 40,
        _ => 110,
    };

    private async Task<List<Outcome>> SendAllAsync(IReadOnlyList<FuzzInput> inputs)
    {
        var results = new ConcurrentBag<Outcome>();
        var next = -1;
        var workers = Enumerable.Range(0, Workers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < inputs.Count; i = Interlocked.Increment(ref next))
            {
                results.Add(await SendAsync(inputs[i]));
            }
        });
        await Task.WhenAll(workers);
        return [.. results];
    }

    private async Task<Outcome> SendAsync(FuzzInput input)
    {
        using var request = new HttpRequestMessage(new HttpMethod(input.Endpoint.Method), new Uri(input.Path, UriKind.Relative));
        if (input.Body is { } body)
        {
            request.Content = body.Content();
            request.Headers.ExpectContinue = body.ExpectContinue;
        }

        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(input.English ? "en" : "zh-CN"));
        try
        {
            using var response = await fixture.Client(input.Role).Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Outcome(input, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Outcome(input, 0, null, e.ToString());
        }
    }

    /// <summary>What is wrong with one answer, if anything.</summary>
    private static IEnumerable<string> Judge(FuzzInput input, int status, string? contentType, string body)
    {
        if (status == 0)
        {
            yield return $"no answer (connection failed): {Shorten(body)}";
            yield break;
        }

        if (status >= 500)
        {
            yield return $"{status}: {Shorten(body)}";
        }

        if (input.ExpectedStatus is { } expected && status != expected)
        {
            yield return $"{status}, expected {expected}: {Shorten(body)}";
        }

        if (status is >= 200 and < 300 && input.Endpoint.ChangesState)
        {
            yield return $"{status}: a malformed state change was accepted: {Shorten(body)}";
        }

        // Routing and Kestrel answer paths that no longer fit a route (or are too long) without the app: no body to check.
        var fromTheApp = input.RouteMatches || status is not (400 or 404 or 405 or 414 or 431);
        if (status is >= 400 and < 500 && fromTheApp)
        {
            var problem = ReadProblem(contentType, body);
            if (problem is null)
            {
                yield return $"{status} without a readable problem body ({contentType ?? "no content type"}): {Shorten(body)}";
            }
            else if (input.ExpectedField is { } field && (problem.Value.Code != "request.bad-field" || !problem.Value.Detail.Contains($"\"{field}\"") && !problem.Value.Detail.Contains($"“{field}”")))
            {
                yield return $"{status} {problem.Value.Code} does not name the field {field}: {problem.Value.Detail}";
            }
            else if (problem.Value.Code is "request.bad-body" or "request.too-large" && Api.HasChinese(problem.Value.Detail) == input.English
                     || problem.Value.Code == "request.bad-field" && problem.Value.Detail.StartsWith("The field", StringComparison.Ordinal) != input.English)
            {
                yield return $"{status} {problem.Value.Code} in the wrong language (asked for {(input.English ? "en" : "zh")}): {problem.Value.Detail}";
            }
        }
    }

    private static (string Code, string Detail)? ReadProblem(string? contentType, string body)
    {
        if (contentType != "application/problem+json")
        {
            return null;
        }

        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(detail) ? null : (code, detail);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Failures grouped by endpoint, kind of input and status, with the first example of each.</summary>
    private static string Report(IEnumerable<(FuzzInput Input, string Problem)> failures)
    {
        var groups = failures
            .GroupBy(f => (f.Input.Endpoint.Name, f.Input.Kind, Status: f.Problem.Split(':')[0]))
            .Select(g => $"{g.Key.Name} [{g.Key.Kind}] ×{g.Count()}: {g.First().Problem}\n    e.g. {g.First().Input.Describe()}")
            .ToList();
        return $"{groups.Count} distinct failure(s) (seed {Seed}):\n{string.Join("\n", groups)}";
    }

    private void Summarise(IReadOnlyList<Outcome> results, HubFuzz hub, TimeSpan elapsed, int fingerprinted)
    {
        output.WriteLine($"Sent {results.Count:N0} HTTP inputs to {results.Select(r => r.Input.Endpoint.Name).Distinct().Count()} endpoints and {hub.Sent:N0} hub calls/frames in {elapsed.TotalSeconds:F1} s; {fingerprinted} answers fingerprinted before and after.");
        output.WriteLine("Inputs per endpoint group:");
        foreach (var group in results.GroupBy(r => r.Input.Endpoint.Group).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key,-22} {group.Count(),6:N0}  ({group.Select(r => r.Input.Endpoint.Name).Distinct().Count()} endpoints)");
        }

        output.WriteLine("Inputs per kind:");
        foreach (var kind in results.GroupBy(r => r.Input.Kind).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {kind.Key,-22} {kind.Count(),6:N0}");
        }

        output.WriteLine("HTTP status histogram:");
        foreach (var status in results.GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {(status.Key == 0 ? "no answer" : status.Key.ToString()),-22} {status.Count(),6:N0}");
        }

        output.WriteLine($"Orleans dashboard (third-party, not judged): {results.Count(r => r.Input.Endpoint.IsDashboard && r.Status >= 500)} of {results.Count(r => r.Input.Endpoint.IsDashboard)} answers were 5xx.");
        output.WriteLine($"Hub outcomes: {string.Join(", ", hub.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    private sealed record Outcome(FuzzInput Input, int Status, string? ContentType, string Body);
}
