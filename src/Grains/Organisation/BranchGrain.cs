using Engagement.Storage;

namespace Engagement.Organisation;

/// <summary>One branch and its members, as last confirmed by the organisation. See <see cref="IBranchGrain"/>.</summary>
public sealed class BranchGrain(
    [PersistentState("branch", StorageNames.Durable)] IPersistentState<BranchRecord> state) : Grain, IBranchGrain
{
    public Task<BranchDetails?> GetDetails()
    {
        if (!state.RecordExists || state.State.Deleted)
        {
            return Task.FromResult<BranchDetails?>(null);
        }

        var members = state.State.Members.Values.OrderBy(m => m.MemberNo, StringComparer.Ordinal).ToList();
        var summary = new BranchSummary(this.GetPrimaryKeyString(), state.State.Name, state.State.District, members.Count);
        return Task.FromResult<BranchDetails?>(new BranchDetails(summary, members));
    }

    public Task<BranchSummary?> GetSummary() =>
        Task.FromResult(!state.RecordExists || state.State.Deleted
            ? null
            : new BranchSummary(this.GetPrimaryKeyString(), state.State.Name, state.State.District, state.State.Members.Count));

    public async Task Apply(BranchChange change)
    {
        var record = state.State;
        record.Name = change.Name;
        record.District = change.District;
        record.Deleted = change.Delete;
        foreach (var memberNo in change.Removals)
        {
            record.Members.Remove(memberNo);
        }

        foreach (var member in change.Upserts)
        {
            record.Members[member.MemberNo] = member;
        }

        if (change.Delete)
        {
            await state.ClearStateAsync();
            return;
        }

        await state.WriteOrRetireAsync(this);
    }
}

[GenerateSerializer]
public sealed class BranchRecord
{
    [Id(0)] public string Name { get; set; } = string.Empty;
    [Id(1)] public string District { get; set; } = string.Empty;
    [Id(2)] public Dictionary<string, Member> Members { get; set; } = [];
    [Id(3)] public bool Deleted { get; set; }
}
