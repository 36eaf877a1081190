using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

// Two organiser actions on one voting round at the same moment (two consoles, or a double click): issue #9
// found configure and open both answering 200, the round showing Draft, and the ledger replaying it as Open.
public sealed partial class RaceTests
{
    [Fact, Step(1)]
    public async Task Configure_racing_open_reads_as_one_order_and_never_leaves_a_draft_that_replays_as_open()
    {
        var (a, b) = (await app.SignInOrganiserAsync(), await app.SignInOrganiserAsync());
        var (eventId, cases) = await RoundSetup.EventAsync(a, app.Branches, "配置与开启竞速");
        var rounds = new List<string>();
        for (var i = 0; i < Repeats; i++)
        {
            var roundId = await RoundSetup.CreateAsync(a, eventId, RoundSetup.Body(cases));
            var renamed = $"改后轮次{i}";
            var (configure, open) = await _race.AtOnceAsync(
                RoundSetup.Configure(a, roundId, RoundSetup.Body(cases, renamed, maxChoices: 2)), RoundSetup.Open(b, roundId), flip: i % 2 == 1);
            output.WriteLine($"#{i}: {configure.Brief} | {open.Brief}");

            Assert.True(open.Ok, $"Opening a configured draft must succeed whatever races it: {open}");
            var opened = open.Round();
            Assert.Equal("Open", opened.Status());
            if (configure.Ok)
            {
                // Configure went first: it saw a draft, and open then opened the new settings.
                var configured = configure.Round();
                Assert.Equal("Draft", configured.Status());
                Assert.Equal(renamed, configured.Name());
                Assert.True(opened.Name() == renamed, $"Both answered 200, but open opened the old settings: configure changed a round that was already open.\n{configure}\n{open}");
                Assert.True(opened.Revision() > configured.Revision(), $"Open answered before configure yet both succeeded.\n{configure}\n{open}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, configure.Status);
                Assert.Equal("round.not-draft", configure.Code);
                Assert.Equal(RoundSetup.FirstName, opened.Name());
            }

            var round = (await a.GetAsync($"/api/selection/rounds/{roundId}")).GetProperty("round");
            Assert.Equal("Open", round.Status());
            Assert.Equal(configure.Ok ? renamed : RoundSetup.FirstName, round.Name());
            Assert.Equal(configure.Ok ? 2 : 1, round.GetProperty("settings").GetProperty("maxChoices").GetInt32());
            Assert.Equal(opened.Revision(), round.Revision());

            var trail = await RoundSetup.TrailAsync(a, roundId);
            Assert.Equal(1, trail.Count(e => e.Status == "open"));
            Assert.Equal(configure.Ok ? 2 : 1, trail.Count(e => e.Kind == "configured"));
            rounds.Add(roundId);
        }

        await RememberRoundsAsync(a, rounds);
    }

    [Fact, Step(2)]
    public async Task A_double_click_on_open_opens_the_round_once_with_one_ledger_entry()
    {
        var console = await app.SignInOrganiserAsync();
        var (eventId, cases) = await RoundSetup.EventAsync(console, app.Branches, "重复开启竞速");
        var rounds = new List<string>();
        for (var i = 0; i < Repeats; i++)
        {
            var roundId = await RoundSetup.CreateAsync(console, eventId, RoundSetup.Body(cases));
            // The same console twice: a double click.
            var (first, second) = await _race.AtOnceAsync(RoundSetup.Open(console, roundId), RoundSetup.Open(console, roundId));
            output.WriteLine($"#{i}: {first.Brief} | {second.Brief}");

            Assert.True(first.Ok && second.Ok, $"Opening an open round is harmless and answers the open round.\n{first}\n{second}");
            Assert.Equal("Open", first.Round().Status());
            Assert.Equal("Open", second.Round().Status());
            Assert.Equal(first.Round().Revision(), second.Round().Revision());

            var round = (await console.GetAsync($"/api/selection/rounds/{roundId}")).GetProperty("round");
            Assert.Equal("Open", round.Status());
            Assert.Equal(first.Round().Revision(), round.Revision());
            Assert.Equal(1, (await RoundSetup.TrailAsync(console, roundId)).Count(e => e.Status == "open"));
            rounds.Add(roundId);
        }

        await RememberRoundsAsync(console, rounds);
    }

    [Fact, Step(3)]
    public async Task Close_racing_publish_either_publishes_the_closed_round_or_refuses_to_publish_an_open_one()
    {
        var (a, b) = (await app.SignInOrganiserAsync(), await app.SignInOrganiserAsync());
        var phone = await app.SignInMemberAsync(app.MemberCodes[0]);
        var (eventId, cases) = await RoundSetup.EventAsync(a, app.Branches, "结束与公布竞速");
        var rounds = new List<string>();
        for (var i = 0; i < Repeats; i++)
        {
            var roundId = await OpenRoundWithOneBallotAsync(a, phone, eventId, cases);
            var (close, publish) = await _race.AtOnceAsync(RoundSetup.Close(a, roundId), RoundSetup.Publish(b, roundId), flip: i % 2 == 1);
            output.WriteLine($"#{i}: {close.Brief} | {publish.Brief}");

            Assert.True(close.Ok, $"Closing an open round must succeed whatever races it: {close}");
            var closed = close.Round();
            Assert.Equal("Closed", closed.Status());
            if (publish.Ok)
            {
                // Publish came second: it published what close had closed, with the ballot counted.
                var published = publish.Round();
                Assert.Equal("Published", published.Status());
                Assert.True(published.Revision() > closed.Revision(), $"Publish answered before close yet both succeeded.\n{close}\n{publish}");
                Assert.Equal(1, published.GetProperty("results").GetProperty("ranking").EnumerateArray().Sum(r => r.GetProperty("votes").GetInt32()));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, publish.Status);
                Assert.Equal("round.not-closed", publish.Code);
            }

            var round = (await a.GetAsync($"/api/selection/rounds/{roundId}")).GetProperty("round");
            Assert.Equal(publish.Ok ? "Published" : "Closed", round.Status());
            Assert.Equal(publish.Ok ? publish.Round().Revision() : closed.Revision(), round.Revision());
            Assert.Equal(1, round.GetProperty("ballots").GetInt32());

            var trail = await RoundSetup.TrailAsync(a, roundId);
            Assert.Equal(1, trail.Count(e => e.Status == "closed"));
            Assert.Equal(publish.Ok ? 1 : 0, trail.Count(e => e.Status == "published"));
            rounds.Add(roundId);
        }

        await RememberRoundsAsync(a, rounds);
    }

