using System.Text;
using System.Text.Json.Nodes;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// The malformed inputs, generated from each endpoint's valid body: every field with wrong types,
/// left out, null, huge, with invalid Unicode; unknown fields; huge arrays; deep nesting; bodies that are
/// not JSON; wrong content types; bodies over the server's limit; malformed route ids and query strings.
/// Each variant breaks the valid body in at least one way that must be refused. Deterministic per seed.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    /// <summary>Kestrel's MaxRequestBodySize in src/Web/Operations/OperationsExtensions.cs (12 MB), plus a margin.</summary>
    public const int OversizedBytes = 13 * 1024 * 1024;

    /// <summary>Enum-valued fields: text the enum lacks, or a number outside it, is malformed.</summary>
    private static readonly HashSet<string> EnumFields = ["role", "status", "phase", "kind", "revote", "voteMethod", "mode", "action", "format", "ending",
        "type", "partial", "ranking", "part", "earlyBuzz"]; // the last line: issue 12's question, scoring and stage enums

    /// <summary>
    /// Texts an enum must refuse though its own name is in them: System.Text.Json's own converter reads a comma
    /// list as the names OR-ed together ("Forfeited, Retired" is 3, no value at all), and trims nothing else.
    /// </summary>
    private static readonly (Func<string, string> Text, string Label)[] NotQuiteEnumNames =
    [
        (v => $"{v}, {v}", "the name twice, comma-separated"), (v => $"{v},{v}", "the name twice, comma only"),
        (v => $" {v}", "the name after a space"), (v => $"{v}\u0000", "the name and a NUL"), (v => $"{v}s", "the name misspelt"),
        (_ => "Whatever", "no such name"), (_ => "Finished, Forfeited", "two names of another enum"),
    ];

    /// <summary>Number fields where a negative value is a value, not a malformed input: a stage adjustment takes points away (issue 12).</summary>
    private static readonly HashSet<string> SignedFields = ["POST /api/contests/{id}/stage/adjustments points"];

    /// <summary>Route ids that are not ids: already URL-encoded; whether the path still fits its template.</summary>
    private static readonly (string Value, bool Matches, string Label)[] BadIds =
    [
        ("", false, "empty"), (".", false, "dot"), ("..", false, "dot-dot"), (Escape("../../etc/passwd"), true, "traversal"),
        ("..%2F..%2Fapi%2Forg", true, "encoded-traversal"), (Escape(new string('x', 4000)), true, "huge"),
        (new string('9', 9000), false, "over-request-line-limit"), (Escape("不存在的编号"), true, "chinese"), (Escape("🎉🔥👍🏽"), true, "emoji"),
        ("%00", false, "nul (Kestrel refuses it)"), ("%20", true, "space"), ("%25", true, "percent"), ("%FF%FE", true, "invalid-utf8"),
        ("%ED%A0%80", true, "utf8-surrogate"), ("%C0%AF", true, "overlong-utf8"), (Escape("'; DROP TABLE ledger; --"), true, "sql"),
        (Escape("<script>alert(1)</script>"), true, "html"), (Escape("{id}"), true, "template"), ("-1", true, "negative"),
        ("null", true, "null-word"), (Escape("a/b"), true, "slash"), (Escape("\u202Eevil\u200B"), true, "bidi"),
        (Escape("main\r\nX-Injected: 1"), true, "crlf"),
    ];

    private static readonly string[] BadQueries =
    [
        "?%", "?%ZZ=1", "?a=%", "?%00=%00", "?limit=abc", "?limit=-1", "?limit=2147483648", "?limit=99999999999999999999",
        "?text=" + new string('q', 600), "?text=%FF%FE", "?text=&text=&text=", "?" + string.Concat(Enumerable.Repeat("k=v&", 500)),
        "?exclude[]=1&exclude[x]=2", "?negotiateVersion=abc", "?=&&=", "?limit=1e9",
    ];

    private static readonly string[] NotJson =
    [
        "", " ", "null", "[]", "true", "0", "\"text\"", "{", "}", "{\"a\":", "[1,2", "{'single':'quotes'}", "{\"title\":\"x\",}",
        "/* comment */ {}", "<xml/>", "a=b&c=d", "\u0000\u0001\u0002", "\uFEFF", "NaN", "{\"a\":1}{\"b\":2}", "[{}]", "-", "1e400",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/xml", "text/json",
        "application/octet-stream", "application/jsonx", "application/json; charset=utf-16", "image/png", "*/*",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly string[] LoneSurrogates = ["\\ud800", "\\udc00", "\\udc00\\ud800", "x\\ud83d"];

    private static readonly string HugeAscii = new('A', 1_000_000);
    private static readonly string HugeChinese = new('党', 100_000);
    private static readonly Lazy<byte[]> OversizedJson = new(() =>
    {
        var bytes = new byte[OversizedBytes];
        Array.Fill(bytes, (byte)'A');
        "{\"title\":\""u8.CopyTo(bytes);
        "\"}"u8.CopyTo(bytes.AsSpan(bytes.Length - 2));
        return bytes;
    });

    private readonly Random _random = new(seed);
    private int _number;

    public int Seed => seed;

    /// <summary>Every input for one endpoint: the systematic ones, then random combinations up to the quota.</summary>
    public List<FuzzInput> For(Endpoint endpoint, int quota)
    {
        var inputs = new List<FuzzInput>();
        inputs.AddRange(BadRoutes(endpoint));
        inputs.AddRange(BadQueryStrings(endpoint));
        inputs.AddRange(endpoint.Body switch
        {
            BodyKind.Json when endpoint.ValidBody is not null => JsonBodies(endpoint),
            BodyKind.Form => FormBodies(endpoint),
            _ => IgnoredBodies(endpoint),
        });
        if (endpoint.Role != FuzzRole.Anonymous && endpoint.RealTargets)
        {
            inputs.Add(Input(endpoint, "no-sign-in", "valid shape, nobody signed in", Real(endpoint), Base(endpoint), role: FuzzRole.Anonymous, expected: 401));
        }

        while (inputs.Count < quota)
        {
            inputs.Add(RandomInput(endpoint));
        }

        return inputs;
    }

    private IEnumerable<FuzzInput> BadRoutes(Endpoint endpoint)
    {
        foreach (var parameter in endpoint.RouteParameters)
        {
            // Any short name is a screen of its own ("-1" or "null" included): only the others are malformed there.
            foreach (var (value, matches, label) in BadIds.Where(b => parameter != "screenId" || !System.Text.RegularExpressions.Regex.IsMatch(b.Value, "^[A-Za-z0-9_-]{1,32}$")))
            {
                var path = Fill(endpoint, new Dictionary<string, string> { [parameter] = value });
                yield return Input(endpoint, "bad-route-id", $"{parameter}={label}", path, Base(endpoint), routeMatches: matches);
            }
        }
    }

    private IEnumerable<FuzzInput> BadQueryStrings(Endpoint endpoint)
    {
        // A junk query on a valid state change is still a valid state change: pair it with a broken body or id.
        foreach (var query in BadQueries)
        {
            var (path, body) = endpoint.ChangesState ? Broken(endpoint) : (Real(endpoint), Base(endpoint));
            yield return Input(endpoint, "bad-query", Shorten(query), path + query, body);
        }
    }

    private IEnumerable<FuzzInput> JsonBodies(Endpoint endpoint)
    {
        var path = Real(endpoint);
        var valid = endpoint.ValidBody!;
        foreach (var (field, value) in Fields(valid))
        {
            var top = field.Split('.', '[')[0];
            var optional = field == top && endpoint.Optional.Contains(top);
            foreach (var (wrong, label) in WrongValues(Leaf(field), value, optional, SignedFields.Contains($"{endpoint.Name} {field}")))
            {
                yield return Input(endpoint, "wrong-type", $"{field}={label}", path, FuzzBody.Json(With(valid, field, wrong)));
            }

            if (!optional)
            {
                yield return Input(endpoint, "missing-field", field, path, FuzzBody.Json(Without(valid, field)));
            }

            if (value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                yield return Input(endpoint, "huge-string", $"{field}: 1,000,000 chars", path, FuzzBody.Json(With(valid, field, HugeAscii)));
                yield return Input(endpoint, "huge-string", $"{field}: 100,000 CJK chars", path, FuzzBody.Json(With(valid, field, HugeChinese)));
                foreach (var bytes in InvalidUtf8)
                {
                    byte[] fragment = [.. "\"ab"u8, .. bytes, .. "cd\""u8];
                    yield return Input(endpoint, "invalid-utf8", $"{field}: {Convert.ToHexString(bytes)}", path, FuzzBody.JsonWithRaw(With(valid, field, FuzzBody.Placeholder), fragment));
                }

                foreach (var surrogate in LoneSurrogates)
                {
                    yield return Input(endpoint, "lone-surrogate", $"{field}: {surrogate}", path,
                        FuzzBody.JsonWithRaw(With(valid, field, FuzzBody.Placeholder), Encoding.UTF8.GetBytes($"\"{surrogate}\"")));
                }
            }

            if (value is JsonArray list)
            {
                // A null element is refused at the boundary, naming its place, whatever the list holds.
                foreach (var at in new[] { 0, list.Count }.Distinct())
                {
                    var withNull = list.DeepClone().AsArray();
                    withNull.Insert(at, null);
                    yield return Input(endpoint, "null-element", $"{field}[{at}]", path, FuzzBody.Json(With(valid, field, withNull)), expected: 400)
                        with { ExpectedField = $"{field}[{at}]" };
                }
            }

            if (EnumFields.Contains(Leaf(field)) && value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                foreach (var (text, label) in NotQuiteEnumNames)
                {
                    yield return Input(endpoint, "enum-text", $"{field}: {label}", path, FuzzBody.Json(With(valid, field, text(value.GetValue<string>()))), expected: 400)
                        with { ExpectedField = field };
                }
            }

            if (value is JsonArray array)
            {
                var element = array.Count > 0 ? array[0]!.DeepClone() : JsonValue.Create("x");
                var count = element is JsonObject ? 20_000 : 100_000;
                yield return Input(endpoint, "huge-array", $"{field}: {count:N0} elements", path,
                    FuzzBody.Deferred(() => With(valid, field, new JsonArray(Enumerable.Range(0, count).Select(_ => element!.DeepClone()).ToArray()))));
            }

            yield return Input(endpoint, "deep-nesting", $"{field}: 10,000 levels", path, FuzzBody.JsonWithRaw(With(valid, field, FuzzBody.Placeholder), Nested(10_000)));
        }

        foreach (var (unknown, value) in new (string, JsonNode?)[] { ("fuzzUnknown", 1), ("fuzzUnknown", "x"), ("fuzzUnknown", null), ("fuzzUnknown", new JsonObject()), ("$type", "System.Object"), ("__proto__", new JsonObject { ["admin"] = true }) })
        {
            yield return Input(endpoint, "extra-field", unknown, path, FuzzBody.Json(With(valid, unknown, value)));
        }

        var first = valid.First().Key;
        yield return Input(endpoint, "extra-field", $"misspelt {first}", path, FuzzBody.Json(With(valid, first + "x", valid[first]?.DeepClone())));
        foreach (var (field, _) in Fields(valid).Where(f => f.Value is JsonObject))
        {
            yield return Input(endpoint, "extra-field", $"{field}.fuzzUnknown", path, FuzzBody.Json(With(valid, field + ".fuzzUnknown", 1)));
        }

        foreach (var text in NotJson.Where(t => t != "{}" || endpoint.Optional.Count < valid.Count))
        {
            yield return Input(endpoint, "not-json", Shorten(text), path, FuzzBody.Raw(text));
        }

        yield return Input(endpoint, "not-json", "64 random bytes", path, FuzzBody.Raw(RandomBytes(64)));
        yield return Input(endpoint, "not-json", "valid body in UTF-16", path, FuzzBody.Raw(Encoding.Unicode.GetBytes(valid.ToJsonString())));
        yield return Input(endpoint, "deep-nesting", "[ × 10,000", path, FuzzBody.Raw(Nested(10_000)));
        yield return Input(endpoint, "deep-nesting", "{\"a\": × 10,000", path, FuzzBody.Raw(NestedObjects(10_000)));
        yield return Input(endpoint, "deep-nesting", "[ × 65 (one over the limit)", path, FuzzBody.Raw(Nested(65)));
        yield return Input(endpoint, "huge-array", "body is 2,000 copies of itself", path,
            FuzzBody.Deferred(() => new JsonArray(Enumerable.Range(0, 2_000).Select(_ => valid.DeepClone()).ToArray())));
        foreach (var type in WrongContentTypes)
        {
            yield return Input(endpoint, "wrong-content-type", type, path, FuzzBody.Json(valid.DeepClone(), type));
        }

        yield return Input(endpoint, "wrong-content-type", "no Content-Type", path, FuzzBody.Json(valid.DeepClone(), null));
        yield return Input(endpoint, "wrong-content-type", "form fields", path,
            FuzzBody.Raw(string.Join('&', valid.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value?.ToString() ?? "")}")), "application/x-www-form-urlencoded"));
        yield return Input(endpoint, "wrong-content-type", "multipart file", path,
            FuzzBody.Raw(Encoding.UTF8.GetBytes(valid.ToJsonString()), "application/json") with { FormFile = ("file", "body.json") });
        yield return Oversized(endpoint, path);
    }

    private IEnumerable<FuzzInput> FormBodies(Endpoint endpoint)
    {
        var path = Real(endpoint);
        string[][] files =
        [
            ["file", "roster.csv", "text/csv"], ["file", "roster.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            ["file", "photo.jpg", "image/jpeg"], ["file", "doc.pdf", "application/pdf"], ["file", "../../etc/passwd", "text/plain"],
            ["file", new string('名', 300) + ".csv", "text/csv"], ["other", "x.exe", "application/x-msdownload"], ["file", "", ""],
        ];
        byte[][] contents =
        [
            [], RandomBytes(200), "姓名,党员编号\n,,,\n\"unterminated"u8.ToArray(), [0x50, 0x4B, 0x03, 0x04, .. RandomBytes(100)],
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00], "%PDF-1.7\n%broken"u8.ToArray(), [0xEF, 0xBB, 0xBF, 0xFF, 0xFE], Encoding.UTF8.GetBytes(new string(',', 100_000)),
        ];
        foreach (var file in files)
        {
            foreach (var content in contents)
            {
                yield return Input(endpoint, "form-junk", $"{file[0]}:{Shorten(file[1], 20)} ({file[2]}) {content.Length} bytes", path,
                    FuzzBody.Raw(content, file[2].Length == 0 ? null : file[2]) with { FormFile = (file[0], file[1]) });
            }
        }

        foreach (var text in NotJson)
        {
            yield return Input(endpoint, "wrong-content-type", "JSON instead of a form: " + Shorten(text), path, FuzzBody.Raw(text));
        }

        yield return Input(endpoint, "wrong-content-type", "form without a file", path, FuzzBody.Raw("file=abc&x=1", "application/x-www-form-urlencoded"));
        yield return Input(endpoint, "wrong-content-type", "multipart without a boundary", path, FuzzBody.Raw("--x\r\n\r\n", "multipart/form-data"));
        yield return Input(endpoint, "wrong-content-type", "multipart cut short", path, FuzzBody.Raw("--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc", "multipart/form-data; boundary=fuzz"));
        yield return Input(endpoint, "wrong-content-type", "multipart with a huge boundary", path, FuzzBody.Raw("--x", "multipart/form-data; boundary=" + new string('b', 5000)));
        yield return Oversized(endpoint, path) with { Kind = "oversized", Body = FuzzBody.Raw(new byte[OversizedBytes], "text/csv") with { FormFile = ("file", "big.csv"), ExpectContinue = true } };
    }

    /// <summary>Endpoints that read no body: junk bodies must change nothing, and for state changes the id is broken too.</summary>
    private IEnumerable<FuzzInput> IgnoredBodies(Endpoint endpoint)
    {
        foreach (var text in NotJson.Take(8))
        {
            var (path, _) = endpoint.ChangesState ? Broken(endpoint) : (Real(endpoint), null);
            yield return Input(endpoint, "unexpected-body", Shorten(text), path, FuzzBody.Raw(text, WrongContentTypes[_random.Next(WrongContentTypes.Length)]));
        }
    }

    private FuzzInput Oversized(Endpoint endpoint, string path) =>
        Input(endpoint, "oversized", $"{OversizedBytes / 1024 / 1024} MB", path,
            FuzzBody.Raw(OversizedJson.Value, "application/json") with { ExpectContinue = true }, expected: 413);

    /// <summary>A random combination: one to three breakages of the valid body, maybe a bad query and an unknown field.</summary>
    private FuzzInput RandomInput(Endpoint endpoint)
    {
        if (endpoint.Body != BodyKind.Json || endpoint.ValidBody is null)
        {
            var (path, _) = endpoint.ChangesState || _random.Next(3) == 0 ? Broken(endpoint) : (Real(endpoint), null);
            var query = _random.Next(2) == 0 ? BadQueries[_random.Next(BadQueries.Length)] : $"?{RandomText(8)}={RandomText(20)}";
            var body = _random.Next(2) == 0 ? null : FuzzBody.Raw(RandomBytes(_random.Next(1, 300)), WrongContentTypes[_random.Next(WrongContentTypes.Length)]);
            return Input(endpoint, "random", "junk query and body", path + query, body, routeMatches: !path.Contains("//"));
        }

        var valid = endpoint.ValidBody;
        var fields = Fields(valid).ToList();
        var broken = valid.DeepClone();
        var labels = new List<string>();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var (field, value) = fields[_random.Next(fields.Count)];
            var optional = !field.Contains('.') && !field.Contains('[') && endpoint.Optional.Contains(field);
            var candidates = WrongValues(Leaf(field), value, optional, SignedFields.Contains($"{endpoint.Name} {field}")).ToList();
            var (wrong, label) = candidates[_random.Next(candidates.Count)];
            if (Find(broken, field) is not null)
            {
                broken = With(broken.AsObject(), field, wrong);
                labels.Add($"{field}={label}");
            }
        }

        if (_random.Next(4) == 0)
        {
            broken = With(broken.AsObject(), RandomText(6), RandomNode(3));
            labels.Add("extra field");
        }

        if (labels.Count == 0)
        {
            broken = With(broken.AsObject(), "fuzzUnknown", 1);
            labels.Add("extra field");
        }

        var junk = _random.Next(5) == 0 ? BadQueries[_random.Next(BadQueries.Length)] : string.Empty;
        return Input(endpoint, "random", string.Join(", ", labels), Real(endpoint) + junk, FuzzBody.Json(broken));
    }

    /// <summary>Wrong values for a field, judged by what its valid value is. Null and absence only where the field is required.</summary>
    private IEnumerable<(JsonNode? Value, string Label)> WrongValues(string name, JsonNode? value, bool optional, bool signed = false)
    {
        if (!optional)
        {
            yield return (null, "null");
        }

        var isEnum = EnumFields.Contains(name);
        switch (value?.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String when isEnum:
                yield return ("NoSuchValue", "unknown enum name");
                yield return (99, "enum number out of range");
                yield return (-1, "negative enum number");
                yield return ("Ral ly", "enum name with a space");
                yield return ("99", "enum number as text");
                break;
            case System.Text.Json.JsonValueKind.String or null:
                yield return (123, "number");
                yield return (1.5, "fraction");
                break;
            case System.Text.Json.JsonValueKind.Number:
                yield return ("abc", "text");
                yield return ("", "empty text");
                if (!signed)
                {
                    yield return (-1, "negative");
                }

                yield return (FuzzBody.RawNumber("1e400"), "1e400");
                yield return (FuzzBody.RawNumber("99999999999999999999999999999999"), "overflow");
                // Not "-9.99e-400": a decimal too small to hold reads as 0, which is a value (a weight of 0 is
                // allowed), not a malformed input. Range checks are covered by "negative" and "overflow".
                break;
            case System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                yield return ("yes", "text");
                yield return (1, "number");
                yield return ("true", "quoted true");
                break;
        }

        if (value is not JsonValue || value.GetValueKind() != System.Text.Json.JsonValueKind.True && value.GetValueKind() != System.Text.Json.JsonValueKind.False)
        {
            yield return (true, "boolean");
        }

        if (value is not JsonObject)
        {
            yield return (new JsonObject { ["a"] = 1 }, "object");
        }

        if (value is not JsonArray)
        {
            yield return (new JsonArray(1, "x"), "array");
        }
        else
        {
            yield return ("x", "text instead of a list");
            yield return (new JsonArray(1, "x", new JsonObject(), null), "list of mixed types");
        }
    }

    private FuzzInput Input(Endpoint endpoint, string kind, string detail, string path, FuzzBody? body,
        string? role = null, int? expected = null, bool routeMatches = true)
    {
        _number++;
        return new FuzzInput(_number, endpoint, kind, detail, role ?? endpoint.Role, path, body, routeMatches, expected, English: _number % 5 == 0);
    }

    private FuzzBody? Base(Endpoint endpoint) => endpoint.ValidBody is { } valid ? FuzzBody.Json(valid.DeepClone()) : null;

    private string Real(Endpoint endpoint) => Fill(endpoint, new Dictionary<string, string>());

    /// <summary>A request that is certainly invalid: a bad id for body-less endpoints, else a broken body.</summary>
    private (string Path, FuzzBody? Body) Broken(Endpoint endpoint)
    {
        if (endpoint.ValidBody is { } valid && endpoint.RealTargets)
        {
            return (Real(endpoint), FuzzBody.Json(With(valid, "fuzzUnknown", RandomNode(2))));
        }

        var parameter = endpoint.RouteParameters.FirstOrDefault();
        if (parameter is null)
        {
            return (Real(endpoint), FuzzBody.Raw("{", "application/json"));
        }

        var matching = BadIds.Where(b => b.Matches).ToArray();
        return (Fill(endpoint, new Dictionary<string, string> { [parameter] = matching[_random.Next(matching.Length)].Value }), null);
    }

    private static string Fill(Endpoint endpoint, Dictionary<string, string> overrides)
    {
        var path = endpoint.Template;
        foreach (var parameter in endpoint.RouteParameters)
        {
            var value = overrides.TryGetValue(parameter, out var bad)
                ? bad
                : endpoint.RealTargets ? Escape(endpoint.RouteValues[parameter]) : "fuzz-no-such-id";
            path = path.Replace("{" + parameter + "}", value);
        }

        return path;
    }

    /// <summary>Every field path of a body ("sets[0].a", "marks.c1"), with its valid value.</summary>
    private static IEnumerable<(string Path, JsonNode? Value)> Fields(JsonObject body, string prefix = "")
    {
        foreach (var (name, value) in body)
        {
            var path = prefix + name;
            yield return (path, value);
            if (value is JsonObject inner)
            {
                foreach (var nested in Fields(inner, path + "."))
                {
                    yield return nested;
                }
            }
            else if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject element)
            {
                yield return (path + "[0]", element);
                foreach (var nested in Fields(element, path + "[0]."))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string Leaf(string path) => path.Split('.')[^1].Split('[')[0];

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var step in Steps(path))
        {
            node = step.Index is { } index ? (node as JsonArray)?[index] : (node as JsonObject)?[step.Name];
        }

        return node;
    }

    /// <summary>A copy of the body with the field at <paramref name="path"/> set (created if missing).</summary>
    private static JsonObject With(JsonObject body, string path, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        var steps = Steps(path).ToList();
        JsonNode parent = copy;
        foreach (var step in steps[..^1])
        {
            parent = step.Index is { } index ? parent.AsArray()[index]! : parent.AsObject()[step.Name]!;
        }

        var last = steps[^1];
        if (last.Index is { } i)
        {
            parent.AsArray()[i] = value;
        }
        else
        {
            parent.AsObject()[last.Name] = value;
        }

        return copy;
    }

    private static JsonObject Without(JsonObject body, string path)
    {
        var copy = body.DeepClone().AsObject();
        var steps = Steps(path).ToList();
        JsonNode parent = copy;
        foreach (var step in steps[..^1])
        {
            parent = step.Index is { } index ? parent.AsArray()[index]! : parent.AsObject()[step.Name]!;
        }

        if (steps[^1].Index is { } i)
        {
            parent.AsArray().RemoveAt(i);
        }
        else
        {
            parent.AsObject().Remove(steps[^1].Name);
        }

        return copy;
    }

    private static IEnumerable<(string Name, int? Index)> Steps(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0)
            {
                yield return (part, null);
                continue;
            }

            yield return (part[..bracket], null);
            yield return (string.Empty, int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static byte[] Nested(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

    private static byte[] NestedObjects(int depth) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    private JsonNode? RandomNode(int depth) => _random.Next(depth <= 0 ? 4 : 6) switch
    {
        0 => null,
        1 => _random.Next(),
        2 => RandomText(_random.Next(0, 40)),
        3 => _random.Next(2) == 0,
        4 => new JsonArray(Enumerable.Range(0, _random.Next(4)).Select(_ => RandomNode(depth - 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(4)).Select(_ => KeyValuePair.Create(RandomText(5), RandomNode(depth - 1)))),
    };

    private string RandomText(int length)
    {
        const string alphabet = "abcXYZ019_-党支部评选ñé€𝄞 \t\"\\/<>&%";
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var c = alphabet[_random.Next(alphabet.Length)];
            // Never split the one surrogate pair in the alphabet: valid text only, invalid text is its own kind.
            if (char.IsSurrogate(c))
            {
                text.Append("𝄞");
                continue;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Shorten(string text, int length = 40) => text.Length > length ? text[..length] + "…" : text;
}
