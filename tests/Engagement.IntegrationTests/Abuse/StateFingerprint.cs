using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// Everything the fuzzer must not change, read as the organiser and the public read it: the roster
/// (overview and every branch), every event with its cases and rubric, every round with its tally,
/// stage, judges' scores, results and receipts, every tournament with its bracket, tables and matches,
/// the access links and the main screen. Two fingerprints are equal when no answer differs.
/// </summary>
public sealed class StateFingerprint
{
    /// <summary>
    /// Fields that change without anyone changing anything: only a problem answer's traceId (new per
    /// request). Revisions and versions are kept on purpose, since a refused request must not bump them either.
    /// </summary>
    private static readonly HashSet<string> Volatile = ["traceId"];

    private StateFingerprint(SortedDictionary<string, string> answers) => Answers = answers;

    public SortedDictionary<string, string> Answers { get; }

    public static async Task<StateFingerprint> TakeAsync(ApiClient organiser)
    {
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);

        async Task<JsonNode?> Read(string path)
        {
            var response = await organiser.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var node = body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true ? JsonNode.Parse(body) : null;
            answers[path] = $"{(int)response.StatusCode} {(node is null ? body : Normalise(node, HallRound(path) ? HallVolatile : Volatile).ToJsonString())}";
            return response.IsSuccessStatusCode ? node : null;
        }

        var overview = await Read("/api/org");
        foreach (var branch in overview!["branches"]!.AsArray())
        {
            await Read($"/api/org/branches/{branch!["branchId"]}");
        }

        await Read("/api/grants");
        await Read("/api/screens/main");
        foreach (var summary in (await Read("/api/selection/events"))!.AsArray())
        {
            var selection = await Read($"/api/selection/events/{summary!["eventId"]}");
            foreach (var roundId in selection!["roundIds"]!.AsArray().Select(r => r!.GetValue<string>()))
            {
                await Read($"/api/selection/rounds/{roundId}");
                await Read($"/api/selection/rounds/{roundId}/scores");
                await Read($"/api/rounds/{roundId}/live");
                await Read($"/api/rounds/{roundId}/stage");
                await Read($"/api/rounds/{roundId}/results");
                await Read($"/api/rounds/{roundId}/receipts");
            }
        }

        foreach (var summary in (await Read("/api/tournaments"))!.AsArray())
        {
            var id = summary!["tournamentId"]!.GetValue<string>();
            var tournament = await Read($"/api/public/tournaments/{id}");
            foreach (var match in tournament!["matches"]!.AsArray())
            {
                await Read($"/api/public/tournaments/{id}/matches/{match!["matchId"]}");
            }
        }

        // Issue 12: the question bank and every contest, as the host and the big screen read them.
        await Read("/api/contest-bank");
        foreach (var summary in (await Read("/api/contests"))!.AsArray())
        {
            var id = summary!["contestId"]!.GetValue<string>();
            foreach (var path in new[] { $"/api/contests/{id}", $"/api/contests/{id}/record", $"/api/contests/{id}/stage", $"/api/public/contests/{id}/live", $"/api/public/contests/{id}/stage" })
            {
                await Read(path);
            }
        }

        return new StateFingerprint(answers);
    }

    /// <summary>Each answer that differs, shortened around the first difference.</summary>
    public IReadOnlyList<string> Differences(StateFingerprint after)
    {
        var differences = new List<string>();
        foreach (var path in Answers.Keys.Union(after.Answers.Keys))
        {
            var before = Answers.GetValueOrDefault(path, "(absent)");
            var now = after.Answers.GetValueOrDefault(path, "(absent)");
            if (before != now)
            {
                var at = before.Zip(now).TakeWhile(p => p.First == p.Second).Count();
                var from = Math.Max(0, at - 120);
                differences.Add($"{path}\n  before: …{Slice(before, from)}…\n  after:  …{Slice(now, from)}…");
            }
        }

        return differences;
    }

    private static string Slice(string text, int from) => from >= text.Length ? string.Empty : text[from..Math.Min(text.Length, from + 300)];

    /// <summary>
    /// A hall round's view (issue 12) also drops its revision: a refused answer is on the contest's ledger by design
    /// (once per member and reason, for the audit), which moves the revision but never an answer, a mark or a standing.
    /// </summary>
    private static readonly HashSet<string> HallVolatile = ["traceId", "revision"];

    private static bool HallRound(string path) => path.StartsWith("/api/contests/", StringComparison.Ordinal) && !path.EndsWith("/stage", StringComparison.Ordinal);

    private static JsonNode Normalise(JsonNode node, IReadOnlySet<string> volatileFields)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(p => p.Key).Where(volatileFields.Contains).ToList())
            {
                obj.Remove(name);
            }

            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Normalise(child, volatileFields);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                Normalise(child, volatileFields);
            }
        }

        return node;
    }
}
