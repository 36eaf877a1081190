namespace Engagement.Ordering;

/// <summary>
/// One state change at a time on a grain that otherwise interleaves (a reentrant round taking ballots,
/// a match whose tournament may call in while it reports). Each action starts only when the one before
/// it has finished, so a check, the awaited write and the change it guards form one step that no other
/// organiser action can split. Ballots and reads stay outside the lane and keep interleaving.
/// Used only on the grain's own scheduler, so the tail needs no lock.
/// </summary>
public sealed class OrderedLane
{
    private Task _tail = Task.CompletedTask;

    public async Task<T> Run<T>(Func<Task<T>> action)
    {
        var previous = _tail;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tail = done.Task;
        try
        {
            // The previous action's own caller sees its failure; the lane only waits for it to end.
            await previous;
            return await action();
        }
        finally
        {
            done.SetResult();
        }
    }

    public Task Run(Func<Task> action) => Run(async () =>
    {
        await action();
        return true;
    });
}
