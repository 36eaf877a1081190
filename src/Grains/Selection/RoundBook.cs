namespace Engagement.Selection;

/// <summary>
/// The ballots of one round, in memory: who has voted, the tally, turnout per branch and the counted
/// receipts. It decides on each ballot by the round's rules; it changes only when told a ballot is
/// durable (<see cref="Commit"/>), and reservations keep two in-flight ballots of one member apart.
/// No Orleans and no storage here: the round grain feeds it and persists what it accepts.
/// </summary>
public sealed class RoundBook(string roundId, RoundSettings settings, IReadOnlyList<RoundCase> cases)
{
    private readonly Dictionary<string, RoundCase> _cases = cases.ToDictionary(c => c.CaseId);
    private readonly Dictionary<string, Voter> _voters = [];
    private readonly Dictionary<string, int> _tally = cases.ToDictionary(c => c.CaseId, _ => 0);
    private readonly Dictionary<string, int> _turnout = [];
    private readonly HashSet<string> _receipts = [];

    /// <summary>
    /// A secret round's choices by receipt, as its ballot box stores them (never by voter): they let a retried
    /// ballot be told apart from a ballot id reused with other choices.
    /// </summary>
    private readonly Dictionary<string, IReadOnlyList<string>> _secretChoices = [];

    public string RoundId { get; } = roundId;
    public RoundSettings Settings { get; } = settings;
    public int Ballots => _receipts.Count;
    public IReadOnlyDictionary<string, int> Tally => _tally;
    public IReadOnlyDictionary<string, int> TurnoutByBranch => _turnout;
    public IReadOnlyCollection<string> Receipts => _receipts;

    /// <summary>What to do with a ballot. Pure: nothing changes until Reserve/Commit.</summary>
    public BallotDecision Decide(BallotRequest ballot, RoundStatus status)
    {
        if (!BallotCodes.IsValidBallotId(ballot.BallotId))
        {
            return BallotDecision.Refuse("ballot.bad-id");
        }

        var fingerprint = BallotCodes.Fingerprint(RoundId, ballot.BallotId);
        var receipt = BallotCodes.Receipt(RoundId, ballot.MemberNo, ballot.BallotId);
        if (ballot.Choices is null || ballot.Choices.Any(c => c is null))
        {
            // Refused at the JSON boundary already; a grain caller gets the same answer, never a crash.
            return BallotDecision.Refuse("ballot.unknown-case", string.Empty);
        }

        var known = _voters.GetValueOrDefault(ballot.MemberNo);
        if (known?.Fingerprints.TryGetValue(fingerprint, out var sent) == true)
        {
            // The phone sent this ballot before (a retry on a poor network): same answer, counted once. The same
            // ballot id with other choices is not a retry: answering it with the new choices would claim they count.
            var stored = Settings.Secret ? _secretChoices.GetValueOrDefault(receipt) : sent;
            if (stored is not null && !stored.SequenceEqual(ballot.Choices, StringComparer.Ordinal))
            {
                return BallotDecision.Refuse("ballot.id-reused");
            }

            return BallotDecision.Duplicate(receipt, known.Pending, stored ?? ballot.Choices);
        }

        if (status != RoundStatus.Open)
        {
            return BallotDecision.Refuse("round.not-open");
        }

        var choices = ballot.Choices.Distinct(StringComparer.Ordinal).ToList();
        if (choices.Count != ballot.Choices.Count)
        {
            return BallotDecision.Refuse("ballot.repeated-choice");
        }

        if (choices.FirstOrDefault(c => !_cases.ContainsKey(c)) is { } unknown)
        {
            return BallotDecision.Refuse("ballot.unknown-case", unknown);
        }

        if (choices.Count < Settings.MinChoices)
        {
            return BallotDecision.Refuse("ballot.too-few", Settings.MinChoices.ToString());
        }

        if (choices.Count > Settings.MaxChoices)
        {
            return BallotDecision.Refuse("ballot.too-many", Settings.MaxChoices.ToString());
        }

        if (!Settings.AllowOwnBranch && choices.FirstOrDefault(c => _cases[c].BranchId == ballot.BranchId) is { } own)
        {
            return BallotDecision.Refuse("ballot.own-branch", _cases[own].Title);
        }

        if (known is not null)
        {
            if (Settings.Revote == RevotePolicy.FirstBallotFinal)
            {
                return BallotDecision.Refuse("ballot.already-voted");
            }

            if (known.Pending)
            {
                // One change at a time: the earlier ballot must be durable before it can be replaced.
                return BallotDecision.Refuse("ballot.in-flight");
            }
        }

        return BallotDecision.Accept(receipt, fingerprint, choices, replaces: known is not null);
    }

