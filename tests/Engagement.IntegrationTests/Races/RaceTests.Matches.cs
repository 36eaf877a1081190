using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

// A scorer's tap racing an organiser's change to the same match (issue #9: match and tournament called each
// other, so such a tap waited for the silo's timeout). Nothing may wait; the tap and the change read as one
// order; the tap's answer, the match, the bracket and the ledger agree.
public sealed partial class RaceTests
{
    private static readonly DateTimeOffset Morning = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact, Step(7)]
    public async Task Correcting_a_quarter_final_while_its_semi_final_is_tapped_neither_waits_nor_answers_a_tap_it_did_not_keep()
    {
        var organiser = await app.SignInOrganiserAsync();
        var watched = new List<(string Tournament, string Match)>();
        // More than five: the narrowest window (the semi-final's first tap reporting while the correction runs) is hit only now and then.
        for (var i = 0; i < 2 * Repeats; i++)
        {
            var id = await Knockouts.StartAsync(organiser, $"更正竞速{i}", teams: 8);
            var court = $"更正{i}号场";
            var semi = (await Knockouts.ViewAsync(organiser, id)).Round(2)[0].Id();
            var sources = (await Knockouts.ViewAsync(organiser, id)).Fixture(semi);
            var (qf1, qf2) = (sources.GetProperty("sourceA").GetString()![2..], sources.GetProperty("sourceB").GetString()![2..]);
            await Knockouts.ScheduleAsync(organiser, id, qf1, court, Morning);
            await Knockouts.ScheduleAsync(organiser, id, qf2, court, Morning.AddHours(1));
            await Knockouts.ScheduleAsync(organiser, id, semi, court, Morning.AddHours(2));
            var scorer = await Knockouts.ScorerAsync(app, organiser, id, court);
            var quarter = await Knockouts.ScoreAsync(scorer, qf1, "Forfeit", "A");
            await Knockouts.ScoreAsync(scorer, qf2, "Forfeit", "A");
            var loser = quarter.GetProperty("teamA").GetString()!;
            Assert.NotEqual(loser, quarter.GetProperty("winner").GetString());
            var oldTeams = (await Knockouts.ViewAsync(organiser, id)).Fixture(semi).Teams();

            // Every other time the semi-final is already under way, so the correction must reset it; else the tap is its first.
            var before = i % 2 == 0 ? 0 : 2;
            for (var r = 0; r < before; r++)
            {
                await Knockouts.ScoreAsync(scorer, semi, "Rally", "A");
            }

            var (correct, tap) = await _race.AtOnceAsync(Knockouts.Correct(organiser, id, qf1, loser), Knockouts.Tap(scorer, semi), flip: i / 2 % 2 == 1);
            output.WriteLine($"#{i} (semi-final had {before} rallies): {correct.Brief} | {tap.Brief}");

            Assert.True(correct.Ok, $"A finished quarter-final can always be corrected: {correct}");
            Assert.Equal(loser, correct.Json.Fixture(qf1).GetProperty("winner").GetString());
            var newTeams = correct.Json.Fixture(semi).Teams();
            Assert.Contains(loser, new[] { newTeams.A, newTeams.B });
            Assert.NotEqual(oldTeams, newTeams);

            // Where the tap landed is in the match's ledger: after the corrected semi-final was prepared, or before.
            var matchTrail = (await app.LedgerAsync($"match:{id}/{semi}")).ToList();
            var lastPrepare = matchTrail.FindLastIndex(e => e.Kind == "prepare");
            var prepared = JsonDocument.Parse(matchTrail[lastPrepare].Data).RootElement;
            Assert.Equal(newTeams, (prepared.GetProperty("TeamA").GetString(), prepared.GetProperty("TeamB").GetString()));
            var tapKept = matchTrail.Skip(lastPrepare + 1).Any(e => e.Kind == "Rally");
            output.WriteLine($"    the tap landed {(tapKept ? "after the correction, on the corrected semi-final" : "before the correction, on the old one")}");
            if (tap.Ok)
            {
                // A 200 shows the match with the tap in it: the old semi-final one rally on, or the corrected one at 1:0.
                var (teams, points) = tapKept ? (newTeams, (1, 0)) : (oldTeams, (before + 1, 0));
                Assert.True(tap.Json.Teams() == teams && tap.Json.Points() == points,
                    $"The tap answered 200 with a match that does not hold it (expected {teams} at {points}; the tap landed {(tapKept ? "after" : "before")} the correction).\ntap: {tap}\ncorrection: {correct.Brief}");
            }
            else
            {
                // The semi-final is ready to play before the correction and after it: in neither order may its
                // scorer be refused. A refusal means the tap saw the correction half done (reset, not yet prepared).
                Assert.False(tapKept, $"A refused tap was written to the match's ledger: {tap}");
                Assert.Fail($"The tap was refused though the semi-final is playable before and after the correction: it fell between the reset and the new prepare.\ntap: {tap}\ncorrection: {correct.Brief}");
            }

            var match = await Knockouts.MatchAsync(organiser, id, semi);
            var fixture = (await Knockouts.ViewAsync(organiser, id)).Fixture(semi);
            Assert.Equal(newTeams, match.Teams());
            Assert.Equal(newTeams, fixture.Teams());
            if (tapKept)
            {
                Assert.True(tap.Json.Canonical() == match.Canonical(), $"The match does not show the tap's answer.\ntap: {tap}\nmatch: {match}");
            }
            else
            {
                // The correction cleared the semi-final, whatever the tap had added to it.
                Assert.Equal("NotStarted", match.Status());
                Assert.Equal((0, 0), match.Points());
                Assert.Empty(match.GetProperty("sets").EnumerateArray());
            }

            Assert.Equal(tapKept ? "Running" : "Ready", fixture.Status());
            Assert.Single(await app.LedgerAsync($"tournament:{id}"), e => e.Kind == "correction");
            watched.Add((id, semi));
        }

        await RememberMatchesAsync(organiser, watched);
    }

    [Fact, Step(8)]
    public async Task Rescheduling_a_match_while_its_scorer_taps_neither_waits_nor_loses_the_tap_and_the_match_shows_its_new_court()
    {
        var organiser = await app.SignInOrganiserAsync();
        var watched = new List<(string Tournament, string Match)>();
        for (var i = 0; i < Repeats; i++)
        {
            var id = await Knockouts.StartAsync(organiser, $"改期竞速{i}", teams: 4);
            var court = $"改期{i}号场";
            var semi = (await Knockouts.ViewAsync(organiser, id)).Round(1)[0].Id();
            await Knockouts.ScheduleAsync(organiser, id, semi, court, Morning);
            var scorer = await Knockouts.ScorerAsync(app, organiser, id, court);
            var before = i % 2 == 0 ? 2 : 0;
            for (var r = 0; r < before; r++)
            {
                await Knockouts.ScoreAsync(scorer, semi, "Rally", "A");
            }

            // Half the time the match moves to another court (the scorer may then be refused), else only its time.
            var moves = i / 2 % 2 == 1;
            var (newCourt, newTime) = (moves ? $"改期{i}号副场" : court, Morning.AddMinutes(30));
            var (schedule, tap) = await _race.AtOnceAsync(Knockouts.Schedule(organiser, id, semi, newCourt, newTime), Knockouts.Tap(scorer, semi), flip: i % 3 == 1);
            output.WriteLine($"#{i} (had {before} rallies, {(moves ? "new court" : "new time")}): {schedule.Brief} | {tap.Brief}");

            Assert.True(schedule.Ok, $"A match can always be rescheduled: {schedule}");
            Assert.Equal(newCourt, schedule.Json.Fixture(semi).GetProperty("court").GetString());
            Assert.True(tap.Ok || (moves && tap.Code == "match.not-on-court"), $"The tap must be scored, or refused only because the match left the court: {tap}");
            var rallies = before + (tap.Ok ? 1 : 0);
            if (tap.Ok)
            {
                Assert.Equal((rallies, 0), tap.Json.Points());
            }

            var match = await Knockouts.MatchAsync(organiser, id, semi);
            var fixture = (await Knockouts.ViewAsync(organiser, id)).Fixture(semi);
            Assert.Equal((rallies, 0), match.Points());
            Assert.Equal(rallies, (await app.LedgerAsync($"match:{id}/{semi}")).Count(e => e.Kind == "Rally"));
            Assert.Equal(newCourt, fixture.GetProperty("court").GetString());
            Assert.Equal(newTime, fixture.GetProperty("startsAt").GetDateTimeOffset());
            Assert.Equal(rallies > 0 ? "Running" : "Ready", fixture.Status());
            Assert.True(match.GetProperty("court").GetString() == newCourt,
                $"The bracket puts {semi} on {newCourt} but the match itself says {match.GetProperty("court")} (it had {rallies} rallies).\nschedule: {schedule.Brief}\ntap: {tap.Brief}\nmatch: {match}");
            watched.Add((id, semi));
        }

        await RememberMatchesAsync(organiser, watched);
    }

    /// <summary>This test's answers came in time; its brackets, matches and their ledgers must survive the restart as they are now.</summary>
    private async Task RememberMatchesAsync(ApiClient organiser, IReadOnlyList<(string Tournament, string Match)> watched, [System.Runtime.CompilerServices.CallerMemberName] string by = "")
    {
        AssertNothingWaited();
        await app.RememberViewsAsync(organiser, by,
            watched.SelectMany(w => new[] { $"/api/public/tournaments/{w.Tournament}", $"/api/public/tournaments/{w.Tournament}/matches/{w.Match}" }));
        await app.RememberTrailsAsync(by, watched.SelectMany(w => new[] { $"tournament:{w.Tournament}", $"match:{w.Tournament}/{w.Match}" }));
    }
}
