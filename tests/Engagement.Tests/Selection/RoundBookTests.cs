using System.Text.RegularExpressions;
using Engagement.Selection;

namespace Engagement.Tests.Selection;

public sealed class RoundBookTests
{
    private const string RoundId = "e1-r1";

    private static readonly RoundCase[] Cases =
    [
        new("c1", "b1", "红色家书诵读", "第一中学党支部"),
        new("c2", "b2", "走进革命纪念馆", "实验小学党支部"),
        new("c3", "b3", "社区志愿服务", "教育局机关党支部"),
    ];

    private static RoundSettings Settings(
        RevotePolicy revote = RevotePolicy.FirstBallotFinal, bool ownBranch = true, int min = 1, int max = 2, bool secret = false) =>
        new("网络投票", RoundKind.Vote, ["c1", "c2", "c3"], min, max, ownBranch, revote, secret, ShowLiveTallies: false, 0m, 1m, VoteMethod.MaxNormalised);

    private static RoundBook Book(RoundSettings? settings = null) => new(RoundId, settings ?? Settings(), Cases);

    private static BallotRequest Ballot(string member, string choices, string ballotId = "ballot-0001", string branch = "b9") =>
        new(member, branch, ballotId, choices.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Decides, reserves and commits, as the grain does once the ballot is durable.</summary>
    private static BallotDecision Cast(RoundBook book, BallotRequest ballot)
    {
        var decision = book.Decide(ballot, RoundStatus.Open);
        Assert.Equal(BallotOutcome.Accept, decision.Outcome);
        book.Reserve(ballot, decision);
        book.Commit(ballot.MemberNo, ballot.BranchId, decision.Fingerprint!, decision.Receipt!, decision.Choices);
        return decision;
    }

    [Theory]
    // choices, status, min, max, own branch allowed, voter's branch, ballot id → refusal code and its argument
    [InlineData("c1", RoundStatus.Draft, 1, 2, true, "b9", "ballot-0001", "round.not-open", null)]
    [InlineData("c1", RoundStatus.Closed, 1, 2, true, "b9", "ballot-0001", "round.not-open", null)]
    [InlineData("c1", RoundStatus.Published, 1, 2, true, "b9", "ballot-0001", "round.not-open", null)]
    [InlineData("c1 c1", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.repeated-choice", null)]
    [InlineData("c9 c9", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.repeated-choice", null)]
    [InlineData("c1 c9", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.unknown-case", "c9")]
    [InlineData("C1", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.unknown-case", "C1")]
    [InlineData("", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.too-few", "1")]
    [InlineData("c1", RoundStatus.Open, 2, 3, true, "b9", "ballot-0001", "ballot.too-few", "2")]
    [InlineData("c1 c2 c3", RoundStatus.Open, 1, 2, true, "b9", "ballot-0001", "ballot.too-many", "2")]
    [InlineData("c2", RoundStatus.Open, 1, 1, false, "b2", "ballot-0001", "ballot.own-branch", "走进革命纪念馆")]
    [InlineData("c1 c3", RoundStatus.Open, 1, 2, false, "b3", "ballot-0001", "ballot.own-branch", "社区志愿服务")]
    [InlineData("c1", RoundStatus.Open, 1, 2, true, "b9", "short", "ballot.bad-id", null)]
    [InlineData("c1", RoundStatus.Open, 1, 2, true, "b9", "1234567", "ballot.bad-id", null)]
    [InlineData("c1", RoundStatus.Open, 1, 2, true, "b9", "has space 1", "ballot.bad-id", null)]
    [InlineData("c1", RoundStatus.Open, 1, 2, true, "b9", "投票编号投票编号投票编号", "ballot.bad-id", null)]
    [InlineData("c1", RoundStatus.Open, 1, 2, true, "b9", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "ballot.bad-id", null)]
    [InlineData("c1", RoundStatus.Closed, 1, 2, true, "b9", "bad id", "ballot.bad-id", null)]
    public void A_ballot_breaking_a_rule_is_refused_with_its_code(
        string choices, RoundStatus status, int min, int max, bool ownBranch, string branch, string ballotId, string code, string? arg)
    {
        var book = Book(Settings(ownBranch: ownBranch, min: min, max: max));

        var decision = book.Decide(Ballot("DY001", choices, ballotId, branch), status);

        Assert.Equal(BallotOutcome.Refuse, decision.Outcome);
        Assert.Equal(code, decision.RefusalCode);
        Assert.Equal(arg is null ? [] : [arg], decision.RefusalArgs);
        Assert.Null(decision.Receipt);
    }

    [Theory]
    [InlineData("c1", 1, 2, true, "b9")]
    [InlineData("c1 c2", 1, 2, true, "b9")]
    [InlineData("c3 c1", 2, 3, true, "b9")]
    [InlineData("c1 c2 c3", 3, 3, true, "b9")]
    [InlineData("c2", 1, 1, true, "b2")] // own branch allowed
    [InlineData("c1 c3", 1, 2, false, "b2")] // own branch forbidden, but not chosen
    [InlineData("c3", 1, 1, false, "b9")]
    public void A_ballot_within_the_rules_is_accepted_with_its_choices_in_order(string choices, int min, int max, bool ownBranch, string branch)
    {
        var book = Book(Settings(ownBranch: ownBranch, min: min, max: max));
        var ballot = Ballot("DY001", choices, "B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9B-_9", branch);

        var decision = book.Decide(ballot, RoundStatus.Open);

        Assert.Equal(BallotOutcome.Accept, decision.Outcome);
        Assert.Equal(ballot.Choices, decision.Choices);
        Assert.False(decision.Replaces);
        Assert.Equal(BallotCodes.Receipt(RoundId, "DY001", ballot.BallotId), decision.Receipt);
        Assert.Equal(BallotCodes.Fingerprint(RoundId, ballot.BallotId), decision.Fingerprint);
    }

    [Fact]
    public void Deciding_changes_nothing_until_the_ballot_is_reserved()
    {
        var book = Book();
        var ballot = Ballot("DY001", "c1");

        Assert.Equal(BallotOutcome.Accept, book.Decide(ballot, RoundStatus.Open).Outcome);
        Assert.Equal(BallotOutcome.Accept, book.Decide(ballot, RoundStatus.Open).Outcome);
        Assert.Equal(0, book.Ballots);
        Assert.Equal(0, book.Tally.Values.Sum());
        Assert.False(book.ViewFor("DY001").HasVoted);
    }

    [Theory]
    [InlineData(RevotePolicy.FirstBallotFinal)]
    [InlineData(RevotePolicy.LastBallotCounts)]
    public void The_same_ballot_again_is_a_duplicate_with_the_same_receipt_pending_or_durable_open_or_closed(RevotePolicy revote)
    {
        var book = Book(Settings(revote));
        var ballot = Ballot("DY001", "c1");
        var first = book.Decide(ballot, RoundStatus.Open);
        book.Reserve(ballot, first);

        var whilePending = book.Decide(ballot, RoundStatus.Open);
        book.Commit("DY001", "b9", first.Fingerprint!, first.Receipt!, first.Choices);
        var once = book.Decide(ballot, RoundStatus.Open);
        var afterClose = book.Decide(ballot, RoundStatus.Closed);

        Assert.Equal((BallotOutcome.Duplicate, first.Receipt, true), (whilePending.Outcome, whilePending.Receipt, whilePending.StillPending));
        foreach (var again in new[] { once, afterClose })
        {
            Assert.Equal((BallotOutcome.Duplicate, first.Receipt, false), (again.Outcome, again.Receipt, again.StillPending));
        }

        // A duplicate answers with what was stored, never with what a later request says.
        Assert.All(new[] { whilePending, once, afterClose }, again => Assert.Equal(["c1"], again.Choices));

        Assert.Equal(1, book.Ballots);
        Assert.Equal(1, book.Tally["c1"]);
    }

    /// <summary>
    /// The same ballot id with other choices is not a retry: it is refused (422), pending or durable, open or closed,
    /// secret or not, and the first choices stay counted. Answering it as a duplicate would echo choices that do not count.
    /// </summary>
    [Theory]
    [InlineData(RevotePolicy.FirstBallotFinal, false)]
    [InlineData(RevotePolicy.LastBallotCounts, false)]
    [InlineData(RevotePolicy.FirstBallotFinal, true)]
    public void The_same_ballot_id_with_other_choices_is_refused_and_the_first_choices_stay_counted(RevotePolicy revote, bool secret)
    {
        var book = Book(Settings(revote, secret: secret));
        var ballot = Ballot("DY001", "c1");
        var first = book.Decide(ballot, RoundStatus.Open);
        book.Reserve(ballot, first);

        var whilePending = book.Decide(ballot with { Choices = ["c2"] }, RoundStatus.Open);
        book.Commit("DY001", "b9", first.Fingerprint!, first.Receipt!, first.Choices);
        var reordered = book.Decide(Ballot("DY001", "c1 c2"), RoundStatus.Open);
        var durable = book.Decide(ballot with { Choices = ["c2", "c3"] }, RoundStatus.Open);
        var afterClose = book.Decide(ballot with { Choices = ["c3"] }, RoundStatus.Closed);
        var retry = book.Decide(ballot, RoundStatus.Closed);

        Assert.All(new[] { whilePending, reordered, durable, afterClose }, d => Assert.Equal((BallotOutcome.Refuse, "ballot.id-reused"), (d.Outcome, d.RefusalCode)));
        Assert.Equal((BallotOutcome.Duplicate, first.Receipt), (retry.Outcome, retry.Receipt));
        Assert.Equal(["c1"], retry.Choices);
        Assert.Equal((1, 1, 0, 0), (book.Ballots, book.Tally["c1"], book.Tally["c2"], book.Tally["c3"]));
    }

    [Fact]
    public void A_secret_replay_still_tells_a_retry_from_a_ballot_id_reused_with_other_choices()
    {
        var book = Book(Settings(secret: true));
        var receipt = BallotCodes.Receipt(RoundId, "DY001", "ballot-0001");
        book.CommitSecretBallot(receipt, ["c2"]);
        book.CommitSecretVoter("DY001", "b1", BallotCodes.Fingerprint(RoundId, "ballot-0001"));

        var retry = book.Decide(Ballot("DY001", "c2", "ballot-0001", "b1"), RoundStatus.Open);
        Assert.Equal((BallotOutcome.Duplicate, receipt), (retry.Outcome, retry.Receipt));
        Assert.Equal(["c2"], retry.Choices);
        Assert.Equal("ballot.id-reused", book.Decide(Ballot("DY001", "c1", "ballot-0001", "b1"), RoundStatus.Open).RefusalCode);
    }

    [Theory]
    [InlineData(RoundStatus.Open)]
    [InlineData(RoundStatus.Closed)]
    public void A_ballot_with_a_null_choice_is_refused_not_thrown(RoundStatus status)
    {
        var book = Book();

        var decision = book.Decide(new BallotRequest("DY001", "b9", "ballot-0001", ["c1", null!]), status);

        Assert.Equal((BallotOutcome.Refuse, "ballot.unknown-case"), (decision.Outcome, decision.RefusalCode));
        Assert.Equal(0, book.Ballots);
    }

    [Theory]
    [InlineData(RevotePolicy.FirstBallotFinal, false, "ballot.already-voted")]
    [InlineData(RevotePolicy.FirstBallotFinal, true, "ballot.already-voted")]
    [InlineData(RevotePolicy.LastBallotCounts, true, "ballot.in-flight")]
    public void A_different_ballot_from_the_same_member_is_refused_by_the_policy(RevotePolicy revote, bool firstStillPending, string code)
    {
        var book = Book(Settings(revote));
        var first = Ballot("DY001", "c1", "ballot-0001");
        var decision = book.Decide(first, RoundStatus.Open);
        book.Reserve(first, decision);
        if (!firstStillPending)
        {
            book.Commit("DY001", "b9", decision.Fingerprint!, decision.Receipt!, decision.Choices);
        }

        var second = book.Decide(Ballot("DY001", "c2", "ballot-0002"), RoundStatus.Open);

        Assert.Equal((BallotOutcome.Refuse, code), (second.Outcome, second.RefusalCode));
    }

    [Fact]
    public void Under_last_ballot_counts_a_durable_ballot_is_replaced_moving_the_tally_but_not_the_count()
    {
        var book = Book(Settings(RevotePolicy.LastBallotCounts));
        var first = Cast(book, Ballot("DY001", "c1 c2", "ballot-0001", "b1"));

        var decision = book.Decide(Ballot("DY001", "c3", "ballot-0002", "b1"), RoundStatus.Open);
        Assert.Equal((BallotOutcome.Accept, true), (decision.Outcome, decision.Replaces));
        book.Reserve(Ballot("DY001", "c3", "ballot-0002", "b1"), decision);
        book.Commit("DY001", "b1", decision.Fingerprint!, decision.Receipt!, decision.Choices);

        Assert.NotEqual(first.Receipt, decision.Receipt);
        Assert.Equal(1, book.Ballots);
        Assert.Equal([decision.Receipt!], book.Receipts);
        Assert.Equal((0, 0, 1), (book.Tally["c1"], book.Tally["c2"], book.Tally["c3"]));
        Assert.Equal(1, book.TurnoutByBranch["b1"]);
        Assert.Equal((true, decision.Receipt), (book.ViewFor("DY001").HasVoted, book.ViewFor("DY001").Receipt));
        Assert.Equal(["c3"], book.ViewFor("DY001").Choices);
    }

    [Fact]
    public void Committing_a_ballot_again_as_a_replay_does_not_count_it_twice()
    {
        var book = Book();
        var decision = Cast(book, Ballot("DY001", "c1 c2", branch: "b2"));

        book.Commit("DY001", "b2", decision.Fingerprint!, decision.Receipt!, decision.Choices);

        Assert.Equal(1, book.Ballots);
        Assert.Equal((1, 1, 0), (book.Tally["c1"], book.Tally["c2"], book.Tally["c3"]));
        Assert.Equal(1, book.TurnoutByBranch["b2"]);
        Assert.Equal((true, decision.Receipt), (book.ViewFor("DY001").HasVoted, book.ViewFor("DY001").Receipt));
        Assert.Equal(["c1", "c2"], book.ViewFor("DY001").Choices);
    }

    [Fact]
    public void A_released_reservation_is_forgotten_and_the_member_may_vote_afresh()
    {
        var book = Book();
        var ballot = Ballot("DY001", "c1");
        var decision = book.Decide(ballot, RoundStatus.Open);
        book.Reserve(ballot, decision);

        book.Release(ballot, decision);

        var again = book.Decide(ballot, RoundStatus.Open);
        Assert.Equal((BallotOutcome.Accept, false), (again.Outcome, again.Replaces));
        Assert.Equal(BallotOutcome.Accept, book.Decide(Ballot("DY001", "c2", "ballot-0002"), RoundStatus.Open).Outcome);
        Assert.Equal(0, book.Ballots);
    }

    [Fact]
    public void Another_member_reusing_a_ballot_id_is_not_a_duplicate_and_gets_their_own_receipt()
    {
        var book = Book();
        var zhang = Cast(book, Ballot("DY001", "c1", "ballot-0001"));

        var li = book.Decide(Ballot("DY002", "c2", "ballot-0001"), RoundStatus.Open);

        Assert.Equal(BallotOutcome.Accept, li.Outcome);
        Assert.NotEqual(zhang.Receipt, li.Receipt);
    }

    [Fact]
    public void A_secret_book_hides_receipts_and_choices_from_the_member_view()
    {
        var book = Book(Settings(secret: true));
        Cast(book, Ballot("DY001", "c1", branch: "b1"));

        Assert.Equal(new MemberBallotView(true, null, null), book.ViewFor("DY001"));
        Assert.Equal(new MemberBallotView(false, null, null), book.ViewFor("DY002"));
        Assert.Equal(1, book.Tally["c1"]);
    }

    [Fact]
    public void A_secret_replay_counts_ballots_by_receipt_and_voters_by_member_each_once()
    {
        var book = Book(Settings(secret: true));
        var fingerprint = BallotCodes.Fingerprint(RoundId, "ballot-0001");

        book.CommitSecretBallot("AAAA-BBBB-CCCC", ["c1", "c2"]);
        book.CommitSecretBallot("AAAA-BBBB-CCCC", ["c1", "c2"]);
        book.CommitSecretBallot("DDDD-EEEE-FFFF", ["c2", "gone"]);
        book.CommitSecretVoter("DY001", "b1", fingerprint);
        book.CommitSecretVoter("DY001", "b1", fingerprint);
        book.CommitSecretVoter("DY002", "b1", BallotCodes.Fingerprint(RoundId, "ballot-0002"));

        Assert.Equal(2, book.Ballots);
        Assert.Equal((1, 2, 0), (book.Tally["c1"], book.Tally["c2"], book.Tally["c3"]));
        Assert.Equal(2, book.TurnoutByBranch["b1"]);
        Assert.True(book.ViewFor("DY001").HasVoted);
        // The replayed voter is known: the same ballot again is a duplicate, another one is refused.
        Assert.Equal(BallotOutcome.Duplicate, book.Decide(Ballot("DY001", "c1", "ballot-0001", "b1"), RoundStatus.Open).Outcome);
        Assert.Equal("ballot.already-voted", book.Decide(Ballot("DY001", "c3", "ballot-0003", "b1"), RoundStatus.Open).RefusalCode);
    }

    [Fact]
    public void Receipts_are_deterministic_and_printable()
    {
        var receipt = BallotCodes.Receipt(RoundId, "DY001", "ballot-0001");

        Assert.Equal(receipt, BallotCodes.Receipt(RoundId, "DY001", "ballot-0001"));
        Assert.Matches(new Regex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"), receipt);
        Assert.Equal(receipt, BallotCodes.NormaliseReceipt(receipt.Replace("-", "").ToLowerInvariant()));
        Assert.Equal(receipt, BallotCodes.NormaliseReceipt($" {receipt[..4]} {receipt[5..9]} {receipt[10..]} "));
        Assert.Equal("", BallotCodes.NormaliseReceipt(receipt[..^1]));
        Assert.Equal("", BallotCodes.NormaliseReceipt(null));
    }

    [Fact]
    public void Receipts_differ_per_member_per_ballot_id_and_per_round()
    {
        var byMember = Enumerable.Range(0, 2000).Select(i => BallotCodes.Receipt(RoundId, $"DY{i:D5}", "ballot-0001"));
        var byBallot = Enumerable.Range(0, 2000).Select(i => BallotCodes.Receipt(RoundId, "DY001", $"ballot-{i:D5}"));
        var byRound = Enumerable.Range(0, 2000).Select(i => BallotCodes.Receipt($"e1-r{i}", "DY001", "ballot-0001"));

        Assert.Equal(2000, byMember.Distinct().Count());
        Assert.Equal(2000, byBallot.Distinct().Count());
        Assert.Equal(2000, byRound.Distinct().Count());
        // The fingerprint names the ballot, not the member, and cannot be turned back into the receipt.
        Assert.Equal(BallotCodes.Fingerprint(RoundId, "ballot-0001"), BallotCodes.Fingerprint(RoundId, "ballot-0001"));
        Assert.NotEqual(BallotCodes.Fingerprint(RoundId, "ballot-0001"), BallotCodes.Fingerprint("e1-r2", "ballot-0001"));
    }
}