    /// <summary>Holds the member's place while their ballot is being written.</summary>
    public void Reserve(BallotRequest ballot, BallotDecision decision)
    {
        var voter = _voters.TryGetValue(ballot.MemberNo, out var existing) ? existing : _voters[ballot.MemberNo] = new Voter(ballot.BranchId);
        voter.Fingerprints[decision.Fingerprint!] = Settings.Secret ? null : decision.Choices;
        if (Settings.Secret)
        {
            _secretChoices[decision.Receipt!] = decision.Choices;
        }

        voter.Pending = true;
    }

    /// <summary>The write failed: forget the reservation as if the ballot never came.</summary>
    public void Release(BallotRequest ballot, BallotDecision decision)
    {
        if (!_voters.TryGetValue(ballot.MemberNo, out var voter))
        {
            return;
        }

        voter.Fingerprints.Remove(decision.Fingerprint!);
        _secretChoices.Remove(decision.Receipt!);
        voter.Pending = false;
        if (voter.Fingerprints.Count == 0)
        {
            _voters.Remove(ballot.MemberNo);
        }
    }

    /// <summary>The ballot is durable: count it (replacing the member's earlier one if the round allows).</summary>
    public void Commit(string memberNo, string branchId, string fingerprint, string receipt, IReadOnlyList<string> choices)
    {
        var voter = _voters.TryGetValue(memberNo, out var existing) ? existing : _voters[memberNo] = new Voter(branchId);
        voter.Fingerprints[fingerprint] = Settings.Secret ? null : choices;
        if (Settings.Secret)
        {
            _secretChoices[receipt] = choices;
        }

        voter.Pending = false;
        if (voter.Receipt is { } previous)
        {
            if (previous == receipt)
            {
                return;
            }

            _receipts.Remove(previous);
            foreach (var choice in voter.Choices ?? [])
            {
                _tally[choice]--;
            }
        }
        else
        {
            _turnout[branchId] = _turnout.GetValueOrDefault(branchId) + 1;
        }

        voter.Receipt = receipt;
        // A secret round does not keep choices against voters: it never replaces a ballot.
        voter.Choices = Settings.Secret ? null : choices;
        _receipts.Add(receipt);
        foreach (var choice in choices)
        {
            _tally[choice]++;
        }
    }

    /// <summary>Secret rounds replay what was voted and who voted from two separate streams.</summary>
    public void CommitSecretBallot(string receipt, IReadOnlyList<string> choices)
    {
        _secretChoices.TryAdd(receipt, choices);
        if (_receipts.Add(receipt))
        {
            foreach (var choice in choices.Where(_tally.ContainsKey))
            {
                _tally[choice]++;
            }
        }
    }

    public void CommitSecretVoter(string memberNo, string branchId, string fingerprint)
    {
        if (_voters.ContainsKey(memberNo))
        {
            return;
        }

        var voter = new Voter(branchId) { Receipt = "secret" };
        voter.Fingerprints[fingerprint] = null;
        _voters[memberNo] = voter;
        _turnout[branchId] = _turnout.GetValueOrDefault(branchId) + 1;
    }

    public MemberBallotView ViewFor(string memberNo) =>
        _voters.TryGetValue(memberNo, out var voter) && voter.Receipt is not null
            ? new MemberBallotView(true, Settings.Secret ? null : voter.Receipt, voter.Choices)
            : new MemberBallotView(false, null, null);

    private sealed class Voter(string branchId)
    {
        public string BranchId { get; } = branchId;
        /// <summary>Every ballot id the member sent (by fingerprint), with its choices; null in a secret round.</summary>
        public Dictionary<string, IReadOnlyList<string>?> Fingerprints { get; } = [];
        public bool Pending { get; set; }
        public string? Receipt { get; set; }
        public IReadOnlyList<string>? Choices { get; set; }
    }
}

public enum BallotOutcome
{
    Accept,
    Duplicate,
    Refuse,
}

public sealed record BallotDecision(
    BallotOutcome Outcome,
    string? Receipt,
    string? Fingerprint,
    IReadOnlyList<string> Choices,
    bool Replaces,
    bool StillPending,
    string? RefusalCode,
    string[] RefusalArgs)
{
    public static BallotDecision Accept(string receipt, string fingerprint, IReadOnlyList<string> choices, bool replaces) =>
        new(BallotOutcome.Accept, receipt, fingerprint, choices, replaces, false, null, []);

    /// <param name="choices">The choices stored with the ballot (a retry sends the same ones).</param>
    public static BallotDecision Duplicate(string receipt, bool stillPending, IReadOnlyList<string> choices) =>
        new(BallotOutcome.Duplicate, receipt, null, choices, false, stillPending, null, []);

    public static BallotDecision Refuse(string code, params string[] args) =>
        new(BallotOutcome.Refuse, null, null, [], false, false, code, args);
}
