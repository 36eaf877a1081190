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
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "request.too-large", Operations.RequestSizeLimit.Label(context));
                return true;
            case BadHttpRequestException { InnerException: Operations.NullElementException nullElement } bad:
                await Problems.Write(context, bad.StatusCode, "request.bad-field", Shorten(nullElement.Field));
                return true;
            case BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { Length: > 1 } path } } bad:
                // Name the field ("$.criteria[0].maxPoints" → criteria[0].maxPoints), cut short: the name is the caller's text.
                await Problems.Write(context, bad.StatusCode, "request.bad-field", Shorten(path.TrimStart('$').TrimStart('.')));
                return true;
            case BadHttpRequestException bad:
                await Problems.Write(context, bad.StatusCode, "request.bad-body");
                return true;
            case ArgumentException { ParamName: "primaryKey" }:
                // An id Orleans cannot use as a grain key (empty or whitespace) names nothing that exists.
                await Problems.Write(context, StatusCodes.Status404NotFound, "request.not-found");
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

    private static string Shorten(string field) => field.Length > 60 ? field[..60] + "…" : field;
}
