using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// One malformed request. The body is built only when sent (some are megabytes), always the same bytes
/// for the same seed, so a failure names an input that can be replayed.
/// </summary>
/// <param name="Kind">What is wrong with it ("wrong-type", "extra-field", "oversized" …): the summary and failures group by it.</param>
/// <param name="RouteMatches">False when the path no longer fits the template (empty or dot segments, a request line over Kestrel's limit): the answer then comes from routing or Kestrel, not the endpoint.</param>
/// <param name="ExpectedStatus">The exact status this input must get, where there is one (413, 401 …).</param>
/// <param name="ExpectedField">The field a 400 must name ("choices[1]"), where the input breaks exactly one.</param>
public sealed record FuzzInput(
    int Number, Endpoint Endpoint, string Kind, string Detail, string Role, string Path, FuzzBody? Body,
    bool RouteMatches = true, int? ExpectedStatus = null, bool English = false, string? ExpectedField = null)
{
    public string Describe() => $"#{Number} {Endpoint.Method} {Shorten(Path)} as {Role} [{Kind}: {Detail}]";

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + $"…({text.Length} chars)" : text;
}

/// <summary>
/// A request body: JSON with placeholders for what a JSON tree cannot hold (invalid UTF-8, lone
/// surrogates, 10,000 levels of nesting, numbers out of every range), or raw bytes, with a content type.
/// </summary>
public sealed record FuzzBody
{
    private const string RawToken = "__FUZZRAW__";
    private const string RawNumberToken = "__RAWNUMBER__";
    private readonly JsonNode? _json;
    private readonly byte[]? _raw;
    private readonly byte[]? _fragment;
    private readonly Func<JsonNode>? _deferred;

    private FuzzBody(JsonNode? json, byte[]? raw, byte[]? fragment, string? contentType, Func<JsonNode>? deferred = null)
    {
        _json = json;
        _raw = raw;
        _fragment = fragment;
        _deferred = deferred;
        ContentType = contentType;
    }

    /// <summary>Null: no Content-Type header at all.</summary>
    public string? ContentType { get; }

    /// <summary>Ask the server before uploading (an oversized body is refused without sending it).</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>The multipart form field name and file name, for form uploads.</summary>
    public (string Field, string FileName)? FormFile { get; init; }

    public static FuzzBody Json(JsonNode json, string? contentType = "application/json") => new(json, null, null, contentType);

    /// <summary>JSON whose value at a <see cref="Placeholder"/> is replaced by raw bytes (which need not be valid JSON or UTF-8).</summary>
    public static FuzzBody JsonWithRaw(JsonNode json, byte[] fragment) => new(json, null, fragment, "application/json");

    /// <summary>JSON built only when sent: 100,000-element arrays would otherwise sit in memory for the whole run.</summary>
    public static FuzzBody Deferred(Func<JsonNode> json) => new(null, null, null, "application/json", json);

    public static FuzzBody Raw(byte[] bytes, string? contentType = "application/json") => new(null, bytes, null, contentType);

    public static FuzzBody Raw(string text, string? contentType = "application/json") => Raw(Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>Put this where the raw fragment goes.</summary>
    public static JsonNode Placeholder => JsonValue.Create(RawToken)!;

    /// <summary>A number no JSON tree can hold (1e400, 32 digits), written into the body as it is.</summary>
    public static JsonNode RawNumber(string text) => JsonValue.Create(RawNumberToken + text)!;

    public byte[] Bytes()
    {
        if (_raw is not null)
        {
            return _raw;
        }

        var text = Encoding.UTF8.GetBytes((_json ?? _deferred!()).ToJsonString());
        text = WithRawNumbers(text);
        if (_fragment is null)
        {
            return text;
        }

        var token = Encoding.UTF8.GetBytes($"\"{RawToken}\"");
        var at = text.AsSpan().IndexOf(token);
        return [.. text[..at], .. _fragment, .. text[(at + token.Length)..]];
    }

    private static byte[] WithRawNumbers(byte[] text)
    {
        var marker = Encoding.UTF8.GetBytes("\"" + RawNumberToken);
        for (var at = text.AsSpan().IndexOf(marker); at >= 0; at = text.AsSpan().IndexOf(marker))
        {
            var end = Array.IndexOf(text, (byte)'"', at + marker.Length);
            text = [.. text[..at], .. text[(at + marker.Length)..end], .. text[(end + 1)..]];
        }

        return text;
    }

    public HttpContent Content()
    {
        var bytes = Bytes();
        if (FormFile is { } file)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            if (ContentType is not null)
            {
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }

            if (file.FileName.Length == 0)
            {
                form.Add(part, file.Field); // a field without a file name: not a file at all
            }
            else
            {
                form.Add(part, file.Field, file.FileName);
            }

            return form;
        }

        var content = new ByteArrayContent(bytes);
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return content;
    }
}
