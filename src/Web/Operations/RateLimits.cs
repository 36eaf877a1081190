using System.Security.Claims;
using System.Threading.RateLimiting;
using Engagement.Web.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Engagement.Web.Operations;

/// <summary>How many requests one caller may make, set under Engagement:RateLimits.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Engagement:RateLimits";

    /// <summary>
    /// Sign-in attempts, right or wrong, per caller address: a burst that lets a full hall behind one NAT
    /// sign in at once, then a steady rate. Wrong guesses have their own, far smaller budget (<see cref="GuessLimits"/>).
    /// </summary>
    public int SignInBurst { get; set; } = 600;

    public int SignInsPerSecond { get; set; } = 10;

    /// <summary>
    /// Ballots per signed-in member: a phone resending on a poor network (every second or slower) is never
    /// refused, a script posting hundreds a second is. A refused phone waits Retry-After and sends again.
    /// </summary>
    public int BallotBurst { get; set; } = 10;

    public int BallotsPerSecond { get; set; } = 5;
}

/// <summary>
/// ASP.NET Core's rate limiter for sign-ins (per address) and ballots (per member). Refusals are 429 with
/// Retry-After and a problem body in the reader's language, never the framework's bare 503. The limiters
/// live in each web host's memory: docs/security.md says what that means with several hosts.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Ballots = "ballots";

    /// <summary>Contest answers (per member) and team desk buzzes (per link): the ballots' budget, with their own message.</summary>
    public const string Answers = "answers";

    public static WebApplicationBuilder AddEngagementRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = Refuse;
            o.AddPolicy(SignIn, http => RateLimitPartition.GetTokenBucketLimiter(http.ClientKey(),
                _ => Bucket(limits.SignInBurst, limits.SignInsPerSecond)));
            // Partitioned by who is signed in, never by address: a hall shares addresses, not members.
            o.AddPolicy(Ballots, http => http.User.FindFirstValue(Claims.Subject) is { } member
                ? RateLimitPartition.GetTokenBucketLimiter(member, _ => Bucket(limits.BallotBurst, limits.BallotsPerSecond))
                : RateLimitPartition.GetNoLimiter("anonymous"));
            o.AddPolicy(Answers, http => http.User.FindFirstValue(Claims.Subject) is { } who
                ? RateLimitPartition.GetTokenBucketLimiter(who, _ => Bucket(limits.BallotBurst, limits.BallotsPerSecond))
                : RateLimitPartition.GetNoLimiter("anonymous"));
        });
        return builder;
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask Refuse(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        await Problems.Problems.Write(http, StatusCodes.Status429TooManyRequests, policy switch
        {
            Ballots => "ballot.throttled",
            Answers => "contest.throttled",
            _ => "auth.throttled",
        }, seconds);
    }
}
