using Engagement.Live;
using Engagement.Storage;

namespace Engagement.Screens;

public sealed class ScreenGrain : Grain, IScreenGrain
{
    /// <summary>Notices kept for views not on screen; the oldest go first (an event has a handful of views).</summary>
    private const int KeptNotices = 32;

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
        var s = _state.State;
        s.Headline = text.Headline;
        if (text.Mode is not { } mode)
        {
            // A text edit: the words of the view on screen, nothing else.
            s.Notice = text.Notice;
        }
        else
        {
            var from = ScreenText.ViewKey(s.Mode, s.RoundId);
            var to = ScreenText.ViewKey(mode, text.RoundId);
            if (from != to)
            {
                s.Notices ??= [];
                s.Notices.RemoveAll(n => n.View == from);
                if (s.Notice is not null)
                {
                    s.Notices.Add(new ViewNotice(from, s.Notice)); // appended last: the list's order is the age order
                }

                var kept = s.Notices.Find(n => n.View == to);
                s.Notices.RemoveAll(n => n.View == to);
                s.Notice = kept?.Notice;
                if (s.Notices.Count > KeptNotices)
                {
                    s.Notices.RemoveRange(0, s.Notices.Count - KeptNotices);
                }

                s.Mode = mode;
                s.RoundId = text.RoundId;
                s.RankingRevealed = null;
                s.RankingPage = 0;
            }

            if (text.Notice is not null)
            {
                s.Notice = text.Notice;
            }
        }

        await Commit();
        return Current();
    }

    public async Task<ScreenState> StepRanking(RankingStep step)
    {
        step = ScreenText.Validate(step);
        _state.State.RankingRevealed = step.Revealed;
        _state.State.RankingPage = step.Page;
        await Commit();
        return Current();
    }

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    private async Task Commit()
    {
        _state.State.Revision++;
        _state.State.ChangedAt = DateTimeOffset.UtcNow;
        await _state.WriteOrRetireAsync(this);
        _live.Changed();
    }

    private TopicUpdate Snapshot() => new(Topics.Screen(this.GetPrimaryKeyString()), _state.State.Revision, Current());

    private ScreenState Current() => new(
        this.GetPrimaryKeyString(),
        _state.State.Revision,
        _state.State.Headline ?? ScreenText.DefaultHeadline,
        _state.State.Notice,
        _state.State.ChangedAt,
        _state.State.Mode,
        _state.State.RoundId,
        new RankingStep(_state.State.RankingRevealed, _state.State.RankingPage));
}

[GenerateSerializer]
public sealed class ScreenRecord
{
    [Id(0)] public long Revision { get; set; }
    [Id(1)] public string? Headline { get; set; }

    /// <summary>The notice of the view on screen.</summary>
    [Id(2)] public string? Notice { get; set; }
    [Id(3)] public DateTimeOffset ChangedAt { get; set; }
    [Id(4)] public ScreenMode Mode { get; set; }
    [Id(5)] public string? RoundId { get; set; }

    /// <summary>The notices of views not on screen, by <see cref="ScreenText.ViewKey"/>, oldest first.</summary>
    [Id(6)] public List<ViewNotice>? Notices { get; set; }
    [Id(7)] public int? RankingRevealed { get; set; }
    [Id(8)] public int RankingPage { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record ViewNotice([property: Id(0)] string View, [property: Id(1)] string Notice);
