using Engagement.Organisation;

namespace Engagement.Web.Access;

/// <summary>
/// This web host's copy of every member's code generation, so that each request of a signed-in member is
/// checked against revocation and removal with a dictionary lookup instead of a call to the organisation grain.
/// </summary>
/// <remarks>
/// The copy is refreshed every <see cref="RefreshInterval"/> (one small call that returns nothing while the roster
/// is unchanged), and at once after this host changed the roster: a revoked code or a removed member loses their
/// sign-in within seconds on every host. A member the copy does not know (imported a moment ago on another host)
/// is asked of the grain directly. Before this, each phone's cookie carried the time of its last check and was
/// re-checked and re-issued every two minutes — a grain call and a cookie encryption on most ballots of a hall
/// whose phones signed in before the vote (issue #11).
/// </remarks>
public sealed class MemberRevocations(IGrainFactory grains, ILogger<MemberRevocations> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private volatile MemberStandings _standings = new(-1, new Dictionary<string, int>());
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public enum Standing
    {
        Valid,
        Revoked,
    }

    /// <summary>Whether the member's sign-in made with <paramref name="generation"/> still stands.</summary>
    public ValueTask<Standing> CheckAsync(string memberNo, string? generation)
    {
        if (_standings.Generations.TryGetValue(memberNo, out var current))
        {
            return ValueTask.FromResult(Matches(current, generation));
        }

        return AskAsync(memberNo, generation);
    }

    /// <summary>Reads the roster now (after this host changed it), instead of at the next interval.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var known = _standings;
            if (await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetStandings(known.Revision) is { } fresh)
            {
                _standings = fresh;
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last copy keeps serving; members the copy does not know are still asked directly.
                logger.LogWarning(e, "Could not refresh the members' code generations; keeping revision {Revision}", _standings.Revision);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async ValueTask<Standing> AskAsync(string memberNo, string? generation)
    {
        var member = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).FindMember(memberNo);
        return member is null ? Standing.Revoked : Matches(member.CodeGeneration, generation);
    }

    private static Standing Matches(int current, string? generation) =>
        int.TryParse(generation, out var signedIn) && signedIn == current ? Standing.Valid : Standing.Revoked;
}
