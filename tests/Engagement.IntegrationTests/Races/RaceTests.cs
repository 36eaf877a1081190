using Engagement.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Races;

/// <summary>
/// Issue #9 over HTTP, against the real app process: every pair of state-changing calls that can meet on
/// one round, stage or match is sent at the same moment, on five fresh objects each. For each pair the two
/// answers must read as one action after the other, the view must agree with the answers, the audit or
/// ledger must hold each change once, and no request may wait (a wait for the silo's 15 s response timeout
/// is what the call cycle between match and tournament produced). Each race remembers what it was shown;
/// the last step kills the app (SIGKILL) and starts it on the same data, and everything must read the same.
/// Run the class as a whole: the restart step checks what the races before it remembered.
/// </summary>
[Collection(RacesCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class RaceTests(RaceApp app, ITestOutputHelper output) : IClassFixture<RaceApp>
{
    private const int Repeats = 5;

    /// <summary>This test's requests (each test gets its own instance); they count in the class's whole race too.</summary>
    private readonly Race _race = new(app.Race);

    [Fact, Step(100)]
    public async Task Everything_the_races_showed_is_replayed_unchanged_after_SIGKILL_and_restart()
    {
        Assert.True(app.Views.Count > 0, "No race ran before this step: run the whole class.");
        var organiser = await app.SignInOrganiserAsync();
        var took = await app.KillAndRestartAsync();
        var resumed = app.Resume(organiser);
        output.WriteLine($"Killed and started again in {took.TotalSeconds:F1} s.");

        var changed = new List<string>();
        foreach (var view in app.Views)
        {
            var now = (await resumed.GetAsync(view.What)).Canonical();
            if (now != view.Seen)
            {
                changed.Add($"[{view.By}] GET {view.What}\n  before: {view.Seen}\n  after:  {now}");
            }
        }

        // The reads above activated every grain again (a match re-sends what it owes): the trails must not have grown.
        foreach (var trail in app.Trails)
        {
            var now = RaceApp.Describe(await app.LedgerAsync(trail.What));
            if (now != trail.Seen)
            {
                changed.Add($"[{trail.By}] ledger {trail.What}\n  before: {trail.Seen.Replace("\n", "\n          ")}\n  after:  {now.Replace("\n", "\n          ")}");
            }
        }

        output.WriteLine($"{app.Views.Count} views and {app.Trails.Count} ledger streams compared.");
        Assert.True(changed.Count == 0, $"{changed.Count} of them changed across the restart:\n{string.Join("\n", changed)}");

        foreach (var (by, check) in app.AfterRestartChecks)
        {
            output.WriteLine($"After the restart: {by}");
            await check(resumed, output);
        }

        output.WriteLine($"{app.Race.Answers.Count} requests sent by the races in all; slowest: {app.Race.Slowest.Brief}");
        app.Race.AssertNothingWaited();
    }

    /// <summary>This test's requests all came in time; the log gets the slowest.</summary>
    private void AssertNothingWaited()
    {
        output.WriteLine($"{_race.Answers.Count} requests; slowest: {_race.Slowest.Brief}");
        _race.AssertNothingWaited();
    }
}
