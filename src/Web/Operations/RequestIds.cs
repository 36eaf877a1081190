using Engagement.Silo.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// Carries the web request's id into the grain calls it makes, so a ballot's web log line and its grain's log line
/// share one <c>RequestId</c> (with JSON logs, both carry it as a scope property). The id is ASP.NET Core's own
/// (<see cref="HttpContext.TraceIdentifier"/>, the <c>RequestId</c> of its hosting scope); Orleans'
/// <see cref="RequestContext"/> takes it to the silo, where <see cref="RequestIdScope"/> opens the matching scope.
/// Registered as a service, so the embedded silo and a cluster web host's client both pick it up.
/// </summary>
public static class RequestIds
{
    public static WebApplicationBuilder AddEngagementRequestIds(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, RequestIdCallFilter>();
        return builder;
    }
}

/// <summary>Puts the current request's id on outgoing grain calls that do not carry one yet.</summary>
public sealed class RequestIdCallFilter(IHttpContextAccessor http) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        // A grain calling another grain passes on the id it was called with; only a call straight from a request sets it.
        if (RequestContext.Get(RequestIdScope.Key) is null && http.HttpContext?.TraceIdentifier is { } requestId)
        {
            return WithId(context, requestId);
        }

        return context.Invoke();
    }

    private static async Task WithId(IOutgoingGrainCallContext context, string requestId)
    {
        // RequestContext flows like an AsyncLocal: set inside this async method, it is gone again for the caller's
        // next call, which sets its own.
        RequestContext.Set(RequestIdScope.Key, requestId);
        await context.Invoke();
    }
}
