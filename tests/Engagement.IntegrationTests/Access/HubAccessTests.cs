using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// The live hub's two methods × every role. What the big screen shows (screens, rounds and their phone pulse, stages,
/// tournaments, matches) is public, so every role may follow it; the organisation topic (roster counts) is
/// the organiser's alone. There are no judge- or scorer-only topics: their tablets follow the public stage
/// and match topics and read their own marks and court over HTTP. Anything else is an unknown topic.
/// </summary>
[Collection(Collections.Access)]
public sealed class HubAccessTests(AccessWorld world)
{
    private static readonly string[] UnknownTopics =
    [
        "", "judge", "judge:desk", "scorer:1号场", "round:", "pulse:", "pulse:a/b", "screen:../main", "org:all", "match:only-a-tournament",
        "tournament:has space", new string('a', 81), "ROUND:x", "contest:", "final:", "contest:a/b", "final:has space", "team:t1",
    ];

    public static TheoryData<Role> Roles() => [.. Enum.GetValues<Role>()];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_follows_public_topics_and_only_the_organiser_the_organisation(Role role)
    {
        await using var client = await LiveClient.ConnectAsync(world.Url, world.Cookies(role));
        (string Topic, string Canonical)[] open =
        [
            ("screen:main", "screen:main"), ("screen:MAIN", "screen:main"),
            ($"round:{world.Vote1}", $"round:{world.Vote1}"), ($"round:{world.Live1}", $"round:{world.Live1}"),
            ($"pulse:{world.Vote1}", $"pulse:{world.Vote1}"),
            ($"stage:{world.Live1}", $"stage:{world.Live1}"), ($"stage:{world.Live2}", $"stage:{world.Live2}"),
            ($"tournament:{world.Tournament1}", $"tournament:{world.Tournament1}"),
            ($"match:{world.Tournament1}/{world.CourtMatch}", $"match:{world.Tournament1}/{world.CourtMatch}"),
            ($"contest:{world.RunningContest}", $"contest:{world.RunningContest}"), ($"final:{world.StageContest}", $"final:{world.StageContest}"),
        ];

        foreach (var (topic, canonical) in open)
        {
            var snapshot = await client.SubscribeAsync(topic);
            Assert.Equal(canonical, snapshot.GetProperty("topic").GetString());
        }

        if (role == Role.Organiser)
        {
            var roster = await client.SubscribeAsync("org");
            Assert.True(roster.GetProperty("payload").GetProperty("memberCount").GetInt32() >= 8, roster.ToString());
        }
        else
        {
            Assert.Contains("topic.unknown", (await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("org"))).Message);
        }

        foreach (var topic in UnknownTopics)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync(topic));
            Assert.Contains("topic.unknown", refused.Message);
        }

        // Leaving is always allowed, even a topic one never joined or may not join.
        foreach (var topic in open.Select(t => t.Topic).Append("org").Append("nonsense"))
        {
            await client.UnsubscribeAsync(topic);
        }
    }

    [Fact]
    public async Task The_public_stage_shows_no_judge_marks_before_the_reveal()
    {
        using var judge = new HttpClient(new HttpClientHandler { CookieContainer = world.Cookies(Role.Judge)! }) { BaseAddress = new Uri(world.Url) };
        judge.DefaultRequestHeaders.Add(AccessMatrix.CsrfHeader, "1");
        var marks = world.FullMarks.ToDictionary(c => c.Key, c => c.Value * 0.8m);
        await (await judge.PostAsJsonAsync($"/api/judge/rounds/{world.Live1}/scores", new { caseId = world.CaseOnStage1, marks })).ExpectAsync(System.Net.HttpStatusCode.OK);

        await using var screen = await LiveClient.ConnectAsync(world.Url);
        var stage = (await screen.SubscribeAsync($"stage:{world.Live1}")).GetProperty("payload");

        Assert.NotEqual("Revealed", stage.GetProperty("phase").GetString());
        Assert.True(stage.GetProperty("submitted").GetInt32() >= 1, stage.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stage.GetProperty("marks").ValueKind);
        Assert.DoesNotContain("myMarks", stage.GetRawText());
    }

    /// <summary>Issue 12: a shown question reaches the hall without its key; a stage question without its answer until judged.</summary>
    [Fact]
    public async Task The_public_contest_topics_show_no_answer_key_before_the_reveal()
    {
        await using var screen = await LiveClient.ConnectAsync(world.Url);
        var hall = (await screen.SubscribeAsync($"contest:{world.RunningContest}")).GetProperty("payload");
        Assert.Equal("Shown", hall.GetProperty("phase").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, hall.GetProperty("question").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, hall.GetProperty("reveal").ValueKind);
        Assert.DoesNotContain("\"answer\"", hall.GetRawText());
        Assert.DoesNotContain("explanation", hall.GetRawText());

        var stage = (await screen.SubscribeAsync($"final:{world.StageContest}")).GetProperty("payload");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stage.GetProperty("answer").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stage.GetProperty("explanation").ValueKind);
    }

    [Fact]
    public async Task Big_screen_topic_pushes_changes_to_anonymous_watchers()
    {
        await using var screen = await LiveClient.ConnectAsync(world.Url);
        var snapshot = await screen.SubscribeAsync("screen:main");
        Assert.Equal((await world.Organiser.ScreenAsync()).Headline, LiveClient.Headline(snapshot));

        var headline = "实时推送 " + Guid.NewGuid().ToString("N")[..6];
        await world.Organiser.ShowOnScreenAsync(headline);

        var update = await screen.WaitForAsync(u => LiveClient.Headline(u) == headline, TimeSpan.FromSeconds(10));
        Assert.True(update.HasValue, $"No update with \"{headline}\" within 10 s; got: {string.Join(" | ", screen.Updates.Select(u => u.ToString()))}");
        Assert.True(update.Value.GetProperty("version").GetInt64() > snapshot.GetProperty("version").GetInt64());
    }
}
