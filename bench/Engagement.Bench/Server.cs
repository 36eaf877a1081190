using System.Security.Cryptography;
using Engagement.Testing;
using Npgsql;

namespace Engagement.Bench;

/// <summary>
/// The real Engagement server under test, started from the Release build by the same harness the
/// integration tests use (tests/Shared/AppProcess.cs), on 127.0.0.1 free ports with quiet production
/// logging: either embedded (web front + silo + SQLite in one process, a throwaway data directory) or a
/// PostgreSQL cluster (two silos, two web hosts, a fresh database). Also the readings the benchmark
/// needs from /proc: peak resident memory and CPU time, summed over its processes.
/// </summary>
public sealed class Server : IAsyncDisposable
{
    public const string OrganiserUserName = "admin";
    public const string OrganiserPassword = "bench-organiser-password";

    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Logging__LogLevel__Microsoft"] = "Warning",
    };

    private readonly List<(string Name, AppProcess App)> _processes = [];
    private string? _dataDirectory;
    private string? _database;
    private string? _serverConnection;
    private Dictionary<string, string>? _embeddedSettings;

    private Server()
    {
    }

    /// <summary>Base addresses of the web hosts (one when embedded, two in the cluster).</summary>
    public IReadOnlyList<string> Urls => _processes.Where(p => p.App.Url is not null).Select(p => p.App.Url!).ToList();

    public string Describe() => string.Join(", ", _processes.Select(p => $"{p.Name} pid {p.App.Id}{(p.App.Url is null ? "" : " at " + p.App.Url)}"));

    public static async Task<Server> StartEmbeddedAsync()
    {
        var server = new Server();
        server._dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engagement-bench-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var settings = OrganiserSettings();
        settings["Engagement:DataDirectory"] = server._dataDirectory;
        server._embeddedSettings = settings;
        try
        {
            server._processes.Add(("embedded", await AppProcess.StartWebAsync("bench-server", settings, TimeSpan.FromSeconds(60), Quiet)));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Stops the embedded server and starts it again on the same address and data directory: nothing it held in
    /// memory (grain activations, remembered cookies) survives, what it stored does.
    /// </summary>
    public async Task RestartEmbeddedAsync()
    {
        var (name, app) = _processes.Single();
        var settings = new Dictionary<string, string>(_embeddedSettings!) { ["urls"] = app.Url! };
        await app.DisposeAsync();
        _processes.Clear();
        _processes.Add((name, await AppProcess.StartWebAsync("bench-server", settings, TimeSpan.FromSeconds(60), Quiet)));
    }

    /// <summary>
    /// A fresh database on the PostgreSQL server in ENGAGEMENT_BENCH_POSTGRES (or ENGAGEMENT_TEST_POSTGRES),
    /// the silo's schema command, both silos, then both web hosts sharing one access key (so a member code
    /// and a sign-in are good on either host). The database is dropped when the server is disposed.
    /// </summary>
    public static async Task<Server> StartClusterAsync()
    {
        var serverConnection = Environment.GetEnvironmentVariable("ENGAGEMENT_BENCH_POSTGRES")
            ?? Environment.GetEnvironmentVariable("ENGAGEMENT_TEST_POSTGRES")
            ?? throw new BenchSetupException("The cluster scenario needs a PostgreSQL server: set ENGAGEMENT_BENCH_POSTGRES to a connection " +
                "string whose user may CREATE DATABASE (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres).");
        var server = new Server { _database = "engagement_bench_" + Guid.NewGuid().ToString("N")[..12] };
        try
        {
            await using (var connection = new NpgsqlConnection(serverConnection))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {server._database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            server._serverConnection = serverConnection;
            var connectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = server._database }.ConnectionString;
            var schema = await AppProcess.RunSchemaCommandAsync(connectionString);
            if (schema.ExitCode != 0)
            {
                throw new BenchSetupException($"The silo's schema command failed with {schema.ExitCode}:\n{schema.Output}");
            }

            var silos = Enumerable.Range(1, 2).Select(i => (Name: $"silo-{i}", App: AppProcess.StartSilo($"bench-silo-{i}", new Dictionary<string, string>
            {
                ["ConnectionStrings:Engagement"] = connectionString,
                ["Engagement:Silo:SiloPort"] = AppProcess.FreePort().ToString(),
                ["Engagement:Silo:GatewayPort"] = AppProcess.FreePort().ToString(),
                ["Engagement:Silo:AdvertisedAddress"] = "127.0.0.1",
                // The harness starts silos with informative logs; only the start-up line is needed here.
                ["Logging:LogLevel:Default"] = "Warning",
            }))).ToList();
            server._processes.AddRange(silos);
            await Task.WhenAll(silos.Select(s => s.App.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90))));

            var settings = OrganiserSettings();
            settings["Engagement:Mode"] = "Cluster";
            settings["ConnectionStrings:Engagement"] = connectionString;
            settings["Engagement:AccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            Task<AppProcess>[] starting = [AppProcess.StartWebAsync("bench-web-a", settings, TimeSpan.FromSeconds(90), Quiet),
                AppProcess.StartWebAsync("bench-web-b", settings, TimeSpan.FromSeconds(90), Quiet)];
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                server._processes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select((t, i) => (i == 0 ? "web-a" : "web-b", t.Result)));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Peak resident memory (VmHWM) of each process so far, in MiB.</summary>
    public IReadOnlyDictionary<string, double> PeakResidentMegabytesByProcess() =>
        _processes.ToDictionary(p => p.Name, p => ProcessReadings.PeakResidentMegabytes(p.App.Id));

    /// <summary>Sum of every process's peak resident memory (one process when embedded).</summary>
    public double PeakResidentMegabytes() => PeakResidentMegabytesByProcess().Values.Sum();

    /// <summary>Resident memory of all the server's processes now, in MiB.</summary>
    public double ResidentMegabytes() => _processes.Sum(p => ProcessReadings.ResidentMegabytes(p.App.Id));

    /// <summary>CPU time the server's processes have used so far (user + system, from /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + ProcessReadings.CpuTime(p.App.Id));

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, app) in _processes)
        {
            await app.DisposeAsync();
        }

        _processes.Clear();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning.
            }
        }

        if (_serverConnection is not null && _database is not null)
        {
            await using var connection = new NpgsqlConnection(_serverConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static Dictionary<string, string> OrganiserSettings() => new()
    {
        ["Engagement:Organiser:UserName"] = OrganiserUserName,
        ["Engagement:Organiser:Password"] = OrganiserPassword,
        // One machine plays a whole hall: thousands of sign-ins from one address, members re-voting as fast
        // as the server allows. The benchmark measures the server, not the per-caller rate limits.
        ["Engagement:RateLimits:SignInBurst"] = "1000000",
        ["Engagement:RateLimits:SignInsPerSecond"] = "1000000",
        ["Engagement:RateLimits:BallotBurst"] = "1000000",
        ["Engagement:RateLimits:BallotsPerSecond"] = "1000000",
    };
}

/// <summary>The benchmark cannot run here (no PostgreSQL, too few file descriptors): a message for the operator.</summary>
public sealed class BenchSetupException(string message) : Exception(message);
