using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Cluster;

/// <summary>
/// A hall of members voting in one open round of the cluster. The roster and the round are made while
/// silo 1 is the only silo (see <see cref="ClusterApp"/>), so the round's grain lives there and killing
/// silo 1 forces the round itself to fail over.
/// </summary>
public sealed class HallVote : IDisposable
{
    public const int Members = 300;
    private const string Prefix = "HALL";

    private HallVote(Selection.RoundSetup round, IReadOnlyList<BranchDto> branches)
    {
        Round = round;
        Branches = branches;
    }

    public Selection.RoundSetup Round { get; }

    public IReadOnlyList<BranchDto> Branches { get; }

    public List<BallotPhone> Phones { get; } = [];

    /// <summary>Every attempt of every phone, in the order the answers came.</summary>
    public ConcurrentQueue<BallotAttempt> Attempts { get; } = new();

    /// <summary>When silo 1 was killed, on the voting clock.</summary>
    public TimeSpan SiloKilledAt { get; set; }

    public int Acknowledged => Phones.Count(p => p.Receipt is not null);

    /// <summary>Imports the hall's roster (six branches) and opens a vote round over one case per branch.</summary>
    public static async Task<HallVote> OpenAsync(ApiClient organiser)
    {
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, Members, branches: 6)), "会场名册.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches.Where(b => b.Name.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        return new HallVote(await organiser.OpenVoteRoundAsync(branches), branches);
    }

    /// <summary>Every member signs in with their code on their own phone; phones take the hosts in turn.</summary>
    public async Task SignInAsync(ApiClient organiser, IReadOnlyList<(string Name, string Url)> hosts)
    {
        var cards = new List<(CodeCardDto Card, string BranchId)>();
        foreach (var branch in Branches)
        {
            cards.AddRange((await organiser.CodesAsync(branch.BranchId)).Codes.Select(c => (c, branch.BranchId)));
        }

        var phones = new BallotPhone[cards.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cards.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var (name, url) = hosts[i % hosts.Count];
            var client = new ApiClient(url);
            await (await client.MemberLoginAsync(cards[i].Card.Code)).ExpectAsync(HttpStatusCode.OK);
            phones[i] = new BallotPhone(cards[i].Card.MemberNo, cards[i].BranchId, Round.ChoicesFor(cards[i].BranchId, i), client, name);
        });
        Phones.AddRange(phones);
    }

    /// <summary>
    /// The hall votes in three parts: the first third taps at once and is answered; then the second third taps
    /// at once, and <paramref name="whileOnTheirWay"/> runs as soon as those ballots are sent (the test kills
    /// a silo there); the last third taps one by one over <paramref name="latecomers"/>. Completes when every
    /// phone has its receipt or was refused for good.
    /// </summary>
    public async Task VoteAsync(Stopwatch clock, Action whileOnTheirWay, TimeSpan latecomers, CancellationToken ct)
    {
        var third = Phones.Count / 3;
        await Task.WhenAll(Phones.Take(third).Select(p => p.VoteAsync(Round.RoundId, clock, Attempts.Enqueue, ct)));
        var second = Phones.Skip(third).Take(third).Select(p => p.VoteAsync(Round.RoundId, clock, Attempts.Enqueue, ct)).ToList();
        whileOnTheirWay();
        var late = Phones.Skip(2 * third).Select(async p =>
        {
            await Task.Delay(latecomers * Random.Shared.NextDouble(), ct);
            await p.VoteAsync(Round.RoundId, clock, Attempts.Enqueue, ct);
        });
        await Task.WhenAll(second.Concat(late));
    }

    public void Dispose()
    {
        foreach (var phone in Phones)
        {
            phone.Dispose();
        }
    }
}
