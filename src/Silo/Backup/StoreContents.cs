using System.Data.Common;
using System.Globalization;
using Engagement.Ledger;
using Engagement.Silo.Ledger;

namespace Engagement.Silo.Backup;

/// <summary>
/// What a store holds, in counts a person running the hall understands, and whether every hash chain and secret
/// ballot box in its ledger still verifies. Read from any database of ours (the embedded SQLite file, a backup's copy
/// of it, or a cluster's PostgreSQL), so a restore can be judged before anyone relies on it.
/// </summary>
/// <param name="Events">Selection events (评选活动): one grain state row each.</param>
/// <param name="Branches">Party branches of the roster.</param>
/// <param name="VotingRounds">Rounds of any event, one grain state row each.</param>
/// <param name="Ballots">Ballots in the rounds' ledgers (open rounds' chains and secret rounds' boxes; a replaced ballot counts each time it was cast).</param>
/// <param name="Scores">Judges' scores of live finals (amendments not counted again).</param>
/// <param name="Matches">Volleyball matches that have a ledger (prepared at least once).</param>
/// <param name="Rallies">Rally taps recorded by scorers.</param>
/// <param name="Answers">Answers of the contests' hall rounds.</param>
/// <param name="Broken">Streams whose chain (or box) does not verify, with the first entry that fails; empty when all verify.</param>
public sealed record StoreContents(
    int Events,
    int Branches,
    int VotingRounds,
    long Ballots,
    long Scores,
    int Tournaments,
    int Matches,
    long Rallies,
    int Contests,
    long Answers,
    long LedgerEntries,
    int LedgerStreams,
    IReadOnlyList<BrokenStream> Broken)
{
    public bool ChainsVerified => Broken.Count == 0;

    /// <summary>Reads the whole ledger, one stream at a time (ordered by stream and sequence), and counts the state rows.</summary>
    public static async Task<StoreContents> ReadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var census = new Census();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT GrainTypeString, COUNT(*) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL GROUP BY GrainTypeString";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                census.AddStateRows(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {AdoNetLedger.Columns} FROM EngagementLedger ORDER BY Stream, Seq";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var stream = new List<LedgerEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = AdoNetLedger.ReadEntry(reader);
                if (stream.Count > 0 && stream[0].Stream != entry.Stream)
                {
                    census.AddStream(stream);
                    stream = [];
                }

                stream.Add(entry);
            }

            if (stream.Count > 0)
            {
                census.AddStream(stream);
            }
        }

        return census.Result();
    }

    /// <summary>The contents in plain English lines, for the command line and logs.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"Selection events: {Events}   branches: {Branches}";
        yield return $"Voting rounds: {VotingRounds}   ballots: {Ballots}   judges' scores: {Scores}";
        yield return $"Tournaments: {Tournaments}   matches: {Matches}   rallies: {Rallies}";
        yield return $"Contests: {Contests}   answers: {Answers}";
        if (ChainsVerified)
        {
            yield return $"Ledger: {LedgerEntries} entries in {LedgerStreams} streams; every hash chain and ballot box verifies.";
        }
        else
        {
            var first = Broken[0];
            yield return $"Ledger: {LedgerEntries} entries in {LedgerStreams} streams; BROKEN: stream {first.Stream} fails at entry {first.FirstBrokenSeq}"
                         + (Broken.Count > 1 ? $" ({Broken.Count - 1} more stream(s) broken)." : ".");
        }
    }

    /// <summary>The counting rules, fed one state-row group and one whole ledger stream at a time.</summary>
    public sealed class Census
    {
        private readonly Dictionary<string, int> _stateRows = new(StringComparer.Ordinal);
        private readonly List<BrokenStream> _broken = [];
        private long _ballots, _scores, _rallies, _answers, _entries;
        private int _matches, _streams;

        public void AddStateRows(string grainType, int rows) =>
            _stateRows[grainType] = _stateRows.GetValueOrDefault(grainType) + rows;

        /// <summary>One whole stream, ordered by sequence number.</summary>
        public void AddStream(IReadOnlyList<LedgerEntry> entries)
        {
            if (entries.Count == 0)
            {
                return;
            }

            var name = entries[0].Stream;
            _streams++;
            _entries += entries.Count;
            // A secret round's box is a set, each entry hashed on its own; every other stream is a chain (as AuditGrain reads them).
            var box = IsBallotBox(name);
            if ((box ? BallotBox.FirstBroken(entries) : LedgerEntry.FirstBroken(entries)) is { } broken)
            {
                _broken.Add(new BrokenStream(name, broken));
            }

            switch (Family(name))
            {
                case "round" when !name.EndsWith(":voters", StringComparison.Ordinal):
                    _ballots += entries.Count(e => e.Kind == "ballot");
                    break;
                case "judging":
                    _scores += entries.Count(e => e.Kind == "score");
                    break;
                case "match":
                    _matches++;
                    _rallies += entries.Count(e => e.Kind == "Rally");
                    break;
                case "contest" when !name.EndsWith(":stage", StringComparison.Ordinal):
                    _answers += entries.Count(e => e.Kind == "answer");
                    break;
            }
        }

        public StoreContents Result() => new(
            Events: Rows("selection"),
            Branches: Rows("branch"),
            VotingRounds: Rows("round"),
            Ballots: _ballots,
            Scores: _scores,
            Tournaments: Rows("tournament"),
            Matches: _matches,
            Rallies: _rallies,
            Contests: Rows("contest"),
            Answers: _answers,
            LedgerEntries: _entries,
            LedgerStreams: _streams,
            Broken: [.. _broken]);

        private int Rows(string grainType) => _stateRows.GetValueOrDefault(grainType);

        /// <summary>"round" of "round:r1:box": the writer's prefix (RoundGrain, JudgingGrain, MatchGrain, TournamentGrain, ContestGrain).</summary>
        private static string Family(string stream) => stream.IndexOf(':') is var colon and > 0 ? stream[..colon] : stream;

        private static bool IsBallotBox(string stream) => stream.EndsWith(":box", StringComparison.Ordinal);
    }
}

/// <param name="FirstBrokenSeq">The first entry (sequence number) whose hash does not verify.</param>
public sealed record BrokenStream(string Stream, long FirstBrokenSeq);
