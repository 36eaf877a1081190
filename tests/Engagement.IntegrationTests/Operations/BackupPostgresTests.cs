using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// Issue 13 §3 for a cluster: a database a real silo and web host filled (a roster, a vote round, ballots) is dumped
/// with <c>pg_dump -Fc</c>, restored with <c>pg_restore --no-owner</c> into a fresh database, the silo's schema command
/// runs on it (idempotent), and the contents check finds the same counts with every chain verified. The cluster's
/// <c>backup</c> command and console button point to pg_dump instead. Fails without ENGAGEMENT_TEST_POSTGRES.
/// </summary>
[Collection(Collections.Cluster)]
public sealed class BackupPostgresTests(ITestOutputHelper output)
{
    private const int Members = 30;

    [Fact]
    public async Task A_pg_dump_restored_into_a_fresh_database_passes_the_schema_command_and_holds_the_same_contents()
    {
        var source = await TestPostgres.CreateDatabaseAsync();
        var schema = await AppProcess.RunSchemaCommandAsync(source);
        Assert.True(schema.ExitCode == 0, schema.Output);
        int ballots;
        using var temp = new TempDirectory();

        await using (var silo = AppProcess.StartSilo("backup-pg-silo", new Dictionary<string, string>
                     {
                         ["ConnectionStrings:Engagement"] = source,
                         ["Engagement:Silo:SiloPort"] = AppProcess.FreePort().ToString(),
                         ["Engagement:Silo:GatewayPort"] = AppProcess.FreePort().ToString(),
                         ["Engagement:Silo:AdvertisedAddress"] = "127.0.0.1",
                     }))
        {
            await silo.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
            var settings = ClusterWebSettings(source);
            await using var web = await AppProcess.StartWebAsync("backup-pg-web", settings);
            using var organiser = await web.OrganiserAsync("en");
            await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("PG", Members, 4)), "roster.xlsx");
            var branches = (await organiser.OverviewAsync()).Branches;
            var round = await organiser.OpenVoteRoundAsync(branches);
            var phones = await BackupCommand.SignInAllAsync(web.Url!, organiser, branches);
            foreach (var response in await Task.WhenAll(phones.Select(p => BackupCommand.VoteAsync(p, round))))
            {
                await Selection.Json(response, HttpStatusCode.OK);
            }

            (_, ballots) = await BackupCommand.PublishAndReadAsync(organiser, round.RoundId);
            Assert.Equal(Members, ballots);

            // In a cluster the console's button and the backup command say to use pg_dump.
            var console = await organiser.Http.PostAsync("/api/operations/backups", null);
            Assert.Equal(HttpStatusCode.Conflict, console.StatusCode);
            Assert.Contains("pg_dump", await console.Content.ReadAsStringAsync());
            var command = await BackupCommand.RunAsync(["backup", Path.Combine(temp.Path, "x.zip"), .. Flatten(settings)]);
            Assert.True(command.ExitCode != 0, command.ToString());
            Assert.Contains("pg_dump", command.Output);
            foreach (var phone in phones)
            {
                phone.Dispose();
            }
        }

        var before = await CheckAsync(source);
        Assert.Contains($"ballots: {Members} ", before);

        var dump = Path.Combine(temp.Path, "engagement.dump");
        await PgToolAsync("pg_dump", source, "-Fc", "--no-owner", "-f", dump);
        var restored = await TestPostgres.CreateDatabaseAsync();
        await PgToolAsync("pg_restore", restored, "--no-owner", "--exit-on-error", dump);

        var again = await AppProcess.RunSchemaCommandAsync(restored);
        Assert.True(again.ExitCode == 0, again.Output);
        var after = await CheckAsync(restored);
        output.WriteLine(after);
        Assert.Equal(Counts(before), Counts(after));
        Assert.Contains("every hash chain and ballot box verifies", after);
    }

    private static Dictionary<string, string> ClusterWebSettings(string connectionString)
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:Mode"] = "Cluster";
        settings["ConnectionStrings:Engagement"] = connectionString;
        settings["Engagement:AccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return settings;
    }

    private static IEnumerable<string> Flatten(Dictionary<string, string> settings) => settings.SelectMany(s => new[] { "--" + s.Key, s.Value });

    /// <summary>The web host's check command on a cluster database: its counts and chain verdict.</summary>
    private static async Task<string> CheckAsync(string connectionString)
    {
        var check = await BackupCommand.RunAsync(["check", .. Flatten(ClusterWebSettings(connectionString))]);
        Assert.True(check.ExitCode == 0, check.ToString());
        return check.Output;
    }

    /// <summary>The indented lines of the check (the counts), without the heading that names the database.</summary>
    private static List<string> Counts(string check) =>
        check.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

    /// <summary>Runs pg_dump / pg_restore of the server's own major version (an older client refuses a newer server).</summary>
    private async Task PgToolAsync(string tool, string connectionString, params string[] args)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        int major;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var version = new NpgsqlCommand("SHOW server_version_num", connection);
            major = int.Parse((string)(await version.ExecuteScalarAsync())!) / 10000;
        }

        var path = $"/usr/lib/postgresql/{major}/bin/{tool}";
        Assert.True(File.Exists(path), $"{path} is missing: install the PostgreSQL {major} client tools (the server's version).");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", database.Host!, "-p", database.Port.ToString(), "-U", database.Username!, "-d", database.Database! }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        if (!string.IsNullOrEmpty(database.Password))
        {
            info.Environment["PGPASSWORD"] = database.Password;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var said = await stdout + await stderr;
        output.WriteLine($"{tool} {string.Join(' ', info.ArgumentList)}: exit {process.ExitCode} {said}");
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {said}");
    }
}
