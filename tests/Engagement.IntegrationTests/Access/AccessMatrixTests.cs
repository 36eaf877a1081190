using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Access;

/// <summary>Every endpoint × every role answers as <see cref="AccessMatrix"/> says, and the matrix stays complete.</summary>
[Collection(Collections.Access)]
public sealed class AccessMatrixTests(AccessWorld world)
{
    public static TheoryData<string, Role> Cells()
    {
        var data = new TheoryData<string, Role>();
        foreach (var row in AccessMatrix.Rows)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(row.Request, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_the_expected_answer(string request, Role role)
    {
        var row = AccessMatrix.Find(request);
        var expected = row.Expected[(int)role];
        var call = await row.Fill(world, expected.Allows);

        using var response = await world.SendAsync(role, row.HttpMethod, call);

        await Answers.ExpectAsync(response, expected, $"{request} as {role}");
    }

    [Fact]
    public async Task Refused_writes_change_nothing()
    {
        var before = await world.StateAsync();

        foreach (var row in AccessMatrix.Rows.Where(r => r.ChangesState))
        {
            foreach (var role in Enum.GetValues<Role>().Where(role => !row.Expected[(int)role].Allows))
            {
                using var response = await world.SendAsync(role, row.HttpMethod, await row.Fill(world, false));
                await Answers.ExpectAsync(response, row.Expected[(int)role], $"{row.Request} as {role}");
            }
        }

        Answers.Unchanged(before, await world.StateAsync());
    }

    /// <summary>
    /// The matrix cannot rot: every route in /openapi/v1.json has a row, and every row names a real route.
    /// OpenAPI does not list static pages, /favicon.ico, the health probes, the OpenAPI document itself or
    /// the SignalR hub; those rows are <see cref="AccessMatrix.Undocumented"/>, and a scan of src/Web makes
    /// sure no other route is mapped outside OpenAPI.
    /// </summary>
    [Fact]
    public async Task Every_mapped_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        using var response = await world.SendAsync(Role.Anonymous, HttpMethod.Get, new Call("/openapi/v1.json"));
        var openApi = JsonDocument.Parse(await response.ExpectAsync(System.Net.HttpStatusCode.OK)).RootElement;
        var documented = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        var rows = AccessMatrix.Rows.Select(r => r.Request).ToList();

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.True(documented.Count > 80, $"Only {documented.Count} routes in OpenAPI");
        Assert.Empty(documented.Except(rows).Order());
        Assert.Equal(AccessMatrix.Undocumented.Order(), rows.Except(documented).Order());

        var wwwroot = Path.Combine(AppProcess.RepoRoot, "src", "Web", "wwwroot");
        var pages = Directory.GetFiles(wwwroot, "*.html").Select(f => $"GET /{Path.GetFileName(f)}");
        Assert.Empty(pages.Except(rows));

        foreach (var route in RoutesMappedOutsideOpenApi())
        {
            Assert.True(AccessMatrix.Undocumented.Any(u => u.EndsWith(" " + route, StringComparison.Ordinal)),
                $"src/Web maps {route} outside OpenAPI; give it a row in AccessMatrix and list it in Undocumented.");
        }
    }

    /// <summary>Pages, scripts and styles hold no data, so anyone may load them (files without a web type, like LICENSE, are not served).</summary>
    [Fact]
    public async Task Every_page_script_and_style_is_served_to_anyone()
    {
        var wwwroot = Path.Combine(AppProcess.RepoRoot, "src", "Web", "wwwroot");
        foreach (var file in Directory.GetFiles(wwwroot, "*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".html" or ".js" or ".css"))
        {
            var path = "/" + Path.GetRelativePath(wwwroot, file).Replace('\\', '/');
            using var response = await world.SendAsync(Role.Anonymous, HttpMethod.Get, new Call(path));
            await Answers.ExpectAsync(response, new Outcome(200), path);
        }
    }

    /// <summary>Routes that src/Web maps by means OpenAPI never describes.</summary>
    private static IEnumerable<string> RoutesMappedOutsideOpenApi()
    {
        var mapping = new Regex(@"ExcludeFromDescription\(|\.MapHealthChecks\(|\.MapHub<|\.MapOpenApi\(|\.MapFallback|\.MapStaticAssets\(");
        foreach (var file in Directory.GetFiles(Path.Combine(AppProcess.RepoRoot, "src", "Web"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            foreach (var line in File.ReadLines(file).Where(l => mapping.IsMatch(l)))
            {
                var literal = Regex.Match(line, "\"(/[^\"]*)\"");
                yield return literal.Success ? literal.Groups[1].Value
                    : line.Contains(".MapHub<") ? "/hubs/live/negotiate"
                    : line.Contains(".MapOpenApi(") ? "/openapi/v1.json"
                    : $"(a route without a literal in {Path.GetFileName(file)}: {line.Trim()})";
            }
        }
    }
}

/// <summary>Judging answers against an <see cref="Outcome"/>, with the server's words in every failure.</summary>
public static class Answers
{
    public static async Task ExpectAsync(HttpResponseMessage response, Outcome expected, string what)
    {
        var status = (int)response.StatusCode;
        if (status != expected.Status)
        {
            var body = status >= 400 ? await response.Content.ReadAsStringAsync() : string.Empty;
            Assert.Fail($"{what}: expected {expected}, got {status} {response.StatusCode}. {body}");
        }

        if (expected.Code is not null)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: not a problem response: {body}");
            Assert.Equal(expected.Code, JsonSerializer.Deserialize<ProblemDto>(body, Api.Json)!.Code);
        }
    }

    public static void Unchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var (path, was) in before)
        {
            Assert.True(was == after[path], $"{path} changed.\nBefore: {was}\nAfter:  {after[path]}");
        }
    }
}
