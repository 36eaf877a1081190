using System.Text.Json;
using Engagement.Ledger;
using Engagement.Selection;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// The voting guarantees, written once and run against every storage backend (after the OpenSlides
/// vote service's conformance suite). Each test opens its own round through the grain API; a
/// "restart" makes the round come back from the backend alone.
/// </summary>
public abstract class VotingConformance(VotingBackend backend)
{
    private IRoundGrain Round(TestRound r) => backend.Grains.GetGrain<IRoundGrain>(r.RoundId);

    private Task Restart(TestRound r) => backend.RestartAsync(Round(r));

    private Task<RoundView> Publish(TestRound r) => backend.Grains.GetGrain<ISelectionEventGrain>(r.EventId).PublishRound(r.RoundId, confirmUnscored: false);

    [Fact]
    public async Task A_closing_time_set_before_a_restart_closes_the_round_on_time_after_it_and_late_ballots_are_refused()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var due = DateTimeOffset.UtcNow + RoundRules.MinClosingLead + TimeSpan.FromSeconds(3);
        await Round(r).SetClosingTime(due);
        var counted = await Round(r).Vote(r.Ballot(1));

        await Restart(r);
        // Not a call to the round until the close is in the store: only its reminder can have closed it.
        LedgerEntry? closed = null;
        while (closed is null)
        {
            Assert.True(DateTimeOffset.UtcNow < due + TimeSpan.FromSeconds(30), $"{r.RoundId} was not closed by its closing time {due:O}");
            await Task.Delay(250);
            closed = (await backend.Ledger.ReadAsync(r.MainStream, CancellationToken.None)).LastOrDefault(e => e.Kind == "status" && e.Data.Contains("closing-time"));
        }