    [Fact, Step(4)]
    public async Task Two_closes_at_once_close_the_round_once()
    {
        var (a, b) = (await app.SignInOrganiserAsync(), await app.SignInOrganiserAsync());
        var phone = await app.SignInMemberAsync(app.MemberCodes[1]);
        var (eventId, cases) = await RoundSetup.EventAsync(a, app.Branches, "重复结束竞速");
        var rounds = new List<string>();
        for (var i = 0; i < Repeats; i++)
        {
            var roundId = await OpenRoundWithOneBallotAsync(a, phone, eventId, cases);
            var (first, second) = await _race.AtOnceAsync(RoundSetup.Close(a, roundId), RoundSetup.Close(b, roundId));
            output.WriteLine($"#{i}: {first.Brief} | {second.Brief}");

            Assert.True(first.Ok && second.Ok, $"Closing twice is harmless.\n{first}\n{second}");
            Assert.Equal("Closed", first.Round().Status());
            Assert.Equal("Closed", second.Round().Status());
            Assert.Equal(first.Round().Revision(), second.Round().Revision());
            Assert.Equal(1, first.Round().GetProperty("ballots").GetInt32());

            var round = (await a.GetAsync($"/api/selection/rounds/{roundId}")).GetProperty("round");
            Assert.Equal("Closed", round.Status());
            Assert.Equal(first.Round().Revision(), round.Revision());
            Assert.Equal(1, (await RoundSetup.TrailAsync(a, roundId)).Count(e => e.Status == "closed"));
            rounds.Add(roundId);
        }

        await RememberRoundsAsync(a, rounds);
    }

    private static async Task<string> OpenRoundWithOneBallotAsync(ApiClient organiser, ApiClient phone, string eventId, string[] cases)
    {
        var roundId = await RoundSetup.CreateAsync(organiser, eventId, RoundSetup.Body(cases));
        await RoundSetup.ActAsync(organiser, roundId, "open");
        await (await phone.Http.PostAsJsonAsync($"/api/member/rounds/{roundId}/ballots", new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { cases[0] } }))
            .ExpectAsync(HttpStatusCode.OK);
        return roundId;
    }

    /// <summary>This test's answers came in time; what its rounds and their trails show now must survive the restart.</summary>
    private async Task RememberRoundsAsync(ApiClient organiser, IEnumerable<string> rounds, [System.Runtime.CompilerServices.CallerMemberName] string by = "")
    {
        AssertNothingWaited();
        await app.RememberViewsAsync(organiser, by, rounds.SelectMany(id => new[] { $"/api/selection/rounds/{id}", $"/api/selection/rounds/{id}/audit?limit=1000" }));
    }
}
