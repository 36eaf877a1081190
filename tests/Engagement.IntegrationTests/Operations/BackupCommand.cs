using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The web host's operator commands (<c>backup</c>, <c>restore</c>, <c>check</c>) run as an operator runs them: a separate
/// <c>dotnet Engagement.Web.dll …</c> process from the built output, with the same content root and data directory
/// setting as the app under test.
/// </summary>
public static class BackupCommand
{
    public sealed record Run(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}:\n{Output}";
    }

    public static Task<Run> EmbeddedAsync(string dataDirectory, params string[] args) =>
        RunAsync([.. args, "--Engagement:DataDirectory", dataDirectory]);

    public static async Task<Run> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppProcess.RepoRoot, "src", "Web", "bin", AppProcess.Configuration, "net10.0", "Engagement.Web.dll");
        Assert.True(File.Exists(dll), $"Build src/Web ({AppProcess.Configuration}) first: {dll} is missing.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.Combine(AppProcess.RepoRoot, "src", "Web"));
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Run(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A member's phone: signed in with the code from the code sheet, one ballot id of its own.</summary>
    public sealed record Phone(string MemberNo, string BranchId, string Code, int Index, ApiClient Client) : IDisposable
    {
        public string BallotId { get; } = Guid.NewGuid().ToString("N");

        public void Dispose() => Client.Dispose();
    }

    public static async Task<List<Phone>> SignInAllAsync(string url, ApiClient organiser, IReadOnlyList<BranchDto> branches)
    {
        var phones = new List<Phone>();
        foreach (var branch in branches)
        {
            foreach (var card in (await organiser.CodesAsync(branch.BranchId)).Codes)
            {
                var client = new ApiClient(url);
                await (await client.MemberLoginAsync(card.Code)).ExpectAsync(HttpStatusCode.OK);
                phones.Add(new Phone(card.MemberNo, branch.BranchId, card.Code, phones.Count, client));
            }
        }

        return phones;
    }

    /// <summary>The receipts of a published round, and its ballot count as the organiser sees it.</summary>
    public static async Task<(List<string> Receipts, int Ballots)> PublishAndReadAsync(ApiClient organiser, string roundId)
    {
        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/close", null), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/publish", null), HttpStatusCode.OK);
        var receipts = (await Selection.Json(await organiser.Http.GetAsync($"/api/rounds/{roundId}/receipts"), HttpStatusCode.OK))
            .EnumerateArray().Select(r => r.GetString()!).ToList();
        var details = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{roundId}"), HttpStatusCode.OK);
        return (receipts, details.GetProperty("round").GetProperty("ballots").GetInt32());
    }

    /// <summary>The round's audit trails as the organiser's audit page reads them: every chain must verify.</summary>
    public static async Task AssertAuditVerifiesAsync(ApiClient organiser, string roundId, int expectedBallots)
    {
        var trails = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{roundId}/audit"), HttpStatusCode.OK);
        Assert.NotEmpty(trails.EnumerateArray());
        foreach (var trail in trails.EnumerateArray())
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, trail.GetProperty("firstBroken").ValueKind);
        }

        var main = trails.EnumerateArray().Single(t => t.GetProperty("stream").GetString() == $"round:{roundId}");
        Assert.True(main.GetProperty("count").GetInt64() >= expectedBallots, $"The round's chain holds fewer entries than its {expectedBallots} ballots");
    }

    public static Task<HttpResponseMessage> VoteAsync(Phone phone, Selection.RoundSetup round) =>
        phone.Client.Http.PostAsJsonAsync($"/api/member/rounds/{round.RoundId}/ballots",
            new { ballotId = phone.BallotId, choices = round.ChoicesFor(phone.BranchId, phone.Index) });
}
