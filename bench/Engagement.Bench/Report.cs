using System.Text.Json;

namespace Engagement.Bench;

/// <summary>The last line every scenario prints: one JSON object with at least the fields issue 5 asks for.</summary>
public static class Report
{
    public static readonly string[] Required =
    [
        "scenario", "ballots_per_s", "bare_requests_per_s", "ratio_to_bare", "ack_p50_ms", "ack_p99_ms",
        "screen_p50_ms", "screen_p99_ms", "connections", "server_rss_mb", "acknowledged", "counted", "lost",
    ];

    /// <summary>
    /// Prints the result as the last line; the exit code is 1 when any acknowledged ballot was lost (by the
    /// bench's client or, with --wrk, by wrk's), or, where the scenario checks it, the final tally is not
    /// what the acknowledged ballots add up to.
    /// </summary>
    public static int Print(IReadOnlyDictionary<string, object?> result)
    {
        var required = result.TryGetValue("scenario", out var scenario) && scenario is "quiz" ? QuizScenario.Required : Required;
        var missing = required.Where(k => !result.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The scenario's result lacks " + string.Join(", ", missing));
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        var tallyWrong = result.TryGetValue("tally_matches", out var matches) && matches is false;
        var wrkLost = result.TryGetValue("wrk_lost", out var lostUnderWrk) && Convert.ToInt64(lostUnderWrk) > 0;
        return Convert.ToInt64(result["lost"]) > 0 || tallyWrong || wrkLost ? 1 : 0;
    }
}
