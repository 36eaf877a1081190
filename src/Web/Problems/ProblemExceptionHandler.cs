using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace Engagement.Web.Problems;

/// <summary>
/// The one place exceptions become responses: rule violations are the caller's mistake (4xx), a cluster
/// that cannot place a call right now is retryable (503 with Retry-After), anything else is logged.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case RuleViolation violation:
                await Problems.From(context, violation).ExecuteAsync(context);
                return true;
            case BadHttpRequestException bad:
                var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
                await Problems.Write(context, bad.StatusCode, tooLarge ? "request.too-large" : "request.bad-body", "10 MB");
                return true;
            case TryAgainLater:
                context.Response.Headers.RetryAfter = "1";
                await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "server.unavailable");
                return true;
            case SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException:
                logger.LogWarning(exception, "Cluster unavailable for {Path}", context.Request.Path);
                context.Response.Headers.RetryAfter = "2";
                await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "server.unavailable");
                return true;
            default:
                return false;
        }
    }
}
