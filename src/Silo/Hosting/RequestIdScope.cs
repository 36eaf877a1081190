using Microsoft.Extensions.Logging;

namespace Engagement.Silo.Hosting;

/// <summary>
/// Joins a grain's log lines to the web request that caused them. The web host puts ASP.NET Core's request id
/// (the <c>RequestId</c> its own log lines carry as a scope) into Orleans' <see cref="RequestContext"/>, which travels
/// with the call to whichever silo runs the grain, and on to the grains that grain calls. Here, on the silo, every
/// incoming call that carries one runs inside a logging scope with the same name and value, so with JSON logs
/// (<c>Logging:Format=json</c>) a ballot's web line and its grain line share <c>"RequestId"</c>. A call without
/// one (timers, reminders, the silo's own work) costs one dictionary look-up.
/// </summary>
public sealed class RequestIdScope(ILogger<RequestIdScope> logger) : IIncomingGrainCallFilter
{
    /// <summary>The RequestContext key, and the scope's property name (the same as ASP.NET Core's).</summary>
    public const string Key = "RequestId";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(Key) is not string requestId)
        {
            await context.Invoke();
            return;
        }

        // Scopes are shared by every logger of the process, so this one scope shows on the grain's own lines.
        using (logger.BeginScope(new RequestIdState(requestId)))
        {
            await context.Invoke();
        }
    }

    /// <summary>One property, formatted as ASP.NET Core formats its own scope ("RequestId:…").</summary>
    private sealed class RequestIdState(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{Key}:{requestId}";
    }
}
