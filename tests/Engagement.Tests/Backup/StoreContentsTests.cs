using Engagement.Ledger;
using Engagement.Silo.Backup;
using Engagement.Silo.Hosting;
using Engagement.Silo.Ledger;
using Microsoft.Data.Sqlite;

namespace Engagement.Tests.Backup;

/// <summary>
/// The contents check counts what each grain writes to the ledger under its own stream name and kind, and names the
/// first stream whose chain (or secret ballot box) no longer verifies — whatever was changed or removed.
/// </summary>
public sealed class StoreContentsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engagement-contents-" + Guid.NewGuid().ToString("N")[..12]);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await EngagementSilo.PrepareEmbeddedStoreAsync(_directory);

    public Task DisposeAsync()
    {
        // This store's pool only: clearing every pool would close other tests' connections (and checkpoint their logs).
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A hall's worth of every writer's streams, with the kinds the grains write (RoundGrain, JudgingGrain, MatchGrain, ContestGrain…).</summary>
    private static List<LedgerEntry> Hall()
    {
        var at = DateTimeOffset.Parse("2026-07-01T09:00:00+08:00");
        var open = new LedgerChain("round:r1");
        var voters = new LedgerChain("round:r2:voters");
        var judging = new LedgerChain("judging:r3");
        var match = new LedgerChain("match:t1/GA-R1-M1");
        var tournament = new LedgerChain("tournament:t1");
        var contest = new LedgerChain("contest:c1");
        var stage = new LedgerChain("contest:c1:stage");
        return
        [
            open.Append("configured", "organiser", null, "{}", at),
            open.Append("ballot", "M001", "R-1", """{"c":["a"]}""", at),
            open.Append("ballot", "M002", "R-2", """{"c":["b"]}""", at),
            open.Append("refused", "M002", null, """{"r":"ballot.already-voted"}""", at),
            open.Append("ballot", "M003", "R-3", """{"c":["a"]}""", at),
            BallotBox.Entry("round:r2:box", "S-1", """{"c":["x"]}"""),
            BallotBox.Entry("round:r2:box", "S-2", """{"c":["y"]}"""),
            voters.Append("voted", "M001", null, "{}", DateTimeOffset.UnixEpoch),
            voters.Append("voted", "M002", null, "{}", DateTimeOffset.UnixEpoch),
            judging.Append("present", "organiser", null, "{}", at),
            judging.Append("score", "J1", null, "{}", at),
            judging.Append("score", "J2", null, "{}", at),
            judging.Append("amend", "J1", null, "{}", at),
            tournament.Append("started", "tournament", null, "{}", at),
            match.Append("prepare", "tournament", null, "{}", at),
            match.Append("Rally", "S1", null, """{"team":"A"}""", at),
            match.Append("Rally", "S1", null, """{"team":"B"}""", at),
            match.Append("Undo", "S1", null, "{}", at),
            match.Append("Rally", "S1", null, """{"team":"A"}""", at),
            contest.Append("start", "organiser", null, "{}", at),
            contest.Append("answer", "M001", "A-1", "{}", at),
            contest.Append("answer", "M002", "A-2", "{}", at),
            contest.Append("refused", "M003", null, "{}", at),
            stage.Append("buzz", "T1", null, "{}", at),
        ];
    }

    [Fact]
    public async Task Counts_follow_each_writers_stream_names_and_kinds_and_every_chain_verifies()
    {
        await new AdoNetLedger(SqliteFactory.Instance, _connectionString).AppendAsync(Hall());

        var contents = await ReadAsync();

        Assert.Equal(5, contents.Ballots); // three in the open round's chain, two in the secret round's box; refusals and participations are not ballots
        Assert.Equal(2, contents.Scores); // an amendment is not a second score
        Assert.Equal(1, contents.Matches);
        Assert.Equal(3, contents.Rallies);
        Assert.Equal(2, contents.Answers); // the stage's buzzes and refused answers are not answers
        Assert.Equal(24, contents.LedgerEntries);
        Assert.Equal(8, contents.LedgerStreams);
        Assert.True(contents.ChainsVerified);
        Assert.Contains("every hash chain and ballot box verifies", contents.Describe().Last());
    }

    public static TheoryData<string, string, long> Tampering() => new()
    {
        // What was done to the stored rows, the stream that must be named, and the first entry that fails.
        { "UPDATE EngagementLedger SET Data = '{\"c\":[\"b\"]}' WHERE Stream = 'round:r1' AND Seq = 2", "round:r1", 2 },
        { "DELETE FROM EngagementLedger WHERE Stream = 'match:t1/GA-R1-M1' AND Seq = 2", "match:t1/GA-R1-M1", 2 },
        { "UPDATE EngagementLedger SET Actor = 'M009' WHERE Stream = 'contest:c1' AND Seq = 3", "contest:c1", 3 },
        { "UPDATE EngagementLedger SET Data = '{\"c\":[\"y\"]}' WHERE Stream = 'round:r2:box' AND Receipt = 'S-1'", "round:r2:box", -1 },
        { "UPDATE EngagementLedger SET AtMs = AtMs + 1 WHERE Stream = 'judging:r3' AND Seq = 4", "judging:r3", 4 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_changed_or_removed_entry_names_its_stream_and_the_first_entry_that_fails(string sql, string stream, long seq)
    {
        await new AdoNetLedger(SqliteFactory.Instance, _connectionString).AppendAsync(Hall());
        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var contents = await ReadAsync();

        var broken = Assert.Single(contents.Broken);
        Assert.Equal(stream, broken.Stream);
        if (seq > 0)
        {
            Assert.Equal(seq, broken.FirstBrokenSeq);
        }

        Assert.False(contents.ChainsVerified);
        Assert.Contains($"BROKEN: stream {stream}", contents.Describe().Last());
    }

    [Fact]
    public async Task State_rows_give_the_events_branches_rounds_tournaments_and_contests()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        var rows = new[] { "selection", "selection", "branch", "branch", "branch", "round", "tournament", "contest", "contest", "screen" };
        for (var i = 0; i < rows.Length; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version) "
                                 + $"VALUES ({i}, 0, {i}, 1, '{rows[i]}', 'k{i}', 'engagement', x'01', '2026-07-01', 1)";
            await insert.ExecuteNonQueryAsync();
        }

        // A cleared grain (no payload) is not counted.
        await using (var cleared = connection.CreateCommand())
        {
            cleared.CommandText = "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version) "
                                  + "VALUES (99, 0, 99, 1, 'round', 'gone', 'engagement', NULL, '2026-07-01', 2)";
            await cleared.ExecuteNonQueryAsync();
        }

        var contents = await StoreContents.ReadAsync(connection);

        Assert.Equal((2, 3, 1, 1, 2), (contents.Events, contents.Branches, contents.VotingRounds, contents.Tournaments, contents.Contests));
        Assert.Equal(0, contents.LedgerEntries);
        Assert.True(contents.ChainsVerified);
    }

    private async Task<StoreContents> ReadAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return await StoreContents.ReadAsync(connection);
    }
}
