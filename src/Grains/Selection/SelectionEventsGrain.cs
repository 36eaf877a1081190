using Engagement.Storage;

namespace Engagement.Selection;

/// <summary>The list of selection events, newest first.</summary>
public sealed class SelectionEventsGrain(
    [PersistentState("selection-events", StorageNames.Durable)] IPersistentState<SelectionEventsRecord> state) : Grain, ISelectionEventsGrain
{
    public Task<IReadOnlyList<SelectionEventSummary>> List() =>
        Task.FromResult<IReadOnlyList<SelectionEventSummary>>(state.State.Events.OrderByDescending(e => e.CreatedAt).ToList());

    public async Task Renamed(string eventId, string title)
    {
        var index = state.State.Events.FindIndex(e => e.EventId == eventId);
        if (index >= 0)
        {
            state.State.Events[index] = state.State.Events[index] with { Title = title };
            await state.WriteOrRetireAsync(this);
        }
    }

    public async Task<SelectionEventSummary> Create(string title)
    {
        var id = "e" + Guid.NewGuid().ToString("N")[..10];
        var created = await GrainFactory.GetGrain<ISelectionEventGrain>(id).Create(title);
        var summary = new SelectionEventSummary(id, created.Title, DateTimeOffset.UtcNow);
        state.State.Events.Add(summary);
        await state.WriteOrRetireAsync(this);
        return summary;
    }
}

[GenerateSerializer]
public sealed class SelectionEventsRecord
{
    [Id(0)] public List<SelectionEventSummary> Events { get; set; } = [];
}
