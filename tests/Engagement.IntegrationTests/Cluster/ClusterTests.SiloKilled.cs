using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Cluster;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests;

/// <summary>Steps 4–6: a silo dies while the hall votes.</summary>
public sealed partial class ClusterTests
{
    /// <summary>
    /// The hall votes through both hosts; silo 1, which holds the round and the main screen (see
    /// <see cref="ClusterApp"/>), is killed once a third of the ballots are in and the next third are on
    /// their way. Phones retry as member.js does until each has its receipt, while an organiser keeps reading and
    /// changing the screen through both hosts.
    /// </summary>
    [Fact, Step(4)]
    public async Task Killing_the_silo_that_holds_the_round_mid_vote_leaves_both_hosts_serving_and_every_phone_with_a_receipt()
    {
        var hall = cluster.Hall;
        await hall.SignInAsync(cluster.OrganiserA, [("A", cluster.WebA.Url!), ("B", cluster.WebB.Url!)]);
        var headline = "断电前 " + Guid.NewGuid().ToString("N")[..6];
        await cluster.OrganiserA.ShowOnScreenAsync(headline);

        var clock = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var killed = new TaskCompletionSource();
        var voting = hall.VoteAsync(clock, whileOnTheirWay: () =>
        {
            hall.SiloKilledAt = clock.Elapsed;
            cluster.Silo1.Kill();
            killed.SetResult();
        }, latecomers: TimeSpan.FromSeconds(6), limit.Token);
        (TimeSpan? ReadsOk, TimeSpan? WriteOk, string Written) screen = default;
        try
        {
            await Task.WhenAny(killed.Task, voting);
            Assert.True(killed.Task.IsCompleted, $"The hall's first third did not vote: {voting.Exception}");
            screen = await KeepUsingTheScreenAsync(headline, clock, hall.SiloKilledAt);
            await voting;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Assert.Fail($"Only {hall.Acknowledged} of {HallVote.Members} phones had a receipt 120 s after they started voting");
        }
        finally
        {
            await limit.CancelAsync();
        }

        ReportBallots(hall);
        var answers = cluster.FailoverAnswers;
        output.WriteLine($"Screen reads answered {screen.ReadsOk?.TotalSeconds:F1} s after the kill, a write {screen.WriteOk?.TotalSeconds:F1} s. Refusals:");
        foreach (var answer in answers.Where(x => x.Status != 200).DistinctBy(x => (x.What, x.Status)))
        {
            output.WriteLine($"  {answer.At.TotalSeconds:F1} s {answer.What}: {answer.Status} retry-after={answer.RetryAfter} {answer.Body}");
        }

        var attempts = hall.Attempts.ToList();
        Assert.True(attempts.Any(a => a.SentAt < hall.SiloKilledAt && a.At > hall.SiloKilledAt), "No ballot was on its way when silo 1 was killed");
        Assert.True(attempts.Any(a => !a.Acknowledged && a.SentAt > hall.SiloKilledAt),
            "No ballot was refused after silo 1 died, so the round never had to move: was it activated on silo 2?");
        var unanswered = hall.Phones.Where(p => p.Receipt is null).ToList();
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} phones have no receipt; their last answers:\n"
            + string.Join("\n", unanswered.Take(10).Select(p => attempts.Last(a => a.MemberNo == p.MemberNo))));

        var last = answers.LastOrDefault();
        Assert.True(screen.ReadsOk is not null, $"Web hosts did not answer GET /api/screens/main within 60 s of a silo's death; last: {last}");
        Assert.True(screen.WriteOk is not null, $"No screen change went through within 60 s of a silo's death; last: {last}");
        Assert.Equal(screen.Written, (await cluster.OrganiserA.ScreenAsync()).Headline);
        Assert.False(cluster.Silo2.HasExited, "The surviving silo exited");
    }

    /// <summary>While a call cannot be placed the API says so retryably, as ProblemExceptionHandler promises.</summary>
    [Fact, Step(5)]
    public void Refusals_during_the_failover_are_503_with_Retry_After_never_500_or_silence()
    {
        var answers = cluster.FailoverAnswers;
        var ballots = cluster.Hall.Attempts.ToList();
        Assert.True(answers.Count > 0 && ballots.Count > 0, "Run together with step 4, which records the answers");
        var wrong = answers.Where(x => x.Status != 200 && !(x.Status == 503 && x.RetryAfter)).ToList();
        Assert.True(wrong.Count == 0,
            $"{wrong.Count} of {answers.Count} screen answers during the failover were neither 200 nor 503 with Retry-After:\n"
            + string.Join("\n", wrong.DistinctBy(x => (x.What, x.Status)).Select(x => $"{x.At.TotalSeconds:F1} s {x.What}: {x.Status} {x.Body}")));

        // Silence is wrong too (status 0: the phone gave up after 20 s): even a ballot caught on its way to the
        // dying silo must be answered "retry" before the phone's patience runs out.
        var killedAt = cluster.Hall.SiloKilledAt;
        var wrongBallots = ballots.Where(a => !a.Acknowledged && !(a.Status == 503 && a.RetryAfter)).ToList();
        Assert.True(wrongBallots.Count == 0,
            $"{wrongBallots.Count} of {ballots.Count} ballot attempts were answered neither 200 nor 503 with Retry-After:\n"
            + string.Join("\n", wrongBallots.DistinctBy(a => (a.Via, a.Status, a.Body)).Take(10)
                .Select(a => $"sent {(a.SentAt - killedAt).TotalSeconds:+0.0;-0.0;0.0} s, answered {(a.At - killedAt).TotalSeconds:+0.0;-0.0;0.0} s via {a.Via}: {a.Status} {a.Body}")));
    }

    [Fact, Step(6)]
    public async Task After_the_failover_every_acknowledged_ballot_is_counted_exactly_once()
    {
        var hall = cluster.Hall;
        var acknowledged = hall.Phones.Where(p => p.Receipt is not null).ToList();
        Assert.True(acknowledged.Count > 0, "Run together with step 4, in which the hall votes");
        var roundId = hall.Round.RoundId;
        var organiser = cluster.OrganiserB;
        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/close", null), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/publish", null), HttpStatusCode.OK);
        var receipts = (await Selection.Json(await organiser.Http.GetAsync($"/api/rounds/{roundId}/receipts"), HttpStatusCode.OK))
            .EnumerateArray().Select(r => r.GetString()!).ToList();
        var details = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{roundId}"), HttpStatusCode.OK);

        // The published receipts are exactly the ones the phones were given: none lost, none twice, none extra.
        Assert.Equal(receipts.Count, receipts.Distinct().Count());
        Assert.Equal(acknowledged.Select(p => p.Receipt!).Order(), receipts.Order());
        Assert.Equal(acknowledged.Count, details.GetProperty("round").GetProperty("ballots").GetInt32());
        var tally = details.GetProperty("tally").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var expected = acknowledged.SelectMany(p => p.Choices).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, tally.Where(t => t.Value > 0).ToDictionary());
        output.WriteLine($"{acknowledged.Count} acknowledged ballots, {receipts.Count} published receipts, {tally.Values.Sum()} votes counted");
    }

    /// <summary>Reads and changes the main screen through both hosts until both work again (or 60 s pass).</summary>
    private async Task<(TimeSpan? ReadsOk, TimeSpan? WriteOk, string Written)> KeepUsingTheScreenAsync(string headline, Stopwatch clock, TimeSpan killedAt)
    {
        var answers = cluster.FailoverAnswers;
        TimeSpan? readsOk = null;
        TimeSpan? writeOk = null;
        var written = "断电后 " + Guid.NewGuid().ToString("N")[..6];
        while (clock.Elapsed - killedAt < TimeSpan.FromSeconds(60) && (readsOk is null || writeOk is null))
        {
            if (readsOk is null)
            {
                var a = await Observe("GET via A", () => cluster.OrganiserA.Http.GetAsync("/api/screens/main"));
                var b = await Observe("GET via B", () => cluster.OrganiserB.Http.GetAsync("/api/screens/main"));
                if (a?.IsSuccessStatusCode == true && b?.IsSuccessStatusCode == true)
                {
                    // Served from PostgreSQL by the surviving silo: the state from before the crash.
                    Assert.Equal(headline, (await a.Content.ReadFromJsonAsync<ScreenDto>(Api.Json))!.Headline);
                    Assert.Equal(headline, (await b.Content.ReadFromJsonAsync<ScreenDto>(Api.Json))!.Headline);
                    readsOk = clock.Elapsed - killedAt;
                }
            }
            else if ((await Observe("PUT via B", () => cluster.OrganiserB.Http.PutAsJsonAsync("/api/screens/main", new { headline = written })))?.IsSuccessStatusCode == true)
            {
                writeOk = clock.Elapsed - killedAt;
            }

            await Task.Delay(250);
        }

        return (readsOk, writeOk, written);

        async Task<HttpResponseMessage?> Observe(string what, Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                var response = await send();
                var body = response.IsSuccessStatusCode ? string.Empty : await response.Content.ReadAsStringAsync();
                answers.Add(new FailoverAnswer(clock.Elapsed - killedAt, what, (int)response.StatusCode, response.Headers.RetryAfter is not null, body[..Math.Min(body.Length, 300)]));
                return response;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.Add(new FailoverAnswer(clock.Elapsed - killedAt, what, 0, false, e.Message));
                return null;
            }
        }
    }

    /// <summary>What the hall went through, in seconds after the kill.</summary>
    private void ReportBallots(HallVote hall)
    {
        var killedAt = hall.SiloKilledAt;
        var attempts = hall.Attempts.ToList();
        string Since(TimeSpan t) => $"{(t - killedAt).TotalSeconds:+0.0;-0.0;0.0} s";
        output.WriteLine($"{attempts.Count(a => a.Acknowledged && a.At <= killedAt)} ballots acknowledged before kill -9 of silo 1; "
                         + $"{attempts.Count(a => a.SentAt < killedAt && a.At > killedAt)} in flight at that moment");
        var refused = attempts.Where(a => a.Status is not (200 or 0)).OrderBy(a => a.At).ToList();
        if (refused.Count > 0)
        {
            output.WriteLine($"Ballots refused from {Since(refused[0].At)} to {Since(refused[^1].At)}: {refused.Count} refusals to "
                             + $"{refused.Select(a => a.MemberNo).Distinct().Count()} phones ("
                             + string.Join(", ", refused.GroupBy(a => a.Status).Select(g => $"{g.Count()}× {g.Key}")) + ")");
        }

        var caught = attempts.Where(a => a.SentAt < killedAt && a.At > killedAt).ToList();
        if (caught.Count > 0)
        {
            output.WriteLine($"Ballots on their way at the kill were answered from {Since(caught.Min(a => a.At))} to {Since(caught.Max(a => a.At))} ("
                             + string.Join(", ", caught.GroupBy(a => a.Status).Select(g => $"{g.Count()}× {(g.Key == 0 ? "no answer" : g.Key.ToString())}")) + ")");
        }

        var silent = attempts.Where(a => a.Status == 0).ToList();
        if (silent.Count > 0)
        {
            output.WriteLine($"{silent.Count} attempts got no answer ({silent.Count(a => a.SentAt <= killedAt)} of them sent before the kill); "
                             + $"the phones gave up on them from {Since(silent.Min(a => a.At))} to {Since(silent.Max(a => a.At))} and sent them again");
        }

        var acceptedAgain = attempts.Where(a => a.Acknowledged && a.SentAt > killedAt).Select(a => a.At).DefaultIfEmpty().Min();
        var waits = hall.Phones.Where(p => p.Waited is not null).Select(p => p.Waited!.Value.TotalSeconds).Order().ToList();
        output.WriteLine($"First ballot sent after the kill acknowledged at {Since(acceptedAgain)}; last receipt at "
                         + $"{Since(hall.Phones.Max(p => p.AcknowledgedAt ?? TimeSpan.Zero))}");
        if (waits.Count > 0)
        {
            output.WriteLine($"Time from tap to receipt per phone: median {waits[waits.Count / 2]:F1} s, longest {waits[^1]:F1} s; "
                             + $"{hall.Phones.Count(p => hall.Attempts.Count(a => a.MemberNo == p.MemberNo) > 1)} phones had to retry");
        }
    }
}
