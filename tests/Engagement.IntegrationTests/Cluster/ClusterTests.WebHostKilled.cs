using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Engagement.IntegrationTests.Cluster;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests;

/// <summary>Step 8, the last: a web host dies under its phones and screens.</summary>
public sealed partial class ClusterTests
{
    /// <summary>
    /// Phones and a screen reach the hosts through one balancer address, landing on host A. Host A hangs
    /// (SIGSTOP) while ballots go in through host B, so the screen cannot have been pushed them, and is then
    /// killed (SIGKILL). The screen reconnects through the balancer to B and its resubscribe snapshot must
    /// already count those ballots; pushes follow; phones signed in on A carry on voting on B.
    /// Runs last: host A stays dead.
    /// </summary>
    [Fact, Step(8)]
    public async Task A_killed_web_host_s_clients_reconnect_through_the_balancer_to_the_other_and_resync_from_a_snapshot()
    {
        var hall = cluster.Hall;
        var round = await cluster.OrganiserB.OpenVoteRoundAsync(hall.Branches);
        var topic = "round:" + round.RoundId;
        var hostA = new Uri(cluster.WebA.Url!).GetLeftPart(UriPartial.Authority);
        var hostB = new Uri(cluster.WebB.Url!).GetLeftPart(UriPartial.Authority);
        await using var balancer = new TcpBalancer(cluster.WebA.Url!, cluster.WebB.Url!);
        var clock = Stopwatch.StartNew();
        await using var screen = await ResyncingLiveClient.ConnectAsync(balancer.Url, clock);
        Assert.Equal(0, Ballots(await screen.FollowAsync(topic)));

        // 16 phones behind the balancer (on A for now), 8 more straight on B.
        var cards = new List<(CodeCardDto Card, string BranchId)>();
        foreach (var branch in hall.Branches.Take(2))
        {
            cards.AddRange((await cluster.OrganiserB.CodesAsync(branch.BranchId)).Codes.Take(12).Select(c => (c, branch.BranchId)));
        }

        var phones = new List<BallotPhone>();
        try
        {
            for (var i = 0; i < cards.Count; i++)
            {
                var (name, url) = i < 16 ? ("balancer", balancer.Url) : ("B", cluster.WebB.Url!);
                var client = new ApiClient(url);
                phones.Add(new BallotPhone(cards[i].Card.MemberNo, cards[i].BranchId, round.ChoicesFor(cards[i].BranchId, i), client, name));
                await (await client.MemberLoginAsync(cards[i].Card.Code)).ExpectAsync(HttpStatusCode.OK);
            }

            var attempts = new System.Collections.Concurrent.ConcurrentQueue<BallotAttempt>();
            Task Vote(IEnumerable<BallotPhone> who) => Task.WhenAll(who.Select(p => p.VoteAsync(round.RoundId, clock, attempts.Enqueue, CancellationToken.None)));
            void AllAcknowledged(IEnumerable<BallotPhone> who, string when)
            {
                var missing = who.Where(p => p.Receipt is null).Select(p => attempts.Last(a => a.MemberNo == p.MemberNo)).ToList();
                Assert.True(missing.Count == 0, $"{missing.Count} phones got no receipt {when}:\n{string.Join("\n", missing)}");
            }

            await Vote(phones.Take(8));
            AllAcknowledged(phones.Take(8), "through the balancer on A");
            Assert.True((await screen.WaitForAsync(u => Ballots(u) == 8, TimeSpan.FromSeconds(10))).HasValue, "The screen on A was not pushed the first 8 ballots");
            Assert.All(balancer.Routed, r => Assert.Equal(hostA, r));

            await Signal(cluster.WebA, "STOP");
            await Vote(phones.Skip(16));
            AllAcknowledged(phones.Skip(16), "on B while A hung");
            var before = screen.Current[topic];
            Assert.Equal(8, Ballots(before)); // A hangs: the screen has heard nothing of them

            var routedBeforeKill = balancer.Routed.Count;
            var killedAt = clock.Elapsed; // Kill() returns once the process is gone; the screen may be back by then
            cluster.WebA.Kill();
            var resynced = await WaitUntil(() => screen.Resyncs.Any(r => r.AskedAt > killedAt), TimeSpan.FromSeconds(30));
            var states = string.Join(", ", screen.States.Select(s => $"{(s.At - killedAt).TotalSeconds:+0.00;-0.00;0.00} s {s.State}"));
            Assert.True(resynced, $"The screen did not resubscribe within 30 s of host A's death; states: {states}");
            var resync = screen.Resyncs.First(r => r.AskedAt > killedAt);
            var dropped = screen.States.First(s => s.At > killedAt && s.State == "reconnecting").At;
            var reconnectedAt = screen.States.First(s => s.At > dropped && s.State == "connected").At;
            output.WriteLine($"Screen behind the balancer, seconds after kill -9 of host A was sent: {states}");
            output.WriteLine($"Its connection dropped when A died; it was reconnected through the balancer {(reconnectedAt - dropped).TotalMilliseconds:F0} ms later "
                             + $"and had its resync snapshot v{ResyncingLiveClient.Version(resync.Snapshot)} ({Ballots(resync.Snapshot)} ballots) "
                             + $"{(resync.At - dropped).TotalMilliseconds:F0} ms after the drop");

            // The snapshot is current: it counts the ballots cast on B while A hung, with their votes.
            Assert.True(ResyncingLiveClient.Version(resync.Snapshot) > ResyncingLiveClient.Version(before),
                $"Resync snapshot v{ResyncingLiveClient.Version(resync.Snapshot)} is not newer than v{ResyncingLiveClient.Version(before)} seen before the kill");
            Assert.Equal(16, Ballots(resync.Snapshot));
            Assert.Equal(ExpectedTally(phones.Take(8).Concat(phones.Skip(16))), Tally(resync.Snapshot));

            // Phones that signed in on A carry on through the balancer, now on B; the screen is pushed their ballots.
            await Vote(phones.Skip(8).Take(8));
            AllAcknowledged(phones.Skip(8).Take(8), "through the balancer after A died");
            Assert.Contains(hostB, balancer.Routed.Skip(routedBeforeKill)); // only B is left to take them
            var pushed = await screen.WaitForAsync(u => Ballots(u) == 24, TimeSpan.FromSeconds(10), since: resync.At);
            Assert.True(pushed.HasValue, $"After the resync the screen was not pushed the last 8 ballots; it shows {Ballots(screen.Current[topic])}");
            Assert.Equal(ExpectedTally(phones), Tally(pushed.Value));
            var refusals = attempts.Where(a => !a.Acknowledged).ToList();
            output.WriteLine($"Ballot attempts refused or unanswered: {refusals.Count}" + string.Concat(refusals.Select(a => $"\n  {a}")));
        }
        finally
        {
            foreach (var phone in phones)
            {
                phone.Dispose();
            }
        }

        static int Ballots(JsonElement update) => update.GetProperty("payload").GetProperty("ballots").GetInt32();

        static Dictionary<string, int> Tally(JsonElement update) =>
            update.GetProperty("payload").GetProperty("tally").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());

        static Dictionary<string, int> ExpectedTally(IEnumerable<BallotPhone> voters) =>
            voters.SelectMany(p => p.Choices).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>kill -SIGNAL pid, as an operator (or a hung VM) would.</summary>
    private static async Task Signal(AppProcess app, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", app.Id.ToString()]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
