using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Engagement.Access;
using Engagement.Organisation;
using Engagement.Screens;
using Engagement.Selection;
using Engagement.Tournament;
using Engagement.Web.Operations;
using Engagement.Web.Selection;
using Engagement.Web.Tournament;

namespace Engagement.Tests.Web.Operations;

/// <summary>
/// The JSON boundary (<see cref="BodyJson"/>): what gets past it is a value the grains and views can handle.
/// Every body the API reads, with a valid example; the property tests break the examples at random.
/// </summary>
public sealed class BodyJsonTests
{
    private static readonly JsonSerializerOptions Options = Create();

    /// <summary>Every JSON body type the endpoints in src/Web read, with a body each would accept.</summary>
    public static readonly IReadOnlyList<(Type Type, string Valid)> Bodies =
    [
        (typeof(VotingEndpoints.BallotBody), """{"ballotId":"ballot-0001","choices":["c1","c2"]}"""),
        (typeof(TournamentEndpoints.CorrectionRequest), """{"winner":"t1","sets":[{"a":21,"b":10},{"a":21,"b":12}],"ending":"Finished","confirm":true}"""),
        (typeof(TournamentEndpoints.ConfigureRequest), """
            {"setup":{"title":"气排球","format":"Knockout","groups":0,"legs":1,"advancePerGroup":1,"thirdPlace":true,"grandFinalReset":false,
              "separateDistricts":false,"drawSeed":null,"rules":{"setsToWin":2,"pointsPerSet":21,"decidingSetPoints":15,"leadNeeded":2,
              "capsEnabled":false,"setCap":25,"decidingSetCap":17,"decidingSetSideSwitchAt":8,"timeoutsPerSet":2,"winPoints":2,"lossPoints":1,
              "decidingWinPoints":2,"decidingLossPoints":1,"forfeitWinPoints":2,"forfeitLossPoints":0},"criteria":["MatchPoints","PointsQuotient"]},
             "teams":[{"teamId":"t1","name":"一队","branchId":null,"district":null,"seed":1,"players":["甲","乙"]},
                      {"teamId":"t2","name":"二队","branchId":"b2","district":"东片","seed":2,"players":[]}]}
            """),
        (typeof(TournamentEndpoints.ScoreRequest), """{"action":"Rally","team":"A"}"""),
        (typeof(TournamentEndpoints.ScheduleRequest), """{"court":"1号场","startsAt":"2026-06-01T08:00:00+08:00"}"""),
        (typeof(SelectionEndpoints.RubricRequest), """{"criteria":[{"id":"c1","name":"主题突出","maxPoints":30,"weight":1}],"trimK":1}"""),
        (typeof(SelectionEndpoints.CaseRequest), """{"title":"案例","summary":null,"themeDayDate":"2026-05-01","attachmentIds":["a1"],"branchId":"b1"}"""),
        (typeof(SelectionEndpoints.ReviewRequest), """{"status":"Accepted","note":null}"""),
        (typeof(SelectionEndpoints.PhaseRequest), """{"phase":"Scoring"}"""),
        (typeof(RoundSettings), """
            {"name":"网络投票","kind":"Vote","caseIds":["c1","c2"],"minChoices":1,"maxChoices":1,"allowOwnBranch":false,"revote":"FirstBallotFinal",
             "secret":false,"showLiveTallies":true,"judgeWeight":0,"voteWeight":1,"voteMethod":"MaxNormalised"}
            """),
        (typeof(JudgeEndpoints.ScoreBody), """{"caseId":"c1","marks":{"c1":10,"c2":9.5}}"""),
        (typeof(NewAccessGrant), """{"role":"Judge","name":"评委","branchId":null,"scope":null}"""),
        (typeof(MemberEdit), """{"memberNo":"DY001","name":"张三","phone":null,"branchId":"b1"}"""),
        (typeof(ScreenContent), """{"headline":"大屏","notice":null,"mode":"Voting","roundId":"r1"}"""),
    ];

