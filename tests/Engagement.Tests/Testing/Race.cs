using System.Diagnostics;

namespace Engagement.Tests.Testing;

/// <summary>What one side of a race was told: a value, or a refusal. Anything else fails the test.</summary>
public sealed record Answer<T>(T? Value, RuleViolation? Refusal, TimeSpan Took)
{
    public bool Accepted => Refusal is null;
}

/// <summary>
/// Sends two calls at the same moment (both wait on one gate, then go), as two organisers' clicks or a
/// click and a scorer's tap arrive. Neither may wait for a timeout: if both are not answered within
/// <see cref="Patience"/> (well under the silo's response timeout), the grains are waiting on each other.
/// </summary>
public static class Race
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<(Answer<TA> First, Answer<TB> Second)> AtOnce<TA, TB>(Func<Task<TA>> first, Func<Task<TB>> second)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = Run(gate.Task, first);
        var b = Run(gate.Task, second);
        gate.SetResult();
        var both = Task.WhenAll(a, b);
        if (await Task.WhenAny(both, Task.Delay(Patience)) != both)
        {
            Assert.Fail($"The two calls were not both answered within {Patience.TotalSeconds} s: a call cycle or a lock.");
        }

        return (await a, await b);
    }

    public static Task<(Answer<bool> First, Answer<bool> Second)> AtOnce(Func<Task> first, Func<Task> second) =>
        AtOnce(async () => { await first(); return true; }, async () => { await second(); return true; });

    private static async Task<Answer<T>> Run<T>(Task gate, Func<Task<T>> action)
    {
        await gate;
        var clock = Stopwatch.StartNew();
        try
        {
            return new Answer<T>(await action(), null, clock.Elapsed);
        }
        catch (RuleViolation refused)
        {
            return new Answer<T>(default, refused, clock.Elapsed);
        }
    }
}
