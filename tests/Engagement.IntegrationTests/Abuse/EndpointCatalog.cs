using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>How an endpoint takes its input.</summary>
public enum BodyKind
{
    None,
    Json,
    Form,
}

/// <summary>
/// One endpoint as the fuzzer aims at it: who may call it (so input reaches the handler, not just the
/// door), the real ids for its route, and a valid body that every malformed variant starts from.
/// </summary>
/// <param name="Optional">Fields that may legitimately be null or left out: a variant that only drops them is not malformed.</param>
/// <param name="RealTargets">Whether fuzzed requests may aim at real ids: not for body-less state changes (close, delete …), where the real id is the whole request.</param>
public sealed record Endpoint(
    string Method, string Template, string Role, BodyKind Body, JsonObject? ValidBody, IReadOnlySet<string> Optional,
    IReadOnlyDictionary<string, string> RouteValues, bool RealTargets)
{
    /// <summary>
    /// Whether a success would change something: not for reads, the hub's negotiation, signing out, nor an
    /// upload (a stored file is referenced by nothing until a case names it; its type is sniffed, not trusted).
    /// </summary>
    public bool ChangesState => Method != "GET" && Template is not ("/hubs/live/negotiate" or "/api/auth/logout" or "/api/attachments");

    public bool IsDashboard => Template.StartsWith("/dashboard", StringComparison.Ordinal);

    /// <summary>Summary bucket: the area of the API ("org", "selection", "scorer" …).</summary>
    public string Group => Template.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
    {
        ["api", "public", var area, ..] => "public/" + area,
        ["api", var area, ..] => area,
        [var first, ..] => first,
        _ => "/",
    };

    public string Name => $"{Method} {Template}";

    public IEnumerable<string> RouteParameters =>
        Template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}'));

    public override string ToString() => Name;
}

/// <summary>
/// Every endpoint of the running app: read from its own OpenAPI document (so a new endpoint is fuzzed
/// without anyone remembering to), plus the routes OpenAPI cannot describe (health probes, the hub's
/// negotiation, the two multipart uploads), each given a role, real ids and a valid starting body.
/// </summary>
public static class EndpointCatalog
{
    /// <summary>
    /// Routes the app maps outside OpenAPI. /favicon.ico is excluded on purpose (no input at all);
    /// /hubs/live itself is fuzzed through SignalR by <see cref="HubFuzz"/>.
    /// </summary>
    private static readonly (string Method, string Template)[] NotInOpenApi =
    [
        ("GET", "/health"), ("GET", "/health/live"), ("GET", "/health/ready"), ("POST", "/hubs/live/negotiate"),
    ];

    /// <summary>Multipart uploads read the form by hand, so OpenAPI shows no body for them.</summary>
    private static readonly HashSet<string> FormUploads = ["POST /api/org/import", "POST /api/attachments", "POST /api/contest-bank/import"];

    /// <summary>The Orleans dashboard's live trace streams until the client hangs up: there is no answer to judge.</summary>
    private static readonly HashSet<string> Streams = ["GET /dashboard/Trace"];

    /// <summary>Endpoints with a route id whose valid body may not be sent as is to a real target.</summary>
    private static readonly HashSet<string> SelfContained = ["POST /api/auth/logout"];

