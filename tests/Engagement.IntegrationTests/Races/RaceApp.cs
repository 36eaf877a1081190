using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Races;

/// <summary>The race tests run one app process of their own, not beside another collection's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RacesCollection
{
    public const string Name = "Races";
}

/// <summary>
/// One embedded app (web + silo + SQLite) shared by the race tests, on a fixed address so a phone's,
/// tablet's or console's cookies still work after the app is killed (SIGKILL) and started again on the
/// same data directory — as after a power cut in the hall. Each race remembers what it was shown; the
/// class's last step kills the app once and checks all of it was replayed (one restart, not one per race:
/// a start costs seconds on a busy machine).
/// </summary>
public sealed class RaceApp : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly List<ApiClient> _clients = [];
    private readonly List<Remembered> _views = [];
    private readonly List<Remembered> _trails = [];
    private readonly List<(string By, Func<ApiClient, ITestOutputHelper, Task> Check)> _afterRestart = [];
    private AppProcess? _app;
    private int _generation;

    /// <summary>Every raced request of every test, for the slowest.</summary>
    public Race Race { get; } = new();

    public IReadOnlyList<Remembered> Views => Locked(_views);

    public IReadOnlyList<Remembered> Trails => Locked(_trails);

    public IReadOnlyList<(string By, Func<ApiClient, ITestOutputHelper, Task> Check)> AfterRestartChecks => Locked(_afterRestart);

    public string Url { get; } = $"http://127.0.0.1:{AppProcess.FreePort()}";

    public string DataDirectory => Path.Combine(_temp.Path, "data");

    /// <summary>Three branches of four members each, imported once.</summary>
    public IReadOnlyList<BranchDto> Branches { get; private set; } = [];

    /// <summary>A member's code, for a phone that votes.</summary>
    public IReadOnlyList<string> MemberCodes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _app = await StartAsync();
        using var organiser = await SignInOrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("RACE", members: 12, branches: 3)), "roster.xlsx");
        Branches = (await organiser.OverviewAsync()).Branches;
        var codes = new List<string>();
        foreach (var branch in Branches)
        {
            codes.AddRange((await organiser.CodesAsync(branch.BranchId)).Codes.Select(c => c.Code));
        }

        MemberCodes = codes;
    }

    /// <summary>A new organiser console, signed in (two of them race like two consoles, or a double click).</summary>
    public async Task<ApiClient> SignInOrganiserAsync()
    {
        var client = Own(new ApiClient(Url));
        await client.LoginOrganiserAsync(TestApps.OrganiserUserName, TestApps.OrganiserPassword);
        return client;
    }

    /// <summary>A judge's or scorer's tablet signed in with the link the organiser handed out.</summary>
    public async Task<ApiClient> SignInWithLinkAsync(string link)
    {
        var client = Own(new ApiClient(Url));
        var token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..];
        await (await client.Http.PostAsJsonAsync("/api/auth/link", new { token })).ExpectAsync(HttpStatusCode.OK);
        return client;
    }

    public async Task<ApiClient> SignInMemberAsync(string code)
    {
        var client = Own(new ApiClient(Url));
        await (await client.MemberLoginAsync(code)).ExpectAsync(HttpStatusCode.OK);
        return client;
    }

    /// <summary>
    /// Pulls the plug (SIGKILL: nothing flushed, nothing shut down) and starts the app again on the same
    /// data directory and address. Clients keep their cookies; their connections to the dead process are
    /// replaced by the caller using <see cref="Resume"/>.
    /// </summary>
    public async Task<TimeSpan> KillAndRestartAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _app!.Kill();
        await _app.DisposeAsync();
        _app = await StartAsync();
        return clock.Elapsed;
    }

    /// <summary>The same device after the restart: its cookies, a fresh connection.</summary>
    public ApiClient Resume(ApiClient before)
    {
        var client = Own(new ApiClient(Url));
        client.Cookies.Add(before.Cookies.GetAllCookies());
        return client;
    }

    /// <summary>Reads these paths now; after the restart they must read the same.</summary>
    public async Task RememberViewsAsync(ApiClient reader, string by, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var seen = (await reader.GetAsync(path)).Canonical();
            lock (_views)
            {
                _views.Add(new Remembered(path, seen, by));
            }
        }
    }

    /// <summary>Reads these ledger streams now; after the restart (and the reads that activate their grains) they must hold the same.</summary>
    public async Task RememberTrailsAsync(string by, IEnumerable<string> streams)
    {
        foreach (var stream in streams)
        {
            var seen = Describe(await LedgerAsync(stream));
            lock (_trails)
            {
                _trails.Add(new Remembered(stream, seen, by));
            }
        }
    }

    /// <summary>A check to run once the app is back (given the organiser's console resumed, and the restart step's log).</summary>
    public void AfterRestart(string by, Func<ApiClient, ITestOutputHelper, Task> check)
    {
        lock (_afterRestart)
        {
            _afterRestart.Add((by, check));
        }
    }

    public static string Describe(IEnumerable<LedgerRow> rows) => string.Join('\n', rows);

    /// <summary>A ledger stream as stored in the SQLite file (the tournament's and matches' trails have no HTTP audit).</summary>
    public async Task<IReadOnlyList<LedgerRow>> LedgerAsync(string stream)
    {
        var database = Path.Combine(DataDirectory, "engagement.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Seq, Kind, Actor, Data FROM EngagementLedger WHERE Stream = $stream ORDER BY Seq";
        command.Parameters.AddWithValue("$stream", stream);
        var rows = new List<LedgerRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _temp.Dispose();
    }

    private Task<AppProcess> StartAsync()
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = DataDirectory;
        settings["urls"] = Url;
        return AppProcess.StartWebAsync($"races-{++_generation}", settings);
    }

    private static List<T> Locked<T>(List<T> list)
    {
        lock (list)
        {
            return list.ToList();
        }
    }

    private ApiClient Own(ApiClient client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }
}

public sealed record LedgerRow(long Seq, string Kind, string? Actor, string Data);

/// <summary>What a path or ledger stream showed when a race test ended, and which test saw it.</summary>
public sealed record Remembered(string What, string Seen, string By);

/// <summary>Reading views so that two reads of the same state compare equal.</summary>
public static class Views
{
    public static async Task<JsonElement> GetAsync(this ApiClient client, string path) =>
        await Selection.Json(await client.Http.GetAsync(path), HttpStatusCode.OK);

    /// <summary>
    /// The JSON with object members in name order (dictionaries rebuilt by a replay may list keys in another
    /// order) and numbers without trailing zeros (a stored decimal 1 may come back as 1.0).
    /// </summary>
    public static string Canonical(this JsonElement element) => Sort(JsonNode.Parse(element.GetRawText()))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(i => Sort(i?.DeepClone())).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            JsonValue.Create(v.GetValue<decimal>().ToString("G29", System.Globalization.CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };
}
