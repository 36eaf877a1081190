using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Tests.Selection.Conformance;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Selection;

/// <summary>
/// A round's optional closing time: the round closes itself then, by the server's clock, through a
/// reminder that survives deactivation (a restart); the organiser can move or remove it while open.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RoundClosingTimeTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Lead = RoundRules.MinClosingLead + TimeSpan.FromSeconds(1);

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    [Fact]
    public async Task A_round_deactivated_before_its_closing_time_is_closed_on_time_by_its_reminder()
    {
        var test = await TestRound.OpenAsync(fixture.Client);
        var round = fixture.Client.GetGrain<IRoundGrain>(test.RoundId);
        var due = DateTimeOffset.UtcNow + Lead;

        var set = await round.SetClosingTime(due);
        Assert.Equal(due, set.ClosesAt);
        Assert.Equal(RoundStatus.Open, set.Status);
        var live = (RoundLive)(await round.GetSnapshot()).Payload;
        Assert.Equal(due, live.ClosesAt);
        Assert.Equal(due, ((RoundPulse)(await round.GetPulse()).Payload).ClosesAt);
        await round.Vote(test.Ballot(1));

        // As after a restart: no activation holds a timer; only the reminder knows the deadline. The grain is
        // not called again until after the deadline, so the close found in the ledger is the reminder's doing.
        await fixture.Cluster.DeactivateAsync(round);
        var closed = await WaitForCloseEntryAsync(test.MainStream, due + TimeSpan.FromSeconds(20));
        Assert.Contains("closing-time", closed.Data);
        Assert.InRange(closed.At, due.AddMilliseconds(-1), due + TimeSpan.FromSeconds(5));

        var view = await round.Get();
        Assert.Equal(RoundStatus.Closed, view.Status);
        Assert.Equal(1, view.Ballots);
        var late = await Assert.ThrowsAsync<RuleViolation>(() => round.Vote(test.Ballot(2)));
        Assert.Equal("round.not-open", late.Code);
    }

    [Fact]
    public async Task An_active_round_closes_at_its_closing_time_and_refuses_ballots_after_it()
    {
        var test = await TestRound.OpenAsync(fixture.Client);
        var round = fixture.Client.GetGrain<IRoundGrain>(test.RoundId);
        var due = DateTimeOffset.UtcNow + Lead;
        await round.SetClosingTime(due);

        await Task.Delay(due - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));
        Assert.Equal(RoundStatus.Open, (await round.Get()).Status);
        await round.Vote(test.Ballot(1));

        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        var late = await Assert.ThrowsAsync<RuleViolation>(() => round.Vote(test.Ballot(2)));
        Assert.Equal("round.not-open", late.Code);
        var closed = await WaitForCloseEntryAsync(test.MainStream, due + TimeSpan.FromSeconds(10));
        Assert.InRange(closed.At, due.AddMilliseconds(-1), due + TimeSpan.FromSeconds(2));
        Assert.Equal((RoundStatus.Closed, 1), ((await round.Get()).Status, (await round.Get()).Ballots));
    }

    [Fact]
    public async Task A_closing_time_moved_later_or_removed_while_open_leaves_the_round_open_past_the_old_time()
    {
        var moved = fixture.Client.GetGrain<IRoundGrain>((await TestRound.OpenAsync(fixture.Client)).RoundId);
        var removed = fixture.Client.GetGrain<IRoundGrain>((await TestRound.OpenAsync(fixture.Client)).RoundId);
        var due = DateTimeOffset.UtcNow + Lead;
        var later = DateTimeOffset.UtcNow + TimeSpan.FromHours(2);
        await moved.SetClosingTime(due);
        await removed.SetClosingTime(due);

        Assert.Equal(later, (await moved.SetClosingTime(later)).ClosesAt);
        Assert.Null((await removed.SetClosingTime(null)).ClosesAt);
        // One of them deactivated too: its reminder must have moved with it.
        await fixture.Cluster.DeactivateAsync(moved);

        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3));
        Assert.Equal((RoundStatus.Open, later), ((await moved.Get()).Status, (await moved.Get()).ClosesAt));
        Assert.Equal((RoundStatus.Open, (DateTimeOffset?)null), ((await removed.Get()).Status, (await removed.Get()).ClosesAt));
    }

    [Fact]
    public async Task A_closing_time_in_the_past_too_far_ahead_or_on_a_closed_round_is_refused_and_changes_nothing()
    {
        var test = await TestRound.OpenAsync(fixture.Client);
        var round = fixture.Client.GetGrain<IRoundGrain>(test.RoundId);

        var past = await Assert.ThrowsAsync<RuleViolation>(() => round.SetClosingTime(DateTimeOffset.UtcNow.AddMinutes(-1)));
        var far = await Assert.ThrowsAsync<RuleViolation>(() => round.SetClosingTime(DateTimeOffset.UtcNow.AddDays(31)));
        Assert.Equal(("round.closing-time-past", ViolationKind.Invalid), (past.Code, past.Kind));
        Assert.Equal(("round.closing-time-too-far", ViolationKind.Invalid), (far.Code, far.Kind));
        Assert.Null((await round.Get()).ClosesAt);

        await round.Close();
        var closed = await Assert.ThrowsAsync<RuleViolation>(() => round.SetClosingTime(DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(("round.not-open", ViolationKind.Conflict), (closed.Code, closed.Kind));
    }

    [Fact]
    public async Task A_draft_given_a_closing_time_keeps_it_when_opened_and_closes_then()
    {
        var test = await TestRound.DraftAsync(fixture.Client);
        var round = fixture.Client.GetGrain<IRoundGrain>(test.RoundId);
        var due = DateTimeOffset.UtcNow + Lead;
        Assert.Equal(due, (await round.SetClosingTime(due)).ClosesAt);
        var opened = await round.Open(TestRound.Opening);
        Assert.Equal((RoundStatus.Open, due), (opened.Status, opened.ClosesAt));

        await WaitForCloseEntryAsync(test.MainStream, due + TimeSpan.FromSeconds(10));
        Assert.Equal(RoundStatus.Closed, (await round.Get()).Status);
    }

    public static TheoryData<int, string?> ClosingTimes => new()
    {
        { -60, "round.closing-time-past" },
        { 0, "round.closing-time-past" },
        { (int)RoundRules.MinClosingLead.TotalSeconds - 1, "round.closing-time-past" },
        { (int)RoundRules.MinClosingLead.TotalSeconds, null },
        { 3600, null },
        { (int)RoundRules.MaxClosingHorizon.TotalSeconds, null },
        { (int)RoundRules.MaxClosingHorizon.TotalSeconds + 1, "round.closing-time-too-far" },
    };

    [Theory]
    [MemberData(nameof(ClosingTimes))]
    public void A_closing_time_must_leave_the_minimum_lead_and_stay_within_the_horizon(int secondsAhead, string? refusal)
    {
        var now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var error = Record.Exception(() => RoundRules.ValidateClosingTime(now.AddSeconds(secondsAhead), now));
        Assert.Equal(refusal, (error as RuleViolation)?.Code);
    }

    private async Task<LedgerEntry> WaitForCloseEntryAsync(string stream, DateTimeOffset until)
    {
        while (true)
        {
            var entry = (await Ledger.ReadAsync(stream, CancellationToken.None)).LastOrDefault(e => e.Kind == "status" && e.Data.Contains("closed"));
            if (entry is not null)
            {
                return entry;
            }

            Assert.True(DateTimeOffset.UtcNow < until, $"{stream} was not closed by {until:O}");
            await Task.Delay(200);
        }
    }
}
