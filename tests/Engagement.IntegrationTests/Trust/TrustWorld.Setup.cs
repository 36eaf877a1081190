using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Trust;

/// <summary>A published round whose case titles and event name read like spreadsheet formulas, for the export tests.</summary>
public sealed partial class TrustWorld
{
    public static readonly string[] FormulaTitles = ["=HYPERLINK(\"http://evil.example\",\"点此查看\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"];

    public string Published { get; private set; } = null!;

    private async Task PublishedRoundAsync()
    {
        var eventId = (await Post("/api/selection/events", new { title = "-2+3 评选" }, HttpStatusCode.Created)).GetProperty("eventId").GetString()!;
        var caseIds = new List<string>();
        for (var i = 0; i < FormulaTitles.Length; i++)
        {
            var caseId = (await Post($"/api/selection/events/{eventId}/cases", new
            {
                branchId = Branches[i % 2].BranchId,
                title = FormulaTitles[i],
                summary = "重温入党誓词",
                themeDayDate = "2026-07-01",
                attachmentIds = Array.Empty<string>(),
            }, HttpStatusCode.Created)).GetProperty("caseId").GetString()!;
            await Post($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null });
            caseIds.Add(caseId);
        }

        Published = (await Post($"/api/selection/events/{eventId}/rounds", new
        {
            name = "=1+1",
            kind = "Vote",
            caseIds,
            minChoices = 1,
            maxChoices = 1,
            allowOwnBranch = true,
            revote = "FirstBallotFinal",
            secret = false,
            showLiveTallies = true,
            judgeWeight = 0m,
            voteWeight = 1m,
            voteMethod = "MaxNormalised",
        }, HttpStatusCode.Created)).GetProperty("roundId").GetString()!;
        await Post($"/api/selection/rounds/{Published}/open", null);
        var voter = Client();
        await Selection.Json(await voter.Http.PostAsJsonAsync("/api/auth/member", new { code = Codes[^1].Code }), HttpStatusCode.OK);
        await Selection.Json(await voter.Http.PostAsJsonAsync($"/api/member/rounds/{Published}/ballots",
            new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { caseIds[0] } }), HttpStatusCode.OK);
        await Post($"/api/selection/rounds/{Published}/close", null);
        await Post($"/api/selection/rounds/{Published}/publish", null);
    }

    /// <summary>A case file uploaded by the organiser: a PNG, or a PDF.</summary>
    public async Task<string> AttachmentAsync(bool pdf = false)
    {
        var file = pdf
            ? Access.Attachments.File([.. "%PDF-1.4\n%%EOF\n"u8], "case.pdf", "application/pdf")
            : Access.Attachments.Png();
        return (await Selection.Json(await Organiser.Http.PostAsync("/api/attachments", file), HttpStatusCode.Created)).GetProperty("attachmentId").GetString()!;
    }

    private async Task<System.Text.Json.JsonElement> Post(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Selection.Json(body is null ? await Organiser.Http.PostAsync(path, null) : await Organiser.Http.PostAsJsonAsync(path, body), expected);
}
