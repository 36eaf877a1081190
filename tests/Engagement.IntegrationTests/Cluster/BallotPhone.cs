using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Cluster;

/// <summary>
/// One attempt at sending a ballot and what came back. Status 0 means no answer at all (the connection
/// failed or the phone gave up waiting). Times are on the test's clock.
/// </summary>
public sealed record BallotAttempt(string MemberNo, string Via, int Attempt, TimeSpan SentAt, TimeSpan At, int Status, bool RetryAfter, string Body)
{
    public bool Acknowledged => Status == 200;
}

/// <summary>
/// A member's phone sending one ballot the way member.js does: the ballot id is made once, and every
/// retry sends the same id; network failures and 408/429/502/503/504 are retried after Retry-After or an
/// exponential back-off (1, 2, 4, 8, then 10 s, with jitter), whichever is longer; each attempt waits
/// at most 20 s for an answer. A 4xx refusal is final. An unexpected error (e.g. 500) is sent again
/// too, as the member would by tapping "resend" — the test reports it as a failure either way.
/// </summary>
public sealed class BallotPhone(string memberNo, string branchId, IReadOnlyList<string> choices, ApiClient client, string via) : IDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    public string MemberNo { get; } = memberNo;

    public string BranchId { get; } = branchId;

    public IReadOnlyList<string> Choices { get; } = choices;

    /// <summary>Which host (or balancer) this phone talks to, for the report.</summary>
    public string Via { get; } = via;

    public ApiClient Client { get; } = client;

    public string BallotId { get; } = Guid.NewGuid().ToString("N");

    public string? Receipt { get; private set; }

    public TimeSpan? FirstSentAt { get; private set; }

    public TimeSpan? AcknowledgedAt { get; private set; }

    /// <summary>From the first tap to the receipt on screen.</summary>
    public TimeSpan? Waited => AcknowledgedAt - FirstSentAt;

    /// <summary>Sends until the server acknowledges the ballot or refuses it for good; <paramref name="record"/> sees every attempt.</summary>
    public async Task VoteAsync(string roundId, Stopwatch clock, Action<BallotAttempt> record, CancellationToken ct)
    {
        var url = $"/api/member/rounds/{roundId}/ballots";
        for (var attempt = 1; Receipt is null; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var sentAt = clock.Elapsed;
            FirstSentAt ??= sentAt;
            int status;
            var retryAfter = TimeSpan.Zero;
            var body = string.Empty;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(AttemptTimeout);
                using var response = await Client.Http.PostAsJsonAsync(url, new { ballotId = BallotId, choices = Choices }, timeout.Token);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync(timeout.Token);
                retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Receipt = JsonDocument.Parse(body).RootElement.GetProperty("receipt").GetString();
                    AcknowledgedAt = clock.Elapsed;
                }

                record(new BallotAttempt(MemberNo, Via, attempt, sentAt, clock.Elapsed, status, response.Headers.RetryAfter is not null, status == 200 ? string.Empty : Shorten(body)));
            }
            catch (Exception e) when ((e is HttpRequestException or OperationCanceledException) && !ct.IsCancellationRequested)
            {
                status = 0;
                record(new BallotAttempt(MemberNo, Via, attempt, sentAt, clock.Elapsed, 0, false, e is OperationCanceledException ? $"no answer within {AttemptTimeout.TotalSeconds:F0} s" : e.Message));
            }

            if (Receipt is not null)
            {
                return;
            }

            if (status is >= 400 and < 500 and not (408 or 429))
            {
                return; // Decided by the server: the page shows why and stops.
            }

            var backoff = TimeSpan.FromMilliseconds(Math.Min(10_000, 1000 * Math.Pow(2, attempt - 1)) * (0.85 + Random.Shared.NextDouble() * 0.3));
            var capped = backoff < TimeSpan.FromSeconds(10) ? backoff : TimeSpan.FromSeconds(10);
            await Task.Delay(retryAfter > TimeSpan.Zero ? (retryAfter > capped ? retryAfter : capped) : backoff, ct);
        }
    }

    public void Dispose() => Client.Dispose();

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;
}
