using Engagement.Storage;

namespace Engagement.Selection;

/// <summary>
/// One case file. Kept in grain storage so that every web host of a cluster can serve it; written
/// once and never changed.
/// </summary>
public sealed class AttachmentGrain(
    [PersistentState("attachment", StorageNames.Durable)] IPersistentState<AttachmentRecord> state) : Grain, IAttachmentGrain
{
    public async Task<AttachmentRef> Store(string fileName, string contentType, byte[] content)
    {
        if (state.RecordExists)
        {
            throw RuleViolation.Conflict("attachment.exists");
        }

        var kind = AttachmentRules.Check(fileName, contentType, content);
        state.State.Ref = new AttachmentRef(this.GetPrimaryKeyString(), AttachmentRules.SafeFileName(fileName), kind, content.LongLength);
        state.State.Content = content;
        await state.WriteOrRetireAsync(this);
        return state.State.Ref;
    }

    public Task<AttachmentContent?> Read() =>
        Task.FromResult(state.RecordExists && state.State.Ref is { } r ? new AttachmentContent(r, state.State.Content) : null);
}

[GenerateSerializer]
public sealed class AttachmentRecord
{
    [Id(0)] public AttachmentRef? Ref { get; set; }
    [Id(1)] public byte[] Content { get; set; } = [];
}
