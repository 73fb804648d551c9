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
/// A cross-check of the BenchmarkDotNet ratios that holds on a shared, loaded machine: the four clients of a scenario
/// are measured in turns (round-robin, the order rotating each round), so a burst of load from other processes hits
/// them alike; each client's figure is the median over the rounds. Same operations as the BenchmarkDotNet classes.
/// </summary>
internal static class Interleaved
{
    public static async Task<string> RunAsync(int rounds, TimeSpan sample, TimeSpan warmup, TextWriter log, string only = "ABCD")
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
            sb.AppendLine(CultureInfo.InvariantCulture, $"Interleaved: {rounds} round(s), samples of about {sample.TotalMilliseconds:N0} ms after a {warmup.TotalSeconds:0.#} s warm-up, clients in rotating order; medians over the rounds.");
            sb.AppendLine();
            sb.AppendLine("| scenario | client | time / op (median) | ratio | allocated / op (median) | alloc ratio |");
            sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
            foreach (var (name, opsPerCall, clients) in scenarios)
            {
                if (!only.Contains(name[0], StringComparison.Ordinal))
                {
                    continue;
                }

                // Warm-up (tiered JIT reaches its optimized code after ~30 calls) and calibration: calls per sample so
                // that a sample lasts about `sample`.
                var callsPerSample = new int[clients.Length];
                for (var i = 0; i < clients.Length; i++)
                {
                    var warm = Stopwatch.StartNew();
                    var warmCalls = 0;
                    do
                    {
                        await clients[i].Op();
                        warmCalls++;
                    }
                    while (warm.Elapsed < warmup && warmCalls < 200);

                    var sw = Stopwatch.StartNew();
                    await clients[i].Op();
                    callsPerSample[i] = (int)Math.Clamp(sample.TotalMilliseconds / Math.Max(sw.Elapsed.TotalMilliseconds, 0.001), 1, 100_000);
                }

                var times = clients.Select(_ => new List<double>()).ToArray();
                var bytes = clients.Select(_ => new List<double>()).ToArray();
                for (var round = 0; round < rounds; round++)
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

                var baseTime = Median(times[0]);
                var baseBytes = Median(bytes[0]);
                for (var i = 0; i < clients.Length; i++)
                {
                    var t = Median(times[i]);
                    var m = Median(bytes[i]);
                    sb.AppendLine(CultureInfo.InvariantCulture,
                        $"| {name} | {clients[i].Client} | {Time(t)} | {t / baseTime:N2}x | {Bytes(m)} | {m / baseBytes:N2}x |");
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

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Time(double us) => us >= 1000 ? (us / 1000).ToString("N2", CultureInfo.InvariantCulture) + " ms" : us.ToString("N2", CultureInfo.InvariantCulture) + " us";

    private static string Bytes(double b) => b >= 1024 ? (b / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KB" : b.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
