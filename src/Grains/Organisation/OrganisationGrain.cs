using Engagement.Live;
using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Organisation;

/// <summary>
/// Authority for the roster. A change is committed here first, together with the branch changes it
/// implies (a small journal); then each <see cref="IBranchGrain"/> is brought up to date. If that is
/// interrupted (a crash, a silo failure) the journal is applied again on the next activation, so a
/// committed import always reaches every branch and is never half-applied.
/// </summary>
public sealed class OrganisationGrain : Grain, IOrganisationGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<OrganisationRecord> _state;
    private readonly ILogger<OrganisationGrain> _logger;
    private readonly LiveTopicPublisher _live;
    private Dictionary<int, string> _memberNoBySeq = [];
    private IGrainTimer? _retry;

    public OrganisationGrain(
        [PersistentState("organisation", StorageNames.Durable)] IPersistentState<OrganisationRecord> state,
        ILogger<OrganisationGrain> logger)
    {
        _state = state;
        _logger = logger;
        _live = new LiveTopicPublisher(this, GrainFactory, () => new TopicUpdate(Topics.Organisation, Record.Revision, Overview()));
    }

    private OrganisationRecord Record => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _memberNoBySeq = Record.Members.Values.ToDictionary(m => m.Seq, m => m.MemberNo);
        await ApplyJournal();
    }

    public Task<OrganisationOverview> GetOverview() => Task.FromResult(Overview());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(new TopicUpdate(Topics.Organisation, Record.Revision, Overview()));

    public Task<Member?> FindMember(string memberNo) =>
        Task.FromResult(Record.Members.GetValueOrDefault(Text.Clean(memberNo).ToUpperInvariant()));

    public Task<Member?> FindMemberBySeq(int seq) =>
        Task.FromResult(_memberNoBySeq.TryGetValue(seq, out var memberNo) ? Record.Members.GetValueOrDefault(memberNo) : null);

    public Task<MemberStandings?> GetStandings(long knownRevision) => Task.FromResult(knownRevision == Record.Revision
        ? null
        : new MemberStandings(Record.Revision, Record.Members.Values.ToDictionary(m => m.MemberNo, m => m.CodeGeneration)));

    public async Task<RosterImportSummary> ImportRoster(IReadOnlyList<RosterEntry> entries)
    {
        // The web layer validated the file; normalising again here keeps the roster sound for any caller.
        entries = entries.Select(RosterRules.Normalise).ToList();
        var plan = RosterPlan.Build(
            Record.Branches.Select(b => new RosterPlan.Branch(b.Key, b.Value.Name, b.Value.District)).ToList(),
            Record.Members,
            entries,
            NewBranchId,
            Record.NextSeq);

        foreach (var branch in plan.Branches)
        {
            Record.Branches[branch.BranchId] = new BranchRow(branch.Name, branch.District);
        }

        foreach (var member in plan.Members)
        {
            Record.Members[member.MemberNo] = member;
        }

        Record.NextSeq = plan.NextSeq;
        await Commit(plan.Changes);
        _logger.LogInformation("Roster imported: {Summary}", plan.Summary);
        return plan.Summary;
    }

    public async Task<BranchSummary> CreateBranch(BranchEdit edit)
    {
        edit = Canonical(RosterRules.ValidateBranch(edit));
        EnsureNameFree(edit.Name, exceptBranchId: null);
        var id = NewBranchId();
        Record.Branches[id] = new BranchRow(edit.Name, edit.District);
        await Commit(new Dictionary<string, BranchChange> { [id] = new BranchChange(edit.Name, edit.District, [], [], Delete: false) });
        return Summary(id);
    }

    public async Task<BranchSummary> UpdateBranch(string branchId, BranchEdit edit)
    {
        RequireBranch(branchId);
        edit = Canonical(RosterRules.ValidateBranch(edit));
        EnsureNameFree(edit.Name, exceptBranchId: branchId);
        Record.Branches[branchId] = new BranchRow(edit.Name, edit.District);
        await Commit(new Dictionary<string, BranchChange> { [branchId] = new BranchChange(edit.Name, edit.District, [], [], Delete: false) });
        return Summary(branchId);
    }

    public async Task RemoveBranch(string branchId)
    {
        var branch = RequireBranch(branchId);
        if (Record.Members.Values.Any(m => m.BranchId == branchId))
        {
            throw RuleViolation.Conflict("branch.has-members", branch.Name);
        }

        Record.Branches.Remove(branchId);
        await Commit(new Dictionary<string, BranchChange> { [branchId] = new BranchChange(branch.Name, branch.District, [], [], Delete: true) });
    }

    public async Task<Member> AddMember(MemberEdit edit)
    {
        edit = RosterRules.ValidateMember(edit);
        var branch = RequireBranch(edit.BranchId);
        if (Record.Members.ContainsKey(edit.MemberNo))
        {
            throw RuleViolation.Conflict("member.exists", edit.MemberNo);
        }

        var member = new Member(edit.MemberNo, edit.Name, edit.Phone, edit.BranchId, Record.NextSeq++, 0);
        Record.Members[member.MemberNo] = member;
        _memberNoBySeq[member.Seq] = member.MemberNo;
        await Commit(new Dictionary<string, BranchChange> { [edit.BranchId] = new BranchChange(branch.Name, branch.District, [member], [], Delete: false) });
        return member;
    }

    public async Task<Member> UpdateMember(string memberNo, MemberEdit edit)
    {
        var existing = RequireMember(memberNo);
        edit = RosterRules.ValidateMember(edit);
        if (edit.MemberNo != existing.MemberNo)
        {
            throw RuleViolation.Invalid("member.no-immutable", existing.MemberNo);
        }

        var branch = RequireBranch(edit.BranchId);
        var updated = existing with { Name = edit.Name, Phone = edit.Phone, BranchId = edit.BranchId };
        Record.Members[existing.MemberNo] = updated;
        var changes = new Dictionary<string, BranchChange>
        {
            [edit.BranchId] = new BranchChange(branch.Name, branch.District, [updated], [], Delete: false),
        };
        if (existing.BranchId != edit.BranchId && Record.Branches.TryGetValue(existing.BranchId, out var old))
        {
            changes[existing.BranchId] = new BranchChange(old.Name, old.District, [], [existing.MemberNo], Delete: false);
        }

        await Commit(changes);
        return updated;
    }

    public async Task RemoveMember(string memberNo)
    {
        var existing = RequireMember(memberNo);
        Record.Members.Remove(existing.MemberNo);
        _memberNoBySeq.Remove(existing.Seq);
        var branch = Record.Branches[existing.BranchId];
        await Commit(new Dictionary<string, BranchChange> { [existing.BranchId] = new BranchChange(branch.Name, branch.District, [], [existing.MemberNo], Delete: false) });
    }

    public async Task<Member> RevokeMemberCode(string memberNo)
    {
        var existing = RequireMember(memberNo);
        var updated = existing with { CodeGeneration = existing.CodeGeneration + 1 };
        Record.Members[existing.MemberNo] = updated;
        var branch = Record.Branches[existing.BranchId];
        await Commit(new Dictionary<string, BranchChange> { [existing.BranchId] = new BranchChange(branch.Name, branch.District, [updated], [], Delete: false) });
        _logger.LogInformation("Member code revoked for {MemberNo}", existing.MemberNo);
        return updated;
    }

    /// <summary>Writes the roster and its journal in one durable write, then brings the branches up to date.</summary>
    private async Task Commit(IReadOnlyDictionary<string, BranchChange> changes)
    {
        foreach (var (branchId, change) in changes)
        {
            Record.Journal[branchId] = Record.Journal.TryGetValue(branchId, out var earlier) ? Merge(earlier, change) : change;
        }

        Record.Revision++;
        await _state.WriteOrRetireAsync(this);

        foreach (var member in Record.Members.Values)
        {
            _memberNoBySeq[member.Seq] = member.MemberNo;
        }

        _live.Changed();
        await ApplyJournal();
    }

    private async Task ApplyJournal()
    {
        if (Record.Journal.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var (branchId, change) in Record.Journal.ToList())
            {
                await GrainFactory.GetGrain<IBranchGrain>(branchId).Apply(change);
                Record.Journal.Remove(branchId);
            }

            await _state.WriteOrRetireAsync(this);
        }
        catch (Exception e) when (e is not RuleViolation)
        {
            // The roster itself is committed; only the branch copies lag. Try again shortly.
            _logger.LogWarning(e, "Branch update failed; {Count} branch(es) will be retried", Record.Journal.Count);
            _retry ??= this.RegisterGrainTimer(async () =>
            {
                _retry?.Dispose();
                _retry = null;
                await ApplyJournal();
            }, new GrainTimerCreationOptions(RetryDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    /// <summary>Two pending changes to one branch fold into one: the later header wins, member sets combine.</summary>
    private static BranchChange Merge(BranchChange earlier, BranchChange later)
    {
        var upserts = earlier.Upserts.Where(u => !later.Upserts.Any(l => l.MemberNo == u.MemberNo) && !later.Removals.Contains(u.MemberNo))
            .Concat(later.Upserts).ToList();
        var removals = earlier.Removals.Where(r => !later.Upserts.Any(u => u.MemberNo == r))
            .Concat(later.Removals).Distinct().ToList();
        return new BranchChange(later.Name, later.District, upserts, removals, later.Delete);
    }

    private OrganisationOverview Overview()
    {
        var counts = Record.Members.Values.GroupBy(m => m.BranchId).ToDictionary(g => g.Key, g => g.Count());
        var branches = Record.Branches
            .Select(b => new BranchSummary(b.Key, b.Value.Name, b.Value.District, counts.GetValueOrDefault(b.Key)))
            .OrderBy(b => b.District, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var districts = branches
            .GroupBy(b => b.District)
            .Select(g => new DistrictSummary(g.Key, g.Count(), g.Sum(b => b.MemberCount)))
            .ToList();
        return new OrganisationOverview(Record.Revision, districts, branches, Record.Members.Count);
    }

    private BranchSummary Summary(string branchId)
    {
        var row = Record.Branches[branchId];
        return new BranchSummary(branchId, row.Name, row.District, Record.Members.Values.Count(m => m.BranchId == branchId));
    }

    private BranchRow RequireBranch(string branchId) =>
        Record.Branches.TryGetValue(branchId, out var row) ? row : throw RuleViolation.NotFound("branch.not-found", branchId);

    private Member RequireMember(string memberNo) =>
        Record.Members.TryGetValue(Text.Clean(memberNo).ToUpperInvariant(), out var member) ? member : throw RuleViolation.NotFound("member.not-found", memberNo);

    /// <summary>A district typed with other spacing or case is the existing district.</summary>
    private BranchEdit Canonical(BranchEdit edit) =>
        Record.Branches.Values.FirstOrDefault(b => Text.Key(b.District) == Text.Key(edit.District)) is { } same
            ? edit with { District = same.District }
            : edit;

    private void EnsureNameFree(string name, string? exceptBranchId)
    {
        if (Record.Branches.Any(b => b.Key != exceptBranchId && Text.Key(b.Value.Name) == Text.Key(name)))
        {
            throw RuleViolation.Conflict("branch.name-taken", name);
        }
    }

    private static string NewBranchId() => "b" + Guid.NewGuid().ToString("N")[..12];
}

[GenerateSerializer]
public sealed class OrganisationRecord
{
    [Id(0)] public long Revision { get; set; }
    [Id(1)] public Dictionary<string, BranchRow> Branches { get; set; } = [];
    [Id(2)] public Dictionary<string, Member> Members { get; set; } = [];
    [Id(3)] public int NextSeq { get; set; } = 1;

    /// <summary>Branch changes committed here but not yet confirmed by the branch grains.</summary>
    [Id(4)] public Dictionary<string, BranchChange> Journal { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record BranchRow([property: Id(0)] string Name, [property: Id(1)] string District);
