using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PostPress.Benchmarks.Scenarios;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// A cross-check of the BenchmarkDotNet ratios that holds on a shared, loaded machine, measured the way the issues ask:
/// the four clients of a scenario are warmed up for at least 2.5 s each (tiered compilation settles), then measured in
/// short batches (about 20 ms) in turns (round-robin, the order rotating each round), so a burst of load from other
/// processes hits them alike and spoils few batches; each client's figure is the p10 of its batches (the median is shown
/// too). Same operations as the BenchmarkDotNet classes. <c>--processes N</c> runs it in N fresh processes
/// (<see cref="RunProcessesAsync"/>).
/// </summary>
internal static class Interleaved
{
    /// <summary>A child's machine-readable line per client: scenario letter, client, p10 us, median us, bytes per op.</summary>
    private const string RowPrefix = "interleaved-row:";

    /// <summary>The measured batches of a scenario are bounded to about this much time (C's batch is one 100,000-item listing).</summary>
    private static readonly TimeSpan ScenarioBudget = TimeSpan.FromSeconds(20);

    public static async Task<string> RunAsync(int rounds, TimeSpan sample, TimeSpan warmup, TextWriter log, string only = "ABCD", bool rows = false)
    {
        var a = new A_Profile();
        var b = new B_Accounts();
        var c = new C_Relations();
        var d = new D_UserAction();
        a.Setup();
        b.Setup();
        c.Setup();
        d.Setup();
        try
        {
            var scenarios = new (string Name, int OpsPerCall, (string Client, Func<Task> Op)[] Clients)[]
            {
                ("A: profile (64 KB)", 1, new (string, Func<Task>)[] { ("Newtonsoft", a.Newtonsoft), ("STJ source-gen", a.StjSourceGen), ("Kiota", a.Kiota), ("SDK", a.Sdk) }),
                ("B: 14 accounts (per 14 calls)", 1, new (string, Func<Task>)[] { ("Newtonsoft", b.Newtonsoft), ("STJ source-gen", b.StjSourceGen), ("Kiota", b.Kiota), ("SDK", b.Sdk) }),
                ("C: relations (per item)", Payloads.TotalRelations, new (string, Func<Task>)[] { ("Newtonsoft", c.Newtonsoft), ("STJ source-gen", c.StjSourceGen), ("Kiota", c.Kiota), ("SDK", c.Sdk) }),
                ("D: POST user action", 1, new (string, Func<Task>)[] { ("Newtonsoft", d.Newtonsoft), ("STJ source-gen", d.StjSourceGen), ("Kiota", d.Kiota), ("SDK", d.Sdk) }),
            };

            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Interleaved: up to {rounds} round(s) per scenario (fewer when a round is long: about {ScenarioBudget.TotalSeconds:N0} s of batches per scenario), batches of about {sample.TotalMilliseconds:N0} ms after a {warmup.TotalSeconds:0.#} s warm-up per client, clients in rotating order; p10 of the batches (median beside it).");
            sb.AppendLine();
            sb.AppendLine("| scenario | client | time / op (p10) | ratio (p10) | time / op (median) | ratio (median) | allocated / op (median) | alloc ratio |");
            sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, opsPerCall, clients) in scenarios)
            {
                if (!only.Contains(name[0], StringComparison.Ordinal))
                {
                    continue;
                }

                // Warm-up (tiered JIT reaches its optimized code after ~30 calls) and calibration: calls per sample so
                // that a sample lasts about `sample`.
                var callsPerSample = new int[clients.Length];
                var roundMs = 0.0;
                for (var i = 0; i < clients.Length; i++)
                {
                    var warm = Stopwatch.StartNew();
                    var warmCalls = 0;
                    do
                    {
                        await clients[i].Op();
                        warmCalls++;
                    }
                    while (warm.Elapsed < warmup);

                    // Calls per batch from the warm-up's own pace (a single call is too noisy to size a 20 ms batch).
                    var perCallMs = warm.Elapsed.TotalMilliseconds / warmCalls;
                    callsPerSample[i] = (int)Math.Clamp(sample.TotalMilliseconds / Math.Max(perCallMs, 0.0001), 1, 1_000_000);
                    roundMs += callsPerSample[i] * perCallMs;
                }

                var scenarioRounds = Math.Clamp((int)(ScenarioBudget.TotalMilliseconds / Math.Max(roundMs, 0.001)), Math.Min(rounds, 5), rounds);
                var times = clients.Select(_ => new List<double>()).ToArray();
                var bytes = clients.Select(_ => new List<double>()).ToArray();
                for (var round = 0; round < scenarioRounds; round++)
                {
                    for (var k = 0; k < clients.Length; k++)
                    {
                        var i = (k + round) % clients.Length;
                        var calls = callsPerSample[i];
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        var allocated = GC.GetTotalAllocatedBytes(precise: true);
                        var start = Stopwatch.GetTimestamp();
                        for (var n = 0; n < calls; n++)
                        {
                            await clients[i].Op();
                        }

                        var elapsed = Stopwatch.GetElapsedTime(start);
                        var ops = (double)calls * opsPerCall;
                        times[i].Add(elapsed.TotalMilliseconds * 1000.0 / ops);
                        bytes[i].Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / ops);
                    }
                }

                var baseP10 = P10(times[0]);
                var baseTime = Median(times[0]);
                var baseBytes = Median(bytes[0]);
                for (var i = 0; i < clients.Length; i++)
                {
                    var p = P10(times[i]);
                    var t = Median(times[i]);
                    var m = Median(bytes[i]);
                    sb.AppendLine(CultureInfo.InvariantCulture,
                        $"| {name} | {clients[i].Client} | {Time(p)} | {p / baseP10:N2}x | {Time(t)} | {t / baseTime:N2}x | {Bytes(m)} | {m / baseBytes:N2}x |");
                    if (rows)
                    {
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{RowPrefix} {name[0]}|{clients[i].Client}|{p:R}|{t:R}|{m:R}"));
                    }
                }

                log.WriteLine($"interleaved: {name} done");
            }

