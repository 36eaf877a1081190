namespace Engagement.Organisation;

/// <summary>
/// Works out what a roster import changes, without doing it: which branches to create or update, which
/// members to add, update or move between branches. Members are matched by member number and branches by
/// name, so importing the same file twice changes nothing the second time.
/// </summary>
public static class RosterPlan
{
    public sealed record Branch(string BranchId, string Name, string District);

    public sealed record Result(
        IReadOnlyList<Branch> Branches,
        IReadOnlyDictionary<string, BranchChange> Changes,
        IReadOnlyList<Member> Members,
        int NextSeq,
        RosterImportSummary Summary);

    /// <param name="branches">Existing branches.</param>
    /// <param name="members">Existing members, by member number.</param>
    /// <param name="newBranchId">Mints an id for a branch seen for the first time.</param>
    /// <param name="nextSeq">The next unused member sequence number.</param>
    public static Result Build(
        IReadOnlyCollection<Branch> branches,
        IReadOnlyDictionary<string, Member> members,
        IReadOnlyList<RosterEntry> entries,
        Func<string> newBranchId,
        int nextSeq)
    {
        var byId = branches.ToDictionary(b => b.BranchId);
        var byName = branches.ToDictionary(b => Text.Key(b.Name), b => b.BranchId);
        // One spelling per district: "一片区" and "一 片区" are the same district, written as first seen.
        var districtSpelling = branches.GroupBy(b => Text.Key(b.District)).ToDictionary(g => g.Key, g => g.First().District);
        string District(string name) => districtSpelling.TryGetValue(Text.Key(name), out var known) ? known : districtSpelling[Text.Key(name)] = name;
        var newBranches = new List<Branch>();
        var touched = new Dictionary<string, Pending>();
        var resulting = new List<Member>(entries.Count);
        int added = 0, updated = 0, moved = 0, unchanged = 0;

        Pending Touch(string branchId) =>
            touched.TryGetValue(branchId, out var pending) ? pending : touched[branchId] = new Pending(branchId);

        if (entries.GroupBy(e => e.MemberNo).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw RuleViolation.Invalid("roster.duplicate-member-no", duplicate.Key);
        }

        foreach (var raw in entries)
        {
            var entry = raw with { District = District(raw.District) };
            var key = Text.Key(entry.Branch);
            if (!byName.TryGetValue(key, out var branchId))
            {
                var created = new Branch(newBranchId(), entry.Branch, entry.District);
                branchId = created.BranchId;
                byName[key] = branchId;
                byId[branchId] = created;
                newBranches.Add(created);
                Touch(branchId);
            }
            else if (byId[branchId].District != entry.District)
            {
                // The file is the truth about which district a branch belongs to.
                byId[branchId] = byId[branchId] with { District = entry.District };
                Touch(branchId);
            }

            if (!members.TryGetValue(entry.MemberNo, out var existing))
            {
                var member = new Member(entry.MemberNo, entry.Name, entry.Phone, branchId, nextSeq++, 0);
                Touch(branchId).Upserts.Add(member);
                resulting.Add(member);
                added++;
                continue;
            }

            var target = existing with { Name = entry.Name, Phone = entry.Phone, BranchId = branchId };
            if (target == existing)
            {
                unchanged++;
            }
            else if (existing.BranchId != branchId)
            {
                Touch(existing.BranchId).Removals.Add(existing.MemberNo);
                Touch(branchId).Upserts.Add(target);
                moved++;
            }
            else
            {
                Touch(branchId).Upserts.Add(target);
                updated++;
            }

            resulting.Add(target);
        }

        var changes = touched.Values
            .Where(t => byId.ContainsKey(t.BranchId))
            .ToDictionary(
                t => t.BranchId,
                t => new BranchChange(byId[t.BranchId].Name, byId[t.BranchId].District, t.Upserts, t.Removals, Delete: false));
        var summary = new RosterImportSummary(entries.Count, added, updated, moved, unchanged, newBranches.Count);
        return new Result(byId.Values.ToList(), changes, resulting, nextSeq, summary);
    }

    private sealed record Pending(string BranchId)
    {
        public List<Member> Upserts { get; } = [];
        public List<string> Removals { get; } = [];
    }
}
