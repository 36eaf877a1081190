using Npgsql;

namespace Engagement.Testing;

/// <summary>
/// The throwaway PostgreSQL server that scripts/test.sh starts on 127.0.0.1. Each test gets its own
/// database so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ENGAGEMENT_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException(
            $"{Variable} is not set: run the suite with `bash scripts/test.sh`, which starts a throwaway PostgreSQL.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "engagement_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }
}