            return sb.ToString();
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            c.Dispose();
            d.Dispose();
        }
    }

    private static double P10(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Floor((sorted.Count - 1) * 0.1)];
    }

    /// <summary>
    /// The interleaved check in <paramref name="processes"/> fresh processes, one after the other (each one's JIT, GC and
    /// tiering start from nothing); returns a table of every process's p10 ratio to the hand-written Newtonsoft client
    /// per scenario and client, with the median and the range over the processes.
    /// </summary>
    public static async Task<string> RunProcessesAsync(int processes, string only, TextWriter log)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(Interleaved).Assembly.Location;
        var results = new List<Dictionary<(char Scenario, string Client), (double P10, double Median, double Bytes)>>();
        for (var p = 1; p <= processes; p++)
        {
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                info.ArgumentList.Add(dll);
            }

            info.ArgumentList.Add("--interleaved-child");
            info.ArgumentList.Add("--scenarios");
            info.ArgumentList.Add(only);
            using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start a child process");
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var rows = new Dictionary<(char, string), (double, double, double)>();
            foreach (var line in output.Split('\n').Where(l => l.StartsWith(RowPrefix, StringComparison.Ordinal)))
            {
                var parts = line[RowPrefix.Length..].Trim().Split('|');
                rows[(parts[0][0], parts[1])] = (double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture), double.Parse(parts[4], CultureInfo.InvariantCulture));
            }

            if (child.ExitCode != 0 || rows.Count == 0)
            {
                throw new InvalidOperationException($"process {p} failed (exit {child.ExitCode}): {output}");
            }

            results.Add(rows);
            var sdk = string.Join(", ", rows.Where(r => r.Key.Item2 == "SDK").Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key.Item1} {r.Value.Item1 / rows[(r.Key.Item1, "Newtonsoft")].Item1:N2}x")));
            log.WriteLine($"process {p}: SDK p10 ratio {sdk} (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Interleaved check in {processes} fresh processes (each as `--interleaved-only`: >= 2.5 s warm-up per client, ~20 ms batches in turns, p10); time ratio of each client's p10 to the hand-written Newtonsoft client's in the same process.");
        sb.AppendLine();
        sb.AppendLine("| scenario | client | " + string.Join(" | ", Enumerable.Range(1, processes).Select(i => "process " + i)) + " | median | max |");
        sb.AppendLine("| --- | --- | " + string.Join(" | ", Enumerable.Range(1, processes).Select(_ => "---:")) + " | ---: | ---: |");
        foreach (var key in results[0].Keys.Where(k => k.Client != "Newtonsoft"))
        {
            var ratios = results.Select(r => r[key].P10 / r[(key.Scenario, "Newtonsoft")].P10).ToList();
            var each = string.Join(" | ", ratios.Select(x => x.ToString("N2", CultureInfo.InvariantCulture) + "x"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {key.Scenario} | {key.Client} | {each} | {Median(ratios):N2}x | {ratios.Max():N2}x |");
        }

        return sb.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Time(double us) => us >= 1000 ? (us / 1000).ToString("N2", CultureInfo.InvariantCulture) + " ms" : us.ToString("N2", CultureInfo.InvariantCulture) + " us";

    private static string Bytes(double b) => b >= 1024 ? (b / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KB" : b.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