        Assert.InRange(closed.At, due.AddMilliseconds(-1), due + TimeSpan.FromSeconds(5));
        var view = await Round(r).Get();
        Assert.Equal((RoundStatus.Closed, 1, due), (view.Status, view.Ballots, view.ClosesAt!.Value));
        var late = await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(2)));
        Assert.Equal("round.not-open", late.Code);
        Assert.Equal(counted.Receipt, (await Round(r).Vote(r.Ballot(1))).Receipt);
        await AssertChainIntact(r.MainStream);
    }

    [Fact]
    public async Task Two_hundred_concurrent_ballots_from_distinct_members_count_exactly_two_hundred_also_after_a_restart()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var ballots = Enumerable.Range(0, 200).Select(i => r.Ballot(i)).ToList();

        var receipts = await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));

        var outcomes = ballots.Zip(receipts, (b, x) => new BallotOutcomeSeen(b, x, null)).ToList();
        Assert.Equal(200, receipts.Select(x => x.Receipt).Distinct().Count());
        Assert.All(receipts, x => Assert.False(x.Replaced));
        await AssertCountedExactly(r, outcomes);

        await Restart(r);
        await AssertCountedExactly(r, outcomes);
        // Sent again after the restart, every ballot is recognised: the same receipt, nothing counted twice.
        var again = await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));
        Assert.Equal(receipts.Select(x => x.Receipt), again.Select(x => x.Receipt));
        await AssertCountedExactly(r, outcomes);
        var main = await AssertChainIntact(r.MainStream);
        Assert.Equal(receipts.Select(x => x.Receipt).Order(), main.Where(e => e.Kind == "ballot").Select(e => e.Receipt!).Order());
    }

    [Fact]
    public async Task The_same_ballot_sent_five_times_concurrently_or_in_turn_counts_once_with_one_receipt()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var together = r.Ballot(1);
        var inTurn = r.Ballot(2);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Round(r).Vote(together)));
        var sequential = new List<BallotReceipt>();
        for (var i = 0; i < 5; i++)
        {
            sequential.Add(await Round(r).Vote(inTurn));
        }

        Assert.Single(concurrent.Select(x => x.Receipt).Distinct());
        Assert.Single(sequential.Select(x => x.Receipt).Distinct());
        Assert.NotEqual(concurrent[0].Receipt, sequential[0].Receipt);
        await AssertCountedExactly(r, [new(together, concurrent[0], null), new(inTurn, sequential[0], null)]);
        var written = (await AssertChainIntact(r.MainStream)).Where(e => e.Kind == "ballot").ToList();
        Assert.Equal([TestRound.MemberNo(1), TestRound.MemberNo(2)], written.Select(e => e.Actor!).Order());
    }

    /// <summary>
    /// A ballot id sent again with other choices is not a retry: it is refused (ballot.id-reused, 422 over HTTP)
    /// and the first choices stay counted; the same ballot again still gets its receipt and its stored choices.
    /// </summary>
    [Theory]
    [InlineData(RevotePolicy.FirstBallotFinal, false)]
    [InlineData(RevotePolicy.LastBallotCounts, false)]
    [InlineData(RevotePolicy.FirstBallotFinal, true)]
    public async Task A_ballot_id_sent_again_with_other_choices_is_refused_and_the_first_choices_stay_counted_also_after_a_restart(RevotePolicy revote, bool secret)
    {
        var r = await TestRound.OpenAsync(backend.Grains, revote, secret);
        var ballot = r.Ballot(5);
        var other = ballot with { Choices = [r.CaseIds.First(c => !ballot.Choices.Contains(c))] };
        var first = await Round(r).Vote(ballot);

        for (var pass = 0; pass < 2; pass++)
        {
            var refused = await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(other));
            Assert.Equal(("ballot.id-reused", ViolationKind.Invalid), (refused.Code, refused.Kind));
            var again = await Round(r).Vote(ballot);
            Assert.Equal(first.Receipt, again.Receipt);
            Assert.Equal(ballot.Choices, again.Choices);
            Assert.Equal(1, (await Round(r).Get()).Ballots);
            if (!secret)
            {
                Assert.Equal(Sorted(r.TallyOf([ballot])), Sorted(await Round(r).GetTally()));
            }

            await Restart(r);
        }

        // A secret round's tally leaves the grain only once it is closed: then it holds the first choices.
        await Round(r).Close();
        Assert.Equal(Sorted(r.TallyOf([ballot])), Sorted(await Round(r).GetTally()));
    }

    [Fact]
    public async Task Under_first_ballot_final_another_ballot_from_the_same_member_is_refused_also_after_a_restart()
    {
        var r = await TestRound.OpenAsync(backend.Grains, RevotePolicy.FirstBallotFinal);
        var first = await Round(r).Vote(r.Ballot(7));

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(7, variant: 1)));

        Assert.Equal(("ballot.already-voted", ViolationKind.Conflict), (refused.Code, refused.Kind));
        await AssertCountedExactly(r, [new(r.Ballot(7), first, null)]);
        await Restart(r);
        var afterRestart = await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(7, variant: 2)));
        Assert.Equal("ballot.already-voted", afterRestart.Code);
        Assert.Equal(first.Receipt, (await Round(r).Vote(r.Ballot(7))).Receipt);
        await AssertCountedExactly(r, [new(r.Ballot(7), first, null)]);
        await Round(r).Close(); // written after every refusal queued before it
        var refusals = (await AssertChainIntact(r.MainStream)).Where(e => e.Kind == "refused" && e.Actor == TestRound.MemberNo(7)).ToList();
        // A member's refusals for one reason are recorded once, before and after the restart alike:
        // the audit trail shows that they tried, and a phone that keeps trying cannot grow the ledger.
        Assert.Equal(1, refusals.Count(e => e.Data.Contains("ballot.already-voted")));
    }

    [Fact]
    public async Task Under_last_ballot_counts_another_ballot_replaces_the_first_also_after_a_restart()
    {
        var r = await TestRound.OpenAsync(backend.Grains, RevotePolicy.LastBallotCounts);
        var bystander = new BallotOutcomeSeen(r.Ballot(0), await Round(r).Vote(r.Ballot(0)), null);
        var first = await Round(r).Vote(r.Ballot(5));

        var second = await Round(r).Vote(r.Ballot(5, variant: 1));

        Assert.Equal((false, true), (first.Replaced, second.Replaced));
        Assert.NotEqual(first.Receipt, second.Receipt);
        await AssertCountedExactly(r, [bystander, new(r.Ballot(5, 1), second, null)]);
        await Restart(r);
        await AssertCountedExactly(r, [bystander, new(r.Ballot(5, 1), second, null)]);
        var third = await Round(r).Vote(r.Ballot(5, variant: 2));
        Assert.True(third.Replaced);
        Assert.Equal(r.Ballot(5, 2).Choices, third.Choices);
        await AssertCountedExactly(r, [bystander, new(r.Ballot(5, 2), third, null)]);
        await Round(r).Close();
        await Publish(r);
        // Only the member's last ballot is among the published receipts.
        Assert.Equal(new[] { bystander.Receipt!.Receipt, third.Receipt }.Order(StringComparer.Ordinal), await Round(r).GetReceipts());
        await AssertChainIntact(r.MainStream);
    }

    [Fact]
    public async Task While_a_close_is_being_written_the_round_never_reports_closed_with_ballots_still_to_count()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var votes = Enumerable.Range(0, 150).Select(i => BallotOutcomeSeen.Of(r.Ballot(i), Round(r).Vote(r.Ballot(i)))).ToList();
        var closing = Round(r).Close();
        var seen = new List<RoundView>();
        while (!closing.IsCompleted)
        {
            seen.Add(await Round(r).Get());
        }

        var outcomes = await Task.WhenAll(votes);
        var acked = outcomes.Count(o => o.Receipt is not null);
        // Publishing reads the round once it says Closed: at that moment every acknowledged ballot must be in it.
        Assert.All(seen.Where(v => v.Status == RoundStatus.Closed), v => Assert.Equal(acked, v.Ballots));
        Assert.Equal(acked, (await closing).Ballots);
    }

    [Fact]
    public async Task Ballots_racing_the_close_are_either_counted_with_a_receipt_or_refused_never_acknowledged_and_lost()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var votes = new List<Task<BallotOutcomeSeen>>();
        void Send(int member) => votes.Add(BallotOutcomeSeen.Of(r.Ballot(member), Round(r).Vote(r.Ballot(member))));

        // A hundred ballots on their way: once one is acknowledged, the rest are still being decided or written…
        Enumerable.Range(0, 100).ToList().ForEach(Send);
        await Task.WhenAny(votes);
        // …when the close comes, among a hundred and fifty more…
        Task<RoundView>? closing = null;
        for (var i = 100; i < 250; i++)
        {
            closing = i == 150 ? Round(r).Close() : closing;
            Send(i);
        }

        var closed = await closing!;
        // …and fifty come after it.
        Enumerable.Range(250, 50).ToList().ForEach(Send);
        var outcomes = await Task.WhenAll(votes);

        Assert.All(outcomes, o => Assert.True(o.Receipt is not null || o.Refusal == "round.not-open", $"{o.Ballot.MemberNo}: {o.Refusal}"));
        var acked = outcomes.Where(o => o.Receipt is not null).ToList();
        Assert.InRange(acked.Count, 1, 250);
        Assert.Equal((RoundStatus.Closed, acked.Count), (closed.Status, closed.Ballots));
        await AssertCountedExactly(r, outcomes);
        await Restart(r);
        Assert.Equal(RoundStatus.Closed, (await Round(r).Get()).Status);
        await AssertCountedExactly(r, outcomes);
        await Publish(r);
        Assert.Equal(acked.Select(o => o.Receipt!.Receipt).Order(StringComparer.Ordinal), await Round(r).GetReceipts());
        var main = await AssertChainIntact(r.MainStream);
        var closedAt = main.Single(e => e.Kind == "status" && e.Data.Contains("closed")).Seq;
        Assert.Equal(acked.Count, main.Count(e => e.Kind == "ballot" && e.Seq < closedAt));
        Assert.DoesNotContain(main, e => e.Kind == "ballot" && e.Seq > closedAt);
    }

    [Fact]
    public async Task Closes_racing_ballots_and_each_other_all_report_the_count_that_was_kept()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var votes = new List<Task<BallotOutcomeSeen>>();
        var closes = new List<Task<RoundView>>();
        void Send(int member) => votes.Add(BallotOutcomeSeen.Of(r.Ballot(member), Round(r).Vote(r.Ballot(member))));

        Enumerable.Range(0, 100).ToList().ForEach(Send);
        await Task.WhenAny(votes);
        for (var i = 100; i < 200; i++)
        {
            if (i is 100 or 101 or 102 or 150)
            {
                closes.Add(Round(r).Close());
            }

            Send(i);
        }

        var views = await Task.WhenAll(closes);
        var outcomes = await Task.WhenAll(votes);

        Assert.All(outcomes, o => Assert.True(o.Receipt is not null || o.Refusal == "round.not-open", $"{o.Ballot.MemberNo}: {o.Refusal}"));
        var kept = outcomes.Count(o => o.Receipt is not null);
        Assert.InRange(kept, 1, 200);
        Assert.Equal(Enumerable.Repeat((RoundStatus.Closed, kept), closes.Count), views.Select(v => (v.Status, v.Ballots)));
        await AssertCountedExactly(r, outcomes);
    }

    [Fact]
    public async Task Closing_again_or_after_a_restart_reports_the_same_tally_and_late_ballots_stay_refused()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var ballots = Enumerable.Range(0, 30).Select(i => r.Ballot(i)).ToList();
        var receipts = await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));

        var first = await Round(r).Close();
        var tally = Sorted(await Round(r).GetTally());
        var second = await Round(r).Close();

        Assert.Equal((RoundStatus.Closed, 30), (first.Status, first.Ballots));
        Assert.Equal(Sorted(r.TallyOf(ballots)), tally);
        Assert.Equal((first.Status, first.Ballots, first.Revision), (second.Status, second.Ballots, second.Revision));
        Assert.Equal(tally, Sorted(await Round(r).GetTally()));
        await Restart(r);
        var third = await Round(r).Close();
        Assert.Equal((RoundStatus.Closed, 30), (third.Status, third.Ballots));
        Assert.Equal(tally, Sorted(await Round(r).GetTally()));
        Assert.Equal("round.not-open", (await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(99)))).Code);
        Assert.Equal(receipts[3].Receipt, (await Round(r).Vote(ballots[3])).Receipt); // a late retry of a counted ballot
        Assert.Equal(30, (await Round(r).Get()).Ballots);
        var statuses = (await AssertChainIntact(r.MainStream)).Where(e => e.Kind == "status").Select(e => e.Data).ToList();
        Assert.Single(statuses, s => s.Contains("closed"));
    }

    [Fact]
    public async Task A_secret_round_keeps_its_tally_in_the_grain_until_it_closes_and_shows_only_turnout()
    {
        var r = await TestRound.OpenAsync(backend.Grains, secret: true);
        Assert.Null(await Round(r).GetTally()); // nothing to hide yet, and nothing shown either
        var ballots = Enumerable.Range(0, 5).Select(i => r.Ballot(i)).ToList();
        await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));

        var open = await Round(r).GetTally();
        var live = (RoundLive)(await Round(r).GetSnapshot()).Payload;
        var pulse = (RoundPulse)(await Round(r).GetPulse()).Payload;

        Assert.Null(open);
        Assert.Null(live.Tally);
        Assert.Null(pulse.Tally);
        Assert.Equal((5, 5), (live.Ballots, pulse.Ballots)); // turnout is shown
        await Round(r).Close();
        Assert.Equal(Sorted(r.TallyOf(ballots)), Sorted(await Round(r).GetTally()));
    }

    [Fact]
    public async Task An_open_round_that_is_not_secret_shows_the_organiser_its_tally()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var ballots = Enumerable.Range(0, 5).Select(i => r.Ballot(i)).ToList();
        await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));

        Assert.Equal(Sorted(r.TallyOf(ballots)), Sorted(await Round(r).GetTally()));
    }

    [Fact]
    public async Task A_secret_round_rebuilds_tally_and_turnout_from_its_two_streams_and_keeps_members_off_the_ballot_stream()
    {
        var r = await TestRound.OpenAsync(backend.Grains, secret: true);
        var ballots = Enumerable.Range(0, 23).Select(i => r.Ballot(i)).ToList(); // 6, 6, 6 and 5 per branch
        var receipts = await Task.WhenAll(ballots.Select(b => Round(r).Vote(b)));
        var tally = Sorted(r.TallyOf(ballots));
        (string, int)[] turnout = [("b1", 6), ("b2", 6), ("b3", 6), ("b4", 5)];
        Assert.Null(await Round(r).GetTally()); // turnout only until close
        Assert.Equal(turnout, await Turnout(r));

        await Restart(r);

        Assert.Equal(23, (await Round(r).Get()).Ballots);
        Assert.Null(await Round(r).GetTally());
        Assert.Equal(turnout, await Turnout(r));
        var view = await Round(r).GetMemberView(TestRound.MemberNo(0));
        Assert.True(view.HasVoted);
        Assert.Null(view.Receipt);
        Assert.Null(view.Choices);
        Assert.False((await Round(r).GetMemberView(TestRound.MemberNo(23))).HasVoted);
        Assert.Equal(receipts[0].Receipt, (await Round(r).Vote(ballots[0])).Receipt);
        Assert.Equal("ballot.already-voted", (await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(0, 1)))).Code);
        await Round(r).Close();
        Assert.Equal(tally, Sorted(await Round(r).GetTally())); // rebuilt from the box after the restart

        var main = await AssertChainIntact(r.MainStream);
        var voters = await AssertChainIntact(r.VoterStream);
        var box = await AssertBoxIntact(r.BoxStream);
        var members = ballots.Select(b => b.MemberNo).ToList();
        // Who voted is on record, in its own stream…
        Assert.Equal(members, voters.Where(e => e.Kind == "voted").Select(e => e.Actor!).Order());
        // …and nothing in the ballot stream leads back to it: no member number, no ballot fingerprint.
        var fingerprints = voters.Where(e => e.Kind == "voted").Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("f").GetString()!).ToList();
        Assert.DoesNotContain(main, e => e.Kind == "ballot");
        Assert.Equal(receipts.Select(x => x.Receipt).Order(), box.Select(e => e.Receipt!).Order());
        Assert.All(main.Concat(box), e =>
        {
            Assert.True(e.Actor is null or "organiser", $"entry {e.Seq} names {e.Actor}");
            Assert.DoesNotContain(members, m => e.Data.Contains(m) || (e.Receipt ?? "").Contains(m));
            Assert.DoesNotContain(fingerprints, f => e.Data.Contains(f));
        });
    }

    [Fact]
    public async Task In_a_secret_round_the_two_streams_cannot_be_joined_by_position_or_time_to_tell_who_voted_what()
    {
        var r = await TestRound.OpenAsync(backend.Grains, secret: true);
        var c = r.CaseIds;
        string[][] picks = [[c[0]], [c[1]], [c[2]], [c[3]], [c[0], c[1]], [c[0], c[2]], [c[1], c[3]], [c[2], c[3]]];
        var cast = new Dictionary<string, string>();

        for (var i = 0; i < picks.Length; i++) // one at a time, as in a quiet hall
        {
            await Round(r).Vote(new BallotRequest(TestRound.MemberNo(i), TestRound.BranchOf(i), $"secret-{i:D4}", picks[i]));
            cast[TestRound.MemberNo(i)] = ChoiceKey(picks[i]);
        }

        await Round(r).Close();
        var ballots = (await AssertBoxIntact(r.BoxStream)).ToList();
        var voters = (await AssertChainIntact(r.VoterStream)).Where(e => e.Kind == "voted").ToList();

        // Eight different ballots: a chance pairing of every voter with their own ballot is 1 in 40,320.
        var byPosition = voters.Zip(ballots).Count(p => cast[p.First.Actor!] == ChoiceKey(p.Second));
        var byTime = voters.Count(v => ballots.Where(b => b.At == v.At).ToList() is [var only] && ChoiceKey(only) == cast[v.Actor!]);
        Assert.True(byPosition < picks.Length, $"The n-th voter entry names the voter of the n-th ballot entry for all {picks.Length} ballots.");
        Assert.True(byTime < picks.Length, $"Each voter entry shares its time with exactly their own ballot entry for all {picks.Length} ballots.");
    }

    [Fact]
    public async Task The_phones_pulse_agrees_with_the_big_screen_on_status_count_and_version_without_the_hidden_tally()
    {
        var r = await TestRound.OpenAsync(backend.Grains, secret: true);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Round(r).Vote(r.Ballot(i))));

        await AssertPulseAgrees(RoundStatus.Open, 10);
        await Round(r).Close();
        await Restart(r);
        await AssertPulseAgrees(RoundStatus.Closed, 10);

        async Task AssertPulseAgrees(RoundStatus status, int ballots)
        {
            var (pulse, screen) = (await Round(r).GetPulse(), await Round(r).GetSnapshot());
            var phone = Assert.IsType<RoundPulse>(pulse.Payload);
            var big = Assert.IsType<RoundLive>(screen.Payload);
            Assert.Equal(($"pulse:{r.RoundId}", screen.Version), (pulse.Topic, pulse.Version));
            Assert.Equal((status, ballots, TestRound.EligiblePerBranch * 4), (phone.Status, phone.Ballots, phone.Eligible));
            Assert.Equal((big.Status, big.Ballots, big.Eligible), (phone.Status, phone.Ballots, phone.Eligible));
            // This round shows no live tallies: neither the phones nor the screen learn them before publication.
            Assert.Null(phone.Tally);
            Assert.Null(big.Tally);
        }
    }

    [Fact]
    public async Task The_round_ledger_is_an_unbroken_hash_chain_whose_head_the_round_reports()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Round(r).Vote(r.Ballot(i))));
        await Assert.ThrowsAsync<RuleViolation>(() => Round(r).Vote(r.Ballot(3, variant: 1)));
        await Round(r).Close();

        var entries = await AssertChainIntact(r.MainStream);
        var head = (await Round(r).GetLedgerHeads()).Single();

        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        string[] kinds = ["configured", "status", .. Enumerable.Repeat("ballot", 50), "refused", "status"];
        Assert.Equal(kinds, entries.Select(e => e.Kind));
        Assert.Equal((r.MainStream, entries[^1].Seq, entries[^1].Hash), (head.Stream, head.Seq, head.Hash));
        // Changing or dropping any stored entry breaks the chain there.
        Assert.Equal(10, LedgerEntry.FirstBroken(entries.Select(e => e.Seq == 10 ? e with { Data = e.Data.Replace("b", "c") } : e).ToList()));
        Assert.Equal(10, LedgerEntry.FirstBroken(entries.Where(e => e.Seq != 10).ToList()));
        Assert.Equal(20, LedgerEntry.FirstBroken(entries.Select(e => e.Seq == 20 ? e with { At = e.At.AddSeconds(1) } : e).ToList()));
    }

    /// <summary>
    /// The round counts exactly the acknowledged ballots: the count, the tally, and each member's own view
    /// (a receipt for every acknowledged ballot, nothing for a refused one).
    /// </summary>
    private async Task AssertCountedExactly(TestRound r, IReadOnlyList<BallotOutcomeSeen> outcomes)
    {
        var round = Round(r);
        var acked = outcomes.Where(o => o.Receipt is not null).ToList();
        Assert.Equal(acked.Count, (await round.Get()).Ballots);
        Assert.Equal(Sorted(r.TallyOf(acked.Select(o => o.Ballot))), Sorted(await round.GetTally()));
        var views = await Task.WhenAll(outcomes.Select(o => round.GetMemberView(o.Ballot.MemberNo)));
        for (var i = 0; i < outcomes.Count; i++)
        {
            Assert.True(outcomes[i].Receipt?.Receipt == views[i].Receipt, $"{outcomes[i].Ballot.MemberNo}: told {outcomes[i].Receipt?.Receipt ?? outcomes[i].Refusal}, holds {views[i].Receipt}");
            Assert.Equal(outcomes[i].Receipt is not null, views[i].HasVoted);
        }
    }

    /// <summary>A secret round's ballot box: every entry's own hash holds, and the order says nothing about time.</summary>
    private async Task<IReadOnlyList<LedgerEntry>> AssertBoxIntact(string stream)
    {
        var entries = await backend.Ledger.ReadAsync(stream);
        Assert.Null(BallotBox.FirstBroken(entries));
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.UnixEpoch, e.At));
        return entries;
    }

    private async Task<IReadOnlyList<LedgerEntry>> AssertChainIntact(string stream)
    {
        var entries = await backend.Ledger.ReadAsync(stream);
        Assert.NotEmpty(entries);
        Assert.Null(LedgerEntry.FirstBroken(entries));
        return entries;
    }

    private async Task<(string, int)[]> Turnout(TestRound r)
    {
        var live = Assert.IsType<RoundLive>((await Round(r).GetSnapshot()).Payload);
        return live.Turnout.Select(t => (t.BranchId, t.Voted)).ToArray();
    }

    private static string ChoiceKey(IEnumerable<string> choices) => string.Join(",", choices.Order(StringComparer.Ordinal));

    private static string ChoiceKey(LedgerEntry ballot) =>
        ChoiceKey(JsonDocument.Parse(ballot.Data).RootElement.GetProperty("c").EnumerateArray().Select(e => e.GetString()!));

    private static List<KeyValuePair<string, int>> Sorted(IReadOnlyDictionary<string, int>? tally)
    {
        Assert.NotNull(tally);
        return tally.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
    }
}
