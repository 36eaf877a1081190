using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// Issue 13 §3: the hall votes, the operator runs <c>Engagement.Web backup</c> from a shell while ballots keep
/// arriving, the hall votes more, and the backup is restored onto a fresh data directory on which the app starts:
/// every ballot acknowledged before the backup started is there, none sent after it finished is, the chains verify,
/// and member codes printed before the backup still sign in (the access key came along).
/// </summary>
[Collection(Collections.Durability)]
public sealed class BackupDuringVotingTests(ITestOutputHelper output)
{
    private const int Members = 240;
    private const int FirstWave = 40;
    private const int AfterBackup = 20;

    private sealed record Cast(BackupCommand.Phone Phone, TimeSpan SentAt, TimeSpan AnsweredAt, string? Receipt);

    [Fact]
    public async Task A_backup_taken_while_the_hall_votes_restores_everything_acknowledged_before_it_and_nothing_sent_after_it()
    {
        using var temp = new TempDirectory();
        var live = Path.Combine(temp.Path, "live");
        var restored = Path.Combine(temp.Path, "restored");
        var file = Path.Combine(temp.Path, "copies", "during-voting.zip");
        var casts = new ConcurrentBag<Cast>();
        var clock = Stopwatch.StartNew();
        TimeSpan backupStarted, backupFinished;
        Selection.RoundSetup round;
        List<BackupCommand.Phone> phones;

        await using (var app = await TestApps.StartEmbeddedAsync("backup-hall", live))
        {
            using var organiser = await app.OrganiserAsync();
            await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("BK", Members, 4)), "名册.xlsx");
            var branches = (await organiser.OverviewAsync()).Branches;
            round = await organiser.OpenVoteRoundAsync(branches);
            phones = await BackupCommand.SignInAllAsync(app.Url!, organiser, branches);

            async Task VoteAsync(BackupCommand.Phone phone)
            {
                var sent = clock.Elapsed;
                var response = await BackupCommand.VoteAsync(phone, round);
                var receipt = response.StatusCode == HttpStatusCode.OK
                    ? (await Selection.Json(response, HttpStatusCode.OK)).GetProperty("receipt").GetString()
                    : null;
                casts.Add(new Cast(phone, sent, clock.Elapsed, receipt));
            }

            await Task.WhenAll(phones.Take(FirstWave).Select(VoteAsync));

            // The rest of the hall keeps tapping, four phones at a time, until the backup has finished and
            // twenty more ballots have been sent after it.
            var queue = new ConcurrentQueue<BackupCommand.Phone>(phones.Skip(FirstWave));
            var finished = TimeSpan.MaxValue;
            var hall = Enumerable.Range(0, 4).Select(async _ =>
            {
                while (casts.Count(c => c.SentAt > finished) < AfterBackup && queue.TryDequeue(out var phone))
                {
                    await VoteAsync(phone);
                    await Task.Delay(10);
                }
            }).ToList();

            await Task.Delay(300);
            backupStarted = clock.Elapsed;
            var backup = await BackupCommand.EmbeddedAsync(live, "backup", file);
            backupFinished = clock.Elapsed;
            finished = backupFinished;
            await Task.WhenAll(hall);
            output.WriteLine($"backup ran from {backupStarted} to {backupFinished}: {backup}");
            Assert.True(backup.ExitCode == 0, backup.ToString());

            // The app holds its data directory: a restore onto it is refused and changes nothing.
            var refused = await BackupCommand.EmbeddedAsync(live, "restore", file, "--force");
            Assert.True(refused.ExitCode != 0, refused.ToString());
            Assert.Contains("Stop the app first", refused.Output);
            Assert.Empty(Directory.GetDirectories(live, "before-restore-*"));

            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        var all = casts.ToList();
        Assert.All(all, c => Assert.NotNull(c.Receipt));
        var before = all.Where(c => c.AnsweredAt < backupStarted).ToList();
        var after = all.Where(c => c.SentAt > backupFinished).ToList();
        var during = all.Except(before).Except(after).ToList();
        output.WriteLine($"{before.Count} ballots acknowledged before the backup started, {during.Count} on their way during it, {after.Count} sent after it finished");
        Assert.True(before.Count > FirstWave, "No ballot of the continuing hall was acknowledged before the backup started");
        Assert.True(during.Count > 0, "No ballot was on its way while the backup ran: it did not run during voting");
        Assert.True(after.Count >= AfterBackup, $"Only {after.Count} ballots were sent after the backup finished");

        var restore = await BackupCommand.EmbeddedAsync(restored, "restore", file);
        output.WriteLine(restore.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains("every hash chain and ballot box verifies", restore.Output);

        await using (var app = await TestApps.StartEmbeddedAsync("backup-restored", restored))
        {
            using var organiser = await app.OrganiserAsync();

            // A member code printed before the backup still signs in: the access key came with it.
            using (var phone = new ApiClient(app.Url!))
            {
                await (await phone.MemberLoginAsync(phones[^1].Code)).ExpectAsync(HttpStatusCode.OK);
            }

            var (receipts, ballots) = await BackupCommand.PublishAndReadAsync(organiser, round.RoundId);
            Assert.All(before, c => Assert.Contains(c.Receipt!, receipts));
            Assert.All(after, c => Assert.DoesNotContain(c.Receipt!, receipts));
            Assert.Equal(receipts.Count, ballots);
            Assert.InRange(receipts.Count, before.Count, before.Count + during.Count);
            Assert.Subset(all.Select(c => c.Receipt!).ToHashSet(), receipts.ToHashSet());
            await BackupCommand.AssertAuditVerifiesAsync(organiser, round.RoundId, receipts.Count);

            // The contents check of the running store agrees with the round.
            var check = await BackupCommand.EmbeddedAsync(restored, "check");
            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.Contains($"ballots: {receipts.Count} ", check.Output);
            Assert.Contains("every hash chain and ballot box verifies", check.Output);
        }

        foreach (var phone in phones)
        {
            phone.Dispose();
        }
    }
}
