using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Engagement.Bench;

/// <summary>
/// <c>quiz</c> (issue 12 §5): the knowledge contest against the embedded server, through the public API as the
/// console, the phones and the tablets use it.
/// <list type="number">
/// <item>The hall: N phones (default 2,000) signed in and following <c>contest:{id}</c>, a big screen too; the host
/// shows and opens a question and every phone answers once, paced evenly over 8 s (inside the 10 s window): every
/// answer's acknowledgement time, and the count the contest then holds.</item>
/// <item>Lock, then reveal: the time from the reveal request until each phone and the screen hold the reveal with the
/// standings after that question.</item>
/// <item>The stage: eight team tablets following <c>final:{id}</c> and a screen; for each of K buzzer questions the
/// host presents it and opens buzzing, all eight tablets buzz at once, and the time from the winner's acknowledgement
/// (and from the buzzes' start) until the screen shows the winner is taken.</item>
/// </list>
/// </summary>
public static class QuizScenario
{
    public static readonly string[] Required =
    [
        "scenario", "phones", "answers_per_s", "ack_p50_ms", "ack_p99_ms", "acknowledged", "counted", "lost",
        "reveal_p50_ms", "reveal_p99_ms", "reveal_unseen", "buzz_to_screen_p50_ms", "buzz_to_screen_p99_ms", "server_rss_mb",
    ];

    private const int Teams = 8;
    private static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(8);

    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var phones = options.Phones ?? (options.Quick ? 500 : 2_000);
        var buzzQuestions = options.Quick ? 10 : 40;
        var total = Stopwatch.StartNew();
        var loadAverage = File.ReadAllText("/proc/loadavg").Trim();
        PhonesProcess.EnsureFileDescriptors(phones + Teams + 2);

        await using var server = await Server.StartEmbeddedAsync();
        using var http = Setup.NewClient(server.Urls[0]);
        var quiz = await QuizSetup.PrepareAsync(http, phones, buzzQuestions);
        Console.WriteLine($"{quiz.Phones.Count} members signed in, contest {quiz.ContestId} running, {Teams} team tablets signed in ({total.Elapsed.TotalSeconds:F1} s)");

        var hall = $"contest:{quiz.ContestId}";
        await using var screen = await QuizWatcher.ConnectAsync(server.Urls[0], hall);
        var watchers = new QuizWatcher[quiz.Phones.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, watchers.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            watchers[i] = await QuizWatcher.ConnectAsync(server.Urls[0], hall, quiz.Phones[i].Cookie));
        Console.WriteLine($"{watchers.Count(w => w.Connected)} phones and the screen follow {hall} ({total.Elapsed.TotalSeconds:F1} s)");
        try
        {
            var result = new Dictionary<string, object?>
            {
                ["scenario"] = "quiz", ["quick"] = options.Quick, ["mode"] = "embedded", ["load_average_at_start"] = loadAverage, ["phones"] = phones,
            };
            foreach (var (key, value) in await HallAsync(server, http, quiz, screen, watchers))
            {
                result[key] = value;
            }

            foreach (var (key, value) in await StageAsync(server, http, quiz, buzzQuestions))
            {
                result[key] = value;
            }

            result["server_rss_mb"] = Stats.Round(server.PeakResidentMegabytes());
            result["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds);
            return result;
        }
        finally
        {
            await Parallel.ForEachAsync(watchers.Where(w => w is not null), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (w, _) => await w.DisposeAsync());
        }
    }

    private static async Task<Dictionary<string, object?>> HallAsync(Server server, HttpClient http, Quiz quiz, QuizWatcher screen, QuizWatcher[] phones)
    {
        await QuizSetup.StepAsync(http, quiz, 1, "Shown");
        await QuizSetup.StepAsync(http, quiz, 1, "Open");
        var acknowledged = 0;
        var cpu = server.CpuTime();
        var answers = await Load.RunPacedAsync(quiz.Phones.Count / AnswerWindow.TotalSeconds, quiz.Phones.Count, TimeSpan.FromSeconds(30), async i =>
        {
            if (!await AnswerAsync(http, quiz, quiz.Phones[i], i))
            {
                return false;
            }

            Interlocked.Increment(ref acknowledged);
            return true;
        });
        var serverCores = (server.CpuTime() - cpu) / answers.Elapsed;
        Console.WriteLine($"answers: {answers.Succeeded} acknowledged, {answers.Failed} failed in {answers.Elapsed.TotalSeconds:F2} s; server {serverCores:F2} cores");

        await QuizSetup.StepAsync(http, quiz, 1, "Locked");
        var revealAsked = Stopwatch.GetTimestamp();
        await QuizSetup.StepAsync(http, quiz, 1, "Revealed");
        static bool Revealed(QuizPayload p) => p.Phase == "Revealed" && p.Reveal?.No == 1 && p.Standings?.AfterQuestion == 1;
        var everyone = phones.Append(screen).ToList();
        var seen = await Task.WhenAll(everyone.Select(w => w.WaitForAsync(revealAsked, Revealed, TimeSpan.FromSeconds(15))));
        var revealMs = seen.Where(at => at is not null).Select(at => Stopwatch.GetElapsedTime(revealAsked, at!.Value).TotalMilliseconds).ToArray();
        var screenMs = seen[^1] is { } screenAt ? Stopwatch.GetElapsedTime(revealAsked, screenAt).TotalMilliseconds : (double?)null;
        Console.WriteLine($"reveal: {revealMs.Length} of {everyone.Count} (phones and screen) show it with standings; p99 {Stats.Percentile(revealMs, 99):F0} ms");

        var counted = await QuizSetup.CountAnswersAsync(http, quiz, 1);
        return new Dictionary<string, object?>
        {
            ["answers_per_s"] = Stats.Round(answers.PerSecond),
            ["answer_window_s"] = Stats.Round(answers.Elapsed.TotalSeconds, 2),
            ["ack_p50_ms"] = Stats.Round(Stats.Percentile(answers.LatenciesMs, 50)),
            ["ack_p99_ms"] = Stats.Round(Stats.Percentile(answers.LatenciesMs, 99)),
            ["ack_max_ms"] = Stats.Round(answers.LatenciesMs.DefaultIfEmpty(0).Max()),
            ["server_cores_answers"] = Stats.Round(serverCores, 2),
            ["acknowledged"] = acknowledged,
            ["counted"] = counted,
            ["lost"] = Math.Max(0, acknowledged - counted),
            ["failed"] = answers.Failed,
            ["reveal_p50_ms"] = Stats.Round(Stats.Percentile(revealMs, 50)),
            ["reveal_p99_ms"] = Stats.Round(Stats.Percentile(revealMs, 99)),
            ["reveal_max_ms"] = Stats.Round(revealMs.DefaultIfEmpty(0).Max()),
            ["reveal_screen_ms"] = screenMs is null ? null : Stats.Round(screenMs.Value),
            ["reveal_unseen"] = everyone.Count - revealMs.Length,
            ["screen_updates_hall"] = screen.Updates,
        };
    }

