using Engagement.Live;
using Engagement.Storage;

namespace Engagement.Screens;

public sealed class ScreenGrain : Grain, IScreenGrain
{
    private readonly IPersistentState<ScreenRecord> _state;
    private readonly LiveTopicPublisher _live;

    public ScreenGrain([PersistentState("screen", StorageNames.Durable)] IPersistentState<ScreenRecord> state)
    {
        _state = state;
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
    }

    public Task<ScreenState> Get() => Task.FromResult(Current());

    public async Task<ScreenState> Show(ScreenContent content)
    {
        var text = ScreenText.Validate(content);
        _state.State.Headline = text.Headline;
        _state.State.Notice = text.Notice;
        _state.State.Mode = text.Mode;
        _state.State.RoundId = text.RoundId;
        _state.State.Revision++;
        _state.State.ChangedAt = DateTimeOffset.UtcNow;
        await _state.WriteOrRetireAsync(this);
        _live.Changed();
        return Current();
    }

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    private TopicUpdate Snapshot() => new(Topics.Screen(this.GetPrimaryKeyString()), _state.State.Revision, Current());

    private ScreenState Current() => new(
        this.GetPrimaryKeyString(),
        _state.State.Revision,
        _state.State.Headline ?? ScreenText.DefaultHeadline,
        _state.State.Notice,
        _state.State.ChangedAt,
        _state.State.Mode,
        _state.State.RoundId);
}

[GenerateSerializer]
public sealed class ScreenRecord
{
    [Id(0)] public long Revision { get; set; }
    [Id(1)] public string? Headline { get; set; }
    [Id(2)] public string? Notice { get; set; }
    [Id(3)] public DateTimeOffset ChangedAt { get; set; }
    [Id(4)] public ScreenMode Mode { get; set; }
    [Id(5)] public string? RoundId { get; set; }
}