    public static IReadOnlyList<Endpoint> Build(JsonDocument openApi, DemoIds ids)
    {
        var schemas = openApi.RootElement.GetProperty("components").GetProperty("schemas");
        var endpoints = new List<Endpoint>();
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var schema = operation.Value.TryGetProperty("requestBody", out var requestBody)
                             && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    ? json.GetProperty("schema")
                    : (JsonElement?)null;
                if (!Streams.Contains($"{method} {path.Name}"))
                {
                    endpoints.Add(Describe(method, path.Name, schema, schemas, ids));
                }
            }
        }

        endpoints.AddRange(NotInOpenApi.Select(r => Describe(r.Method, r.Template, null, schemas, ids)));
        return endpoints;
    }

    private static Endpoint Describe(string method, string template, JsonElement? schema, JsonElement schemas, DemoIds ids)
    {
        var name = $"{method} {template}";
        var body = FormUploads.Contains(name) ? BodyKind.Form : schema is null ? BodyKind.None : BodyKind.Json;
        JsonObject? valid = null;
        IReadOnlySet<string> optional = new HashSet<string>();
        if (ValidBodies.For(name, ids) is { } known)
        {
            (valid, optional) = known;
        }
        else if (schema is { } s)
        {
            valid = Example(s, schemas, 0) as JsonObject;
        }

        var routeValues = RouteValues(template, ids);
        // Without a body the route ids are the whole request: a real id would really close the round or delete the member.
        var realTargets = method == "GET" || body != BodyKind.None;
        return new Endpoint(method, template, RoleFor(method, template), body, valid, optional, routeValues, realTargets && !SelfContained.Contains(name));
    }

    /// <summary>The role each area of the API is for (the access matrix in AccessTests checks these).</summary>
    private static string RoleFor(string method, string template) => template switch
    {
        "/api/auth/me" => FuzzRole.Member,
        _ when template.StartsWith("/api/auth/", StringComparison.Ordinal) => FuzzRole.Anonymous,
        _ when template.StartsWith("/api/member/", StringComparison.Ordinal) => FuzzRole.Member,
        _ when template.StartsWith("/api/judge/", StringComparison.Ordinal) => FuzzRole.Judge,
        _ when template.StartsWith("/api/scorer/", StringComparison.Ordinal) => FuzzRole.Scorer,
        _ when template.StartsWith("/api/team/", StringComparison.Ordinal) => FuzzRole.Team,
        "/api/attachments" => FuzzRole.Member,
        _ when template.StartsWith("/api/screens/", StringComparison.Ordinal) => method == "GET" ? FuzzRole.Anonymous : FuzzRole.Organiser,
        _ when template.StartsWith("/api/public/", StringComparison.Ordinal) || template.StartsWith("/api/rounds/", StringComparison.Ordinal)
            || template.StartsWith("/api/attachments/", StringComparison.Ordinal) || template == "/api/qr" => FuzzRole.Anonymous,
        _ when template.StartsWith("/api/", StringComparison.Ordinal) || template.StartsWith("/dashboard", StringComparison.Ordinal) => FuzzRole.Organiser,
        _ => FuzzRole.Anonymous,
    };

    /// <summary>Real ids per route parameter; some endpoints need a particular round or match to reach their rules.</summary>
    private static Dictionary<string, string> RouteValues(string template, DemoIds ids)
    {
        var values = new Dictionary<string, string>();
        foreach (var parameter in template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
        {
            values[parameter] = parameter switch
            {
                "branchId" => ids.BranchId,
                "memberNo" => ids.MemberNo,
                "grantId" => ids.GrantId,
                "screenId" => "main",
                "eventId" => ids.EventId,
                "caseId" => ids.CaseId,
                "roundId" when template.Contains("/receipts") || template.EndsWith("/results") || template.EndsWith("/export.xlsx") => ids.PublishedRoundId,
                "roundId" => ids.LiveRoundId,
                "receipt" => ids.Receipt,
                "id" when template.Contains("/contests/", StringComparison.Ordinal) => ids.Contest.ContestId,
                "questionId" => ids.Contest.QuestionId,
                "id" => ids.TournamentId,
                "matchId" when template.EndsWith("/correction") => ids.FinishedMatchId,
                "matchId" when template.EndsWith("/schedule") => ids.LockedMatchId,
                "matchId" => ids.RunningMatchId,
                "attachmentId" => "a" + new string('0', 32),
                _ => "x",
            };
        }

        return values;
    }

    /// <summary>A body of the right shape from the OpenAPI schema, for endpoints with no hand-written valid body.</summary>
    private static JsonNode? Example(JsonElement schema, JsonElement schemas, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Example(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas, depth + 1);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonValue.Create(values[0].ToString());
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).First(x => x != "null") : t.GetString()
            : "object";
        return type switch
        {
            "string" => JsonValue.Create("x"),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "array" => new JsonArray(),
            _ when depth > 4 || !schema.TryGetProperty("properties", out _) => new JsonObject(),
            _ => new JsonObject(schema.GetProperty("properties").EnumerateObject()
                .Select(p => KeyValuePair.Create(p.Name, Example(p.Value, schemas, depth + 1)))),
        };
    }
}