    public static TheoryData<string> BodyNames() => new(Bodies.Select(b => b.Type.Name));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        BodyJson.Configure(options);
        return options;
    }

    private static (Type Type, string Valid) Body(string name) => Bodies.Single(b => b.Type.Name == name);

    [Theory]
    [MemberData(nameof(BodyNames))]
    public void Every_valid_example_is_read(string name)
    {
        var (type, valid) = Body(name);

        Assert.NotNull(JsonSerializer.Deserialize(valid, type, Options));
    }

    [Theory]
    // The issue's own example, then null elements at every depth of every kind of collection the bodies have.
    [InlineData("BallotBody", """{"ballotId":"ballot-0001","choices":["c1",null]}""", "choices[1]")]
    [InlineData("BallotBody", """{"ballotId":"ballot-0001","choices":[null]}""", "choices[0]")]
    [InlineData("CorrectionRequest", """{"winner":"t1","sets":[{"a":21,"b":10},null],"ending":"Finished","confirm":true}""", "sets[1]")]
    [InlineData("RubricRequest", """{"criteria":[null],"trimK":1}""", "criteria[0]")]
    [InlineData("CaseRequest", """{"title":"案例","summary":null,"themeDayDate":null,"attachmentIds":["a1",null,"a2"]}""", "attachmentIds[1]")]
    [InlineData("RoundSettings", """{"name":"n","kind":"Vote","caseIds":["c1",null],"minChoices":1,"maxChoices":1,"allowOwnBranch":false,"revote":"FirstBallotFinal","secret":false,"showLiveTallies":true,"judgeWeight":0,"voteWeight":1,"voteMethod":"MaxNormalised"}""", "caseIds[1]")]
    public void A_null_element_in_a_list_is_refused_naming_its_place(string name, string json, string field)
    {
        var refusal = Assert.Throws<NullElementException>(() => JsonSerializer.Deserialize(json, Body(name).Type, Options));

        Assert.Equal(field, refusal.Field);
    }

    [Theory]
    [InlineData("setup", "criteria", 1, "setup.criteria[1]")]
    [InlineData(null, "teams", 0, "teams[0]")]
    [InlineData("teams[1]", "players", 0, "teams[1].players[0]")]
    public void A_null_element_deep_in_a_body_is_named_by_its_whole_path(string? parent, string list, int index, string field)
    {
        var body = JsonNode.Parse(Body("ConfigureRequest").Valid)!;
        var holder = parent switch
        {
            null => body,
            "teams[1]" => body["teams"]![1]!,
            _ => body[parent]!,
        };
        holder[list]!.AsArray().Insert(index, null);

        var refusal = Assert.Throws<NullElementException>(() => JsonSerializer.Deserialize<TournamentEndpoints.ConfigureRequest>(body.ToJsonString(), Options));

        Assert.Equal(field, refusal.Field);
    }

    [Theory]
    [InlineData("\"Forfeited\"", true)]
    [InlineData("\"forfeited\"", true)]
    [InlineData("\"Whatever\"", false)]
    [InlineData("\"Finished, Forfeited\"", false)] // STJ's own converter reads this as Forfeited (0 | 1)
    [InlineData("\"Forfeited,Retired\"", false)] // …and this as 3, a value no rule knows
    [InlineData("\" Retired\"", false)]
    [InlineData("\"1\"", false)]
    [InlineData("1", false)]
    [InlineData("null", true)]
    public void An_ending_is_one_of_its_names_or_refused(string ending, bool accepted)
    {
        var json = $$"""{"winner":"t1","sets":[],"ending":{{ending}},"confirm":false}""";

        var read = Record.Exception(() => JsonSerializer.Deserialize<TournamentEndpoints.CorrectionRequest>(json, Options));

        if (accepted)
        {
            Assert.Null(read);
        }
        else
        {
            Assert.Equal("$.ending", Assert.IsAssignableFrom<JsonException>(read).Path);
        }
    }

    [Fact]
    public void Enums_are_written_by_name()
    {
        Assert.Equal("""{"action":"ConfirmMatch","team":null}""", JsonSerializer.Serialize(new TournamentEndpoints.ScoreRequest(ScoringAction.ConfirmMatch, null), Options));
    }

    /// <summary>Breakages the property tests apply to a valid body: nulls into lists, odd enum texts, nulls for fields.</summary>
    private static readonly string[] OddEnumTexts =
        ["", " ", "Whatever", "0", "1", "99", "-1", "null", "Finished, Forfeited", "A,B", "Rally, Undo", "rally", "RALLY", " Judge", "Judge ", "Judge\u0000", "裁判"];

    /// <summary>
    /// Property: whatever is done to a valid body — nulls put into its lists and dictionaries, null for any
    /// field, every enum name and odd enum texts for its strings — reading it either refuses with a
    /// JsonException (which the API answers 400 naming the field) or gives a value with no null where the
    /// record forbids one and only defined enum values. Never another exception: that would be a 500.
    /// </summary>
    [Fact]
    public void Broken_bodies_are_refused_as_json_or_read_into_values_the_rules_can_handle()
    {
        var enumNames = typeof(RoundSettings).Assembly.GetTypes().Concat(typeof(BodyJson).Assembly.GetTypes())
            .Where(t => t.IsEnum && t.IsPublic || t.IsNestedPublic && t.IsEnum).SelectMany(Enum.GetNames).Distinct().ToArray();
        var texts = OddEnumTexts.Concat(enumNames).ToArray();
        var gen =
            from body in Gen.Int[0, Bodies.Count - 1]
            from seed in Gen.Int
            from breaks in Gen.Int[1, 4]
            select (body, seed, breaks);

        gen.Sample(c =>
        {
            var (type, valid) = Bodies[c.body];
            var random = new Random(c.seed);
            var node = JsonNode.Parse(valid)!;
            for (var i = 0; i < c.breaks; i++)
            {
                Break(node, random, texts);
            }

            var json = node.ToJsonString();
            object? read;
            try
            {
                read = JsonSerializer.Deserialize(json, type, Options);
            }
            catch (JsonException)
            {
                return;
            }

            Assert.True(read is not null, json);
            Assert.True(Sound(read, 0) is not { } problem, $"{type.Name} read {json} into a value with {Sound(read, 0)}");
        }, iter: 3000);
    }

    /// <summary>One random breakage somewhere in the tree.</summary>
    private static void Break(JsonNode root, Random random, string[] texts)
    {
        var nodes = Descendants(root).ToList();
        var target = nodes[random.Next(nodes.Count)];
        switch (target)
        {
            case JsonArray array:
                array.Insert(random.Next(array.Count + 1), null);
                break;
            case JsonObject obj when obj.Count > 0 && random.Next(2) == 0:
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                obj[key] = random.Next(3) == 0 ? null : JsonValue.Create(texts[random.Next(texts.Length)]);
                break;
            case JsonObject obj:
                obj[obj.Count > 0 ? obj.ElementAt(random.Next(obj.Count)).Key : "x"] = null;
                break;
            case JsonValue value when value.Parent is JsonObject parent:
                parent[value.GetPropertyName()] = JsonValue.Create(texts[random.Next(texts.Length)]);
                break;
            case JsonValue value when value.Parent is JsonArray parent:
                parent[value.GetElementIndex()] = random.Next(2) == 0 ? null : JsonValue.Create(texts[random.Next(texts.Length)]);
                break;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The test's own oracle: a null where the C# annotation forbids one, or an undefined enum value; null when sound.</summary>
    private static string? Sound(object? value, int depth)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value is decimal or DateOnly or DateTimeOffset)
        {
            return null;
        }

        var type = value.GetType();
        if (type.IsEnum)
        {
            return Enum.IsDefined(type, value) ? null : $"undefined {type.Name} {value}";
        }

        var context = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var info = context.Create(property);
            var held = property.GetValue(value);
            if (held is null)
            {
                if (info.ReadState == NullabilityState.NotNull && !property.PropertyType.IsValueType)
                {
                    return $"null {type.Name}.{property.Name}";
                }

                continue;
            }

            if (held is IEnumerable items and not string)
            {
                var element = info.ElementType ?? info.GenericTypeArguments.LastOrDefault();
                foreach (var item in items is IDictionary d ? d.Values : items)
                {
                    if (item is null && element?.ReadState == NullabilityState.NotNull)
                    {
                        return $"null element in {type.Name}.{property.Name}";
                    }

                    if (Sound(item, depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }
            }
            else if (Sound(held, depth + 1) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
