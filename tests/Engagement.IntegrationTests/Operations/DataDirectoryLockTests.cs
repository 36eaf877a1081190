using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The running app holds its data directory (engagement.lock): a second app started on the same directory stops with
/// a sentence saying so, and the first one is unharmed. A killed app leaves no stale lock behind.
/// </summary>
[Collection(Collections.Durability)]
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task A_second_app_on_the_same_data_directory_is_refused_and_a_killed_one_leaves_no_stale_lock()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using (var first = await TestApps.StartEmbeddedAsync("lock-first", data))
        {
            var second = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApps.StartEmbeddedAsync("lock-second", data));
            Assert.Contains("is in use by another Engagement process", second.Message);
            // An operator's problem, said as one sentence with exit code 1: not a crash with a stack trace.
            Assert.Contains("exited with 1 ", second.Message);
            Assert.Contains("Engagement cannot start: The data directory", second.Message);
            Assert.DoesNotContain("Unhandled exception", second.Message);
            Assert.DoesNotContain("   at ", second.Message);

            using var organiser = await first.OrganiserAsync();
            await organiser.ShowOnScreenAsync("仍在运行");
            first.Kill();
        }

        // SIGKILL ran no shutdown code: the operating system released the lock with the process.
        await using var again = await TestApps.StartEmbeddedAsync("lock-after-kill", data);
        using var admin = await again.OrganiserAsync();
        Assert.Equal("仍在运行", (await admin.ScreenAsync()).Headline);
    }
}
