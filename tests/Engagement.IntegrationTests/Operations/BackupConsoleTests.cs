using System.Net;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The console's 备份 button: an organiser's POST writes a backup into the data directory's backups folder whose
/// check passes, the list shows it, the download is that file; nobody else may do any of it, and a name that is not
/// one of the backups (a path trick included) is not found.
/// </summary>
[Collection(Collections.Durability)]
public sealed class BackupConsoleTests
{
    [Fact]
    public async Task An_organiser_backs_up_from_the_console_lists_and_downloads_it_and_no_one_else_can()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using var app = await TestApps.StartEmbeddedAsync("backup-console", data);
        using var organiser = await app.OrganiserAsync("en");
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("CB", 9, 3)), "roster.xlsx");

        var made = await Selection.Json(await organiser.Http.PostAsync("/api/operations/backups", null), HttpStatusCode.Created);
        var name = made.GetProperty("name").GetString()!;
        Assert.Matches(@"^engagement-\d{8}-\d{6}\.zip$", name);
        Assert.Equal(3, made.GetProperty("contents").GetProperty("branches").GetInt32());
        Assert.True(made.GetProperty("contents").GetProperty("chainsVerified").GetBoolean());
        var onDisk = Path.Combine(data, "backups", name);
        Assert.Equal(new FileInfo(onDisk).Length, made.GetProperty("bytes").GetInt64());

        // A second one in the same second gets a name of its own; neither overwrites the other.
        var second = await Selection.Json(await organiser.Http.PostAsync("/api/operations/backups", null), HttpStatusCode.Created);
        Assert.NotEqual(name, second.GetProperty("name").GetString());

        var list = await Selection.Json(await organiser.Http.GetAsync("/api/operations/backups"), HttpStatusCode.OK);
        Assert.Contains(name, list.EnumerateArray().Select(b => b.GetProperty("name").GetString()));

        var download = await organiser.Http.GetAsync($"/api/operations/backups/{name}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var downloaded = Path.Combine(temp.Path, "downloaded.zip");
        await File.WriteAllBytesAsync(downloaded, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(await File.ReadAllBytesAsync(onDisk), await File.ReadAllBytesAsync(downloaded));
        var check = await BackupCommand.RunAsync("check", downloaded);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("branches: 3", check.Output);

        // Path tricks and unknown names: not found (never a file outside the backups folder, never a 500).
        await File.WriteAllTextAsync(Path.Combine(data, "secret.zip"), "not a backup");
        foreach (var trick in new[]
                 {
                     "..%2Faccess.key", "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2Fsecret.zip", "secret.zip", "access.key",
                     "engagement-20200101-000000.zip", name.Replace(".zip", ".ZIP"), name + "%00.txt", "..%5Csecret.zip",
                 })
        {
            var response = await organiser.Http.GetAsync($"/api/operations/backups/{trick}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{trick}: {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("not a backup", body);
            Assert.DoesNotContain((await File.ReadAllTextAsync(Path.Combine(data, "access.key"))).Trim(), body);
        }

        var unknown = await organiser.Http.GetAsync("/api/operations/backups/engagement-20200101-000000.zip");
        Assert.Equal("backup.not-found", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        // Members, and anyone not signed in, may not make, list or fetch backups.
        using var anonymous = new ApiClient(app.Url!);
        using var member = new ApiClient(app.Url!);
        var branch = (await organiser.OverviewAsync()).Branches[0];
        await (await member.MemberLoginAsync((await organiser.CodesAsync(branch.BranchId)).Codes[0].Code)).ExpectAsync(HttpStatusCode.OK);
        foreach (var (client, status) in new[] { (anonymous, HttpStatusCode.Unauthorized), (member, HttpStatusCode.Forbidden) })
        {
            Assert.Equal(status, (await client.Http.PostAsync("/api/operations/backups", null)).StatusCode);
            Assert.Equal(status, (await client.Http.GetAsync("/api/operations/backups")).StatusCode);
            Assert.Equal(status, (await client.Http.GetAsync($"/api/operations/backups/{name}")).StatusCode);
        }

        Assert.Equal(2, Directory.GetFiles(Path.Combine(data, "backups")).Length);
    }
}
