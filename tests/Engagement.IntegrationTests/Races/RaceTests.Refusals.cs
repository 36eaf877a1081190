using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

// A phone that keeps posting ballots to a round that is over (a stuck retry loop, or someone leaning on the
// button) is refused every time, but the round's audit trail records each member's refusal once per reason:
// it must not grow with the number of posts, nor again after a restart.
public sealed partial class RaceTests
{
    private const int Posts = 300;
    private const int PostsAtOnce = 30;

    [Fact, Step(6)]
    public async Task Three_hundred_refused_ballots_from_one_phone_add_at_most_one_trail_entry_per_reason_even_after_a_restart()
    {
        var organiser = await app.SignInOrganiserAsync();
        var phone = await app.SignInMemberAsync(app.MemberCodes[2]);
        var memberNo = (await phone.MeAsync()).MemberNo!;
        var (eventId, cases) = await RoundSetup.EventAsync(organiser, app.Branches, "拒票洪水");
        var roundId = await RoundSetup.CreateAsync(organiser, eventId, RoundSetup.Body(cases));
        await RoundSetup.ActAsync(organiser, roundId, "open");
        await (await phone.Http.PostAsJsonAsync($"/api/member/rounds/{roundId}/ballots", new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { cases[0] } }))
            .ExpectAsync(HttpStatusCode.OK);
        await RoundSetup.ActAsync(organiser, roundId, "close");
        var published = (await RoundSetup.ActAsync(organiser, roundId, "publish")).Revision();
        var before = await StableTrailAsync(organiser, roundId);

        var answers = await FloodAsync(phone, roundId, cases, Posts);
        var codes = RefusalCodes(answers);
        var after = await StableTrailAsync(organiser, roundId);
        var refusals = after.Where(e => e.Kind == "refused").ToList();
        output.WriteLine($"{Posts} posts answered {Tally(answers)}; trail {before.Count} → {after.Count} entries, refusals: {string.Join(", ", refusals.Select(r => r.Data))}");

        Assert.True(after.Count - before.Count <= codes.Count,
            $"{Posts} refused posts grew the trail by {after.Count - before.Count} entries; at most one per member and reason ({codes.Count}: {string.Join(", ", codes)}) may be written.");
        Assert.All(refusals, r => Assert.Equal(memberNo, r.Actor));
        Assert.Equal(refusals.Count, refusals.Select(r => r.Data).Distinct().Count());

        var round = (await organiser.GetAsync($"/api/selection/rounds/{roundId}")).GetProperty("round");
        Assert.Equal("Published", round.Status());
        Assert.Equal(1, round.GetProperty("ballots").GetInt32());
        Assert.Equal(published, round.Revision());
        AssertNothingWaited();

        const string by = nameof(Three_hundred_refused_ballots_from_one_phone_add_at_most_one_trail_entry_per_reason_even_after_a_restart);
        await app.RememberViewsAsync(organiser, by, [$"/api/selection/rounds/{roundId}", $"/api/selection/rounds/{roundId}/audit?limit=1000"]);
        app.AfterRestart("the same phone posts 60 refused ballots again: the round still knows which refusals it wrote", async (resumed, log) =>
        {
            var again = await FloodAsync(app.Resume(phone), roundId, cases, 60);
            var replayed = await StableTrailAsync(resumed, roundId);
            log.WriteLine($"  60 posts answered {Tally(again)}; trail {after.Count} → {replayed.Count}");
            var newCodes = RefusalCodes(again).Except(codes).Count();
            Assert.True(replayed.Count - after.Count <= newCodes,
                $"After a restart the same refusals grew the trail by {replayed.Count - after.Count} entries: the round forgot which refusals it had written.");
        });
    }

    /// <summary>
    /// <paramref name="count"/> posts, <see cref="PostsAtOnce"/> at a time: valid ballots, ballots with a
    /// malformed id and ballots naming a case that is not in the round, each with a fresh id.
    /// </summary>
    private async Task<List<Answer>> FloodAsync(ApiClient phone, string roundId, string[] cases, int count)
    {
        var answers = new List<Answer>();
        for (var start = 0; start < count; start += PostsAtOnce)
        {
            var batch = Enumerable.Range(start, Math.Min(PostsAtOnce, count - start)).Select(i =>
            {
                var ballotId = i % 3 == 1 ? "x" : Guid.NewGuid().ToString("N");
                var choices = i % 3 == 2 ? new[] { "no-such-case" } : new[] { cases[i % cases.Length] };
                return _race.SendAsync(new Request("ballot", phone, http => http.PostAsJsonAsync($"/api/member/rounds/{roundId}/ballots", new { ballotId, choices })));
            });
            answers.AddRange(await Task.WhenAll(batch));
        }

        // 429 is a refusal too (a per-member rate limit may answer before the round does).
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests,
            $"A ballot to a published round must be refused: {a}"));
        return answers;
    }

    private static HashSet<string> RefusalCodes(IEnumerable<Answer> answers) =>
        answers.Where(a => a.Status != HttpStatusCode.TooManyRequests).Select(a => a.Code ?? "?").ToHashSet();

    private static string Tally(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(a => $"{(int)a.Status} {a.Code}").Select(g => $"{g.Count()}× {g.Key}"));

    /// <summary>Refusals are written along with the next batch, unawaited: read until two reads agree.</summary>
    private static async Task<IReadOnlyList<TrailEntry>> StableTrailAsync(ApiClient organiser, string roundId)
    {
        var last = await RoundSetup.TrailAsync(organiser, roundId);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var now = await RoundSetup.TrailAsync(organiser, roundId);
            if (now.Count == last.Count)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