    /// <summary>One phone's answer, retried with the same answer id while the server says 503 (as quiz.js does).</summary>
    private static async Task<bool> AnswerAsync(HttpClient http, Quiz quiz, Phone phone, int seed)
    {
        var body = JsonSerializer.Serialize(new { answerId = Guid.NewGuid().ToString("N"), questionNo = 1, choice = "ABCD"[seed % 4].ToString() });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await Setup.Send(http, HttpMethod.Post, $"/api/member/contests/{quiz.ContestId}/answers", phone.Cookie,
                new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Console.Error.WriteLine($"answer refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1));
        }

        return false;
    }

    private static async Task<Dictionary<string, object?>> StageAsync(Server server, HttpClient http, Quiz quiz, int questions)
    {
        var stage = $"final:{quiz.ContestId}";
        await using var screen = await QuizWatcher.ConnectAsync(server.Urls[0], stage);
        var tablets = await Task.WhenAll(quiz.TeamCookies.Select(c => QuizWatcher.ConnectAsync(server.Urls[0], stage, c)));
        var fromAck = new List<double>();
        var fromSend = new List<double>();
        var tabletsMs = new List<double>();
        var unseen = 0;
        try
        {
            for (var no = 1; no <= questions; no++)
            {
                await QuizSetup.StageActionAsync(http, quiz, "present", new { questionNo = no });
                await QuizSetup.StageActionAsync(http, quiz, "open-buzzing", new { questionNo = no });
                using var go = new ManualResetEventSlim();
                var sent = Stopwatch.GetTimestamp();
                var buzzes = quiz.TeamCookies.Select((cookie, t) => Task.Run(async () =>
                {
                    go.Wait();
                    return await QuizSetup.BuzzAsync(http, cookie, no);
                })).ToList();
                sent = Stopwatch.GetTimestamp();
                go.Set();
                var results = await Task.WhenAll(buzzes);
                var won = results.Where(r => r.Outcome == "Won").ToList();
                if (won.Count != 1)
                {
                    throw new InvalidOperationException($"buzzer question {no}: {won.Count} winners");
                }

                var question = no;
                bool ShowsWinner(QuizPayload p) => p.Current == question && p.Floor == won[0].Winner;
                var atScreen = await screen.WaitForAsync(sent, ShowsWinner, TimeSpan.FromSeconds(5));
                var atTablets = await Task.WhenAll(tablets.Select(t => t.WaitForAsync(sent, ShowsWinner, TimeSpan.FromSeconds(5))));
                if (atScreen is { } at)
                {
                    fromAck.Add(Math.Max(0, Stopwatch.GetElapsedTime(won[0].AcknowledgedAt, at).TotalMilliseconds));
                    fromSend.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                }
                else
                {
                    unseen++;
                }

                tabletsMs.AddRange(atTablets.Where(a => a is not null).Select(a => Math.Max(0, Stopwatch.GetElapsedTime(won[0].AcknowledgedAt, a!.Value).TotalMilliseconds)));
                unseen += atTablets.Count(a => a is null);
                await QuizSetup.StageActionAsync(http, quiz, "judge", new { questionNo = no, teamId = won[0].Winner, correct = true });
            }
        }
        finally
        {
            foreach (var tablet in tablets)
            {
                await tablet.DisposeAsync();
            }
        }

        Console.WriteLine($"buzzer: {questions} questions, {Teams} tablets buzzing at once; winner on screen p99 {Stats.Percentile([.. fromAck], 99):F0} ms after its acknowledgement");
        return new Dictionary<string, object?>
        {
            ["buzz_questions"] = questions,
            ["team_tablets"] = Teams,
            ["buzz_to_screen_p50_ms"] = Stats.Round(Stats.Percentile([.. fromAck], 50)),
            ["buzz_to_screen_p99_ms"] = Stats.Round(Stats.Percentile([.. fromAck], 99)),
            ["buzz_send_to_screen_p99_ms"] = Stats.Round(Stats.Percentile([.. fromSend], 99)),
            ["buzz_to_tablets_p99_ms"] = Stats.Round(Stats.Percentile([.. tabletsMs], 99)),
            ["buzz_unseen"] = unseen,
        };
    }
}
