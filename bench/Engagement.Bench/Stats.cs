namespace Engagement.Bench;

/// <summary>Percentiles by the nearest-rank method over all samples (no sampling, no histogram buckets).</summary>
public static class Stats
{
    public static double Percentile(double[] samples, double percent)
    {
        if (samples.Length == 0)
        {
            return double.NaN;
        }

        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double? Round(double value, int digits = 1) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, digits);
}

/// <summary>How many cores the server and this generator kept busy over a phase (CPU time / wall time).</summary>
public sealed record Cpu(Server Server, TimeSpan ServerStart, TimeSpan GeneratorStart)
{
    public static Cpu Start(Server server) =>
        new(server, server.CpuTime(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    public (double Server, double Generator) Stop(TimeSpan wall) =>
        ((Server.CpuTime() - ServerStart) / wall,
         (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - GeneratorStart) / wall);
}

/// <summary>What /proc says about a process: peak resident memory and CPU time used so far.</summary>
public static class ProcessReadings
{
    /// <summary>Peak resident memory (VmHWM from /proc/&lt;pid&gt;/status), in MiB.</summary>
    public static double PeakResidentMegabytes(int pid) => StatusMegabytes(pid, "VmHWM:");

    /// <summary>Resident memory now (VmRSS), in MiB.</summary>
    public static double ResidentMegabytes(int pid) => StatusMegabytes(pid, "VmRSS:");

    private static double StatusMegabytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>User + system CPU time (from /proc/&lt;pid&gt;/stat).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }
}
