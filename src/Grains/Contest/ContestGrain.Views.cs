using Engagement.Contest.Rules;
using Engagement.Live;

namespace Engagement.Contest;

/// <summary>
/// Marks and what each audience sees. The public topic never carries a question before it is shown, nor a key,
/// an explanation or a distribution before the reveal, and only the top members of the standings.
/// </summary>
public sealed partial class ContestGrain
{
    private readonly Dictionary<int, QuestionReveal> _reveals = [];
    private Dictionary<string, MemberTotal> _totals = [];
    private HallStandings? _standings;
    private HallStandings? _publicStandings;
    private Dictionary<string, MemberStanding> _standingOf = [];

    public Task<PhoneView> GetPhoneView(string memberNo) => Read(() => PhoneView(memberNo));

    private PhoneView PhoneView(string memberNo)
    {
        var mine = memberNo is not null && _byMember.TryGetValue(memberNo, out var list) ? list : [];
        var answers = mine
            .OrderBy(a => a.QuestionNo)
            .Select(a => new MemberAnswer(a.QuestionNo, a.Choice, a.ReceiptCode, a.ElapsedMs, a.Mark?.Correct, a.Mark?.Points))
            .ToList();
        var me = memberNo is not null ? _standingOf.GetValueOrDefault(memberNo) : null;
        return new PhoneView(Live(), answers, me, _standings?.Members.Count ?? 0);
    }

    public Task<HallStandings> GetStandings() => Read(() => _standings ?? EmptyStandings);

    public Task<HallRecord> GetRecord() => Read(HallRecordNow);

    private HallRecord HallRecordNow()
    {
        var answers = _answers
            .OrderBy(q => q.Key)
            .SelectMany(q => q.Value.Values.Where(a => a.Durable).OrderBy(a => a.ElapsedMs).ThenBy(a => a.MemberNo, StringComparer.Ordinal))
            .Select(a => new RecordedAnswer(a.QuestionNo, a.MemberNo, a.Name, a.BranchId, a.Choice, a.ElapsedMs, a.ReceiptCode, a.Mark?.Correct, a.Mark?.Points))
            .ToList();
        var reveals = _reveals.OrderBy(r => r.Key).Select(r => r.Value).ToList();
        return new HallRecord(View(), reveals, answers, _standings ?? EmptyStandings, _branches);
    }

    private static HallStandings EmptyStandings { get; } = new(0, [], [], []);

    /// <summary>Marks every durable answer of question <paramref name="n"/> and works out the standings; changes nothing.</summary>
    private RevealWork Mark(int n)
    {
        var question = Questions[n - 1];
        var scoring = Settings.Scoring;
        var answers = _answers.TryGetValue(n, out var byMember) ? byMember.Values.Where(a => a.Durable).ToList() : [];
        var marks = answers.Select(a => AnswerScoring.Mark(question, a.Choice, TimeSpan.FromMilliseconds(a.ElapsedMs), scoring)).ToList();
        var totals = new Dictionary<string, MemberTotal>(_totals);
        var distribution = Letters(question).ToDictionary(l => l, _ => 0);
        for (var i = 0; i < answers.Count; i++)
        {
            var (answer, mark) = (answers[i], marks[i]);
            foreach (var letter in answer.Choice)
            {
                var option = letter.ToString();
                distribution[option] = distribution.GetValueOrDefault(option) + 1;
            }

            var before = totals.GetValueOrDefault(answer.MemberNo) ?? new MemberTotal(answer.MemberNo, answer.Name, answer.BranchId, 0, 0, 0, 0);
            totals[answer.MemberNo] = before with
            {
                Name = answer.Name,
                BranchId = answer.BranchId,
                Points = before.Points + mark.Points,
                Correct = before.Correct + (mark.Correct ? 1 : 0),
                Answered = before.Answered + 1,
                TimeMs = before.TimeMs + answer.ElapsedMs,
            };
        }

        var reveal = new QuestionReveal(n, question.Answer, question.Explanation, distribution, answers.Count, marks.Count(m => m.Correct));
        var standings = HallStandingsRules.Compute(n, totals.Values, _branches, Settings.Ranking);
        return new RevealWork(reveal, answers, marks, totals, standings);
    }

    private void ApplyReveal(RevealWork work)
    {
        for (var i = 0; i < work.Answers.Count; i++)
        {
            work.Answers[i].Mark = work.Marks[i];
        }

        _totals = work.Totals;
        _reveals[work.Reveal.No] = work.Reveal;
        _current = work.Reveal.No;
        _phase = HallPhase.Revealed;
        _standings = work.Standings;
        _publicStandings = work.Standings with { Members = work.Standings.Members.Take(Settings.TopMembers).ToList() };
        _standingOf = work.Standings.Members.ToDictionary(m => m.MemberNo);
    }

    private static IEnumerable<string> Letters(Question question) =>
        question.Type == QuestionType.TrueFalse
            ? ["A", "B"]
            : Enumerable.Range(0, question.Options.Count).Select(i => ((char)('A' + i)).ToString());

    private ContestView View()
    {
        var settings = Settings;
        return new ContestView(ContestId, _status, settings, Questions, _current, _phase, _openedAt, _closesAt, AnsweredCurrent, Record.Draw, Version, Live());
    }

    private int AnsweredCurrent => _durableCounts.GetValueOrDefault(_current);

    private TopicUpdate Snapshot() => new(Topics.Contest(ContestId), Version, Live());

    private ContestLive Live()
    {
        var settings = Settings;
        var shown = _current > 0 && _phase != HallPhase.None && _current <= Questions.Count;
        PublicQuestion? question = null;
        if (shown)
        {
            var q = Questions[_current - 1];
            question = new PublicQuestion(_current, q.Type, q.Stem, q.Options, q.Points, q.Category, q.Image);
        }

        var reveal = _phase == HallPhase.Revealed ? _reveals.GetValueOrDefault(_current) : null;
        return new ContestLive(
            ContestId, settings.Title, _status, Questions.Count, question, _phase, _openedAt, _closesAt, AnsweredCurrent, reveal,
            _publicStandings, settings.Scoring, settings.Ranking, _participants.Count, _status == ContestStatus.Finished ? _finalHash : null);
    }

    private sealed record RevealWork(
        QuestionReveal Reveal,
        IReadOnlyList<HallAnswer> Answers,
        IReadOnlyList<AnswerMark> Marks,
        Dictionary<string, MemberTotal> Totals,
        HallStandings Standings);
}
