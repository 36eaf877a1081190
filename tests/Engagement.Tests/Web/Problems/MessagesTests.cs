using System.Text.RegularExpressions;
using Engagement.Organisation;
using Engagement.Tests.Testing;
using Engagement.Web.Problems;

namespace Engagement.Tests.Web.Problems;

public sealed partial class MessagesTests
{
    /// <summary>Every code a grain (or the web layer) can raise, found in the source text.</summary>
    public static TheoryData<string> RaisedCodes() => new(ScanCodes());

    private static SortedSet<string> ScanCodes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceTree.CSharpFiles("src/Grains").Concat(SourceTree.CSharpFiles("src/Grains.Interfaces")).Concat(SourceTree.CSharpFiles("src/Web")))
        {
            var text = File.ReadAllText(file);
            codes.UnionWith(RuleViolationCode().Matches(text).Select(m => m.Groups["code"].Value));
            foreach (Match call in ProblemCall().Matches(text))
            {
                codes.UnionWith(CodeLiteral().Matches(call.Value).Select(m => m.Groups["code"].Value));
            }
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(RaisedCodes))]
    public void Every_raised_code_has_a_message(string code)
    {
        Assert.True(Messages.Has(code), $"No message for \"{code}\" in src/Web/Problems/Messages.cs");
    }

    [Fact]
    public void The_source_scan_finds_the_codes_it_is_meant_to_find()
    {
        var codes = ScanCodes();

        Assert.Contains("member.exists", codes); // RuleViolation.Conflict in OrganisationGrain
        Assert.Contains("screen.headline-required", codes); // RuleViolation.Invalid without arguments
        Assert.Contains("roster.rejected", codes); // Problems.Result in the web layer
        Assert.Contains("server.unavailable", codes); // Problems.Write
        Assert.True(codes.Count >= 25, $"only {codes.Count} codes found");
    }

    [Fact]
    public void Unknown_codes_have_no_message()
    {
        Assert.False(Messages.Has("no.such-code"));
    }

    public static TheoryData<RosterProblem> AllRosterProblems() => new(Enum.GetValues<RosterProblem>());

    [Theory]
    [MemberData(nameof(AllRosterProblems))]
    public void Every_roster_problem_has_a_message_in_both_languages_with_the_same_placeholders(RosterProblem problem)
    {
        Assert.True(Messages.Roster.TryGetValue(problem, out var text), $"No message for {problem}");
        Assert.False(string.IsNullOrWhiteSpace(text.Zh));
        Assert.False(string.IsNullOrWhiteSpace(text.En));
        Assert.Equal(Placeholders(text.Zh), Placeholders(text.En));
    }

    [Fact]
    public void A_duplicate_member_number_message_names_the_value_and_the_other_line()
    {
        var text = Messages.Roster[RosterProblem.DuplicateMemberNo];

        Assert.Equal("党员编号“DY001”与第 3 行重复。", Messages.Format(text, english: false, "DY001", 3));
        Assert.Equal("Member number \"DY001\" repeats line 3.", Messages.Format(text, english: true, "DY001", 3));
    }

    private static string[] Placeholders(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"RuleViolation\.(?:Invalid|NotFound|Conflict)\(\s*""(?<code>[^""]+)""")]
    private static partial Regex RuleViolationCode();

    [GeneratedRegex(@"Problems\.(?:Result|Write)\([^;]*;", RegexOptions.Singleline)]
    private static partial Regex ProblemCall();

    [GeneratedRegex(@"""(?<code>[a-z]+(?:\.[a-z][a-z-]*)+)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
