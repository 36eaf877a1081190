namespace Engagement.Tests.Selection.Conformance;

/// <summary>The voting guarantees on memory grain storage and the in-memory ledger (the grain tests' cluster).</summary>
public sealed class MemoryVotingConformance(MemoryBackend backend) : VotingConformance(backend), IClassFixture<MemoryBackend>;

/// <summary>The voting guarantees on the embedded mode's SQLite file.</summary>
public sealed class SqliteVotingConformance(SqliteBackend backend) : VotingConformance(backend), IClassFixture<SqliteBackend>;

/// <summary>The voting guarantees on PostgreSQL, as a cluster stores them. Needs ENGAGEMENT_TEST_POSTGRES.</summary>
public sealed class PostgresVotingConformance(PostgresBackend backend) : VotingConformance(backend), IClassFixture<PostgresBackend>;
