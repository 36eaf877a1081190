using Engagement.Bench;

// dotnet run -c Release --project bench/Engagement.Bench -- <scenario> [--quick] [options]; see Options.Usage.
// The server is started from src/Web/bin/Release (and src/Silo for cluster): build them first (docs/benchmarks.md).
// Exit codes: 0 nothing lost, 1 acknowledged ballots lost, 2 bad arguments, 3 cannot run here (message says why).
if (args is [PhonesProcess.Command])
{
    return await PhonesProcess.RunAsync();
}

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

try
{
    var result = options.Scenario switch
    {
        "ballots" => await BallotsScenario.RunAsync(options),
        "connections" => await ConnectionsScenario.RunAsync(options),
        "flat" => await FlatScenario.RunAsync(options),
        "cluster" => await ClusterScenario.RunAsync(options),
        "bracket" => await BracketScenario.RunAsync(options),
        "quiz" => await QuizScenario.RunAsync(options),
        _ => throw new InvalidOperationException($"no scenario '{options.Scenario}'"),
    };
    return Report.Print(result);
}
catch (BenchSetupException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
