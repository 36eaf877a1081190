using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Access;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Contest;

/// <summary>
/// Issue 12 §4: the audit of a finished contest — hall round and stage final — checks out, and the final hash each
/// published on the big screen is the head of its ledger stream.
/// </summary>
[Collection(Collections.Access)]
public sealed class ContestAuditTests(AccessWorld world)
{
    [Fact]
    public async Task A_finished_contests_streams_are_intact_and_their_heads_are_the_published_final_hashes()
    {
        var (id, _) = await world.FreshJudgementAsync();
        await world.PostAsync($"/api/contests/{id}/start", null);
        await world.Organiser.StepAsync(id, 1, "Shown");
        await world.Organiser.StepAsync(id, 1, "Open");
        using (var answer = await world.SendAsync(Role.Member, HttpMethod.Post, new Call($"/api/member/contests/{id}/answers",
            JsonContent.Create(new { answerId = Guid.NewGuid().ToString("N"), questionNo = 1, choice = "B" }))))
        {
            await answer.ExpectAsync(HttpStatusCode.OK);
        }

        await world.Organiser.StepAsync(id, 1, "Locked");
        await world.Organiser.StepAsync(id, 1, "Revealed");
        await world.PostAsync($"/api/contests/{id}/finish", null);
        await world.PostAsync($"/api/contests/{id}/stage/finish", null);

        var trails = await GetAsync($"/api/contests/{id}/audit?limit=5");
        Assert.Equal([$"contest:{id}", $"contest:{id}:stage"], trails.EnumerateArray().Select(t => t.GetProperty("stream").GetString()));
        foreach (var trail in trails.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, trail.GetProperty("firstBroken").ValueKind);
            Assert.True(trail.GetProperty("count").GetInt64() >= 3, trail.ToString());
            Assert.InRange(trail.GetProperty("latest").GetArrayLength(), 1, 5);
            Assert.Equal(trail.GetProperty("head").GetString(), trail.GetProperty("latest").EnumerateArray().Last().GetProperty("hash").GetString());
        }

        var hall = await GetAsync($"/api/public/contests/{id}/live");
        var stage = await GetAsync($"/api/public/contests/{id}/stage");
        Assert.Equal(trails[0].GetProperty("head").GetString(), hall.GetProperty("finalHash").GetString());
        Assert.Equal(trails[1].GetProperty("head").GetString(), stage.GetProperty("finalHash").GetString());
    }

    [Fact]
    public async Task An_unknown_contest_has_no_audit()
    {
        using var response = await world.Organiser.Http.GetAsync("/api/contests/no-such-contest/audit");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> GetAsync(string path) =>
        await Selection.Json(await world.Organiser.Http.GetAsync(path), HttpStatusCode.OK);
}
