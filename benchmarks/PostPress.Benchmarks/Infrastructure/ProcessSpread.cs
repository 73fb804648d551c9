using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Benchmarks.Scenarios;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// Scenario A (the 64 KB profile read) in fresh processes, to show whether a process can land in a slow mode for its
/// whole life (issue 17 item 4: 2 of 15 processes once ran 1.50-1.59x slower). <c>--a-processes N</c> starts this program
/// N times in turn with <c>--a-process</c>; each child warms the SDK and the hand-written Newtonsoft client up for
/// 2.5 s each, goes on until the JIT has settled (no method compiled for 1 s), then measures short batches of each in
/// turns (so both see the same load) and prints one line with the p10 of its batches and how long the JIT took to settle. The parent prints every child's p10, the SDK/Newtonsoft ratio and the max/min spread.
/// </summary>
internal static class ProcessSpread
{
    private const string ChildPrefix = "a-process:";

    /// <summary>The child: one measurement of scenario A in this process; prints "a-process: sdk_us newtonsoft_us".</summary>
    public static async Task<int> RunChildAsync(TextWriter log)
    {
        var a = new A_Profile();
        a.Setup();
        try
        {
            var clients = new (string Name, Func<Task> Op)[] { ("Newtonsoft", a.Newtonsoft), ("SDK", a.Sdk) };
            // POSTPRESS_A_WARMUP_SECONDS: a longer warm-up, for JIT diagnostics (benchmarks/README.md).
            var warmup = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("POSTPRESS_A_WARMUP_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 2.5);
            var perBatch = new int[clients.Length];
            for (var i = 0; i < clients.Length; i++)
            {
                // >= 2.5 s of warm-up per client: tiered compilation (tier 0, instrumented tier, OSR, tier 1) settles.
                var warm = Stopwatch.StartNew();
                var calls = 0;
                while (warm.Elapsed < warmup)
                {
                    await clients[i].Op();
                    calls++;
                }

                // Batches of about 20 ms: short enough that a burst of load spoils few of them (the p10 ignores those).
                perBatch[i] = Math.Max(1, (int)(calls * 20.0 / warm.Elapsed.TotalMilliseconds));
            }

            // Then both clients in turns until the JIT has settled: no method compiled (tier 0, instrumented tier, tier 1)
            // for a full second, at most 30 s. On a loaded machine tier 1 can come many seconds late (benchmarks/README.md,
            // "One process fast, the next slow"); measuring before it is what made some processes look 1.5x slower.
            var settle = Stopwatch.StartNew();
            var quiet = Stopwatch.StartNew();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            while (quiet.Elapsed < TimeSpan.FromSeconds(1) && settle.Elapsed < TimeSpan.FromSeconds(30))
            {
                foreach (var (_, op) in clients)
                {
                    await op();
                }

                var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                if (now != compiled)
                {
                    compiled = now;
                    quiet.Restart();
                }
            }

            var times = clients.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < 60; round++)
            {
                for (var k = 0; k < clients.Length; k++)
                {
                    var i = (k + round) % clients.Length;
                    var start = Stopwatch.GetTimestamp();
                    for (var n = 0; n < perBatch[i]; n++)
                    {
                        await clients[i].Op();
                    }

                    times[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000.0 / perBatch[i]);
                }
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ChildPrefix} {P10(times[1]):F1} {P10(times[0]):F1} {settle.Elapsed.TotalSeconds:F1}"));
            return 0;
        }
        finally
        {
            a.Dispose();
        }
    }

    /// <summary>The parent: <paramref name="processes"/> fresh processes in turn; returns the markdown report.</summary>
    public static async Task<string> RunAsync(int processes, TextWriter log)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ProcessSpread).Assembly.Location;
        var rows = new List<(double Sdk, double Newtonsoft, double Settle)>();
        for (var p = 1; p <= processes; p++)
        {
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                info.ArgumentList.Add(dll);
            }

            info.ArgumentList.Add("--a-process");
            using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start a child process");
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ChildPrefix, StringComparison.Ordinal));
            if (child.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException($"process {p} failed (exit {child.ExitCode}): {output}");
            }

            var parts = line[ChildPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var row = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
            rows.Add(row);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process {p}: SDK p10 {row.Item1:F1} us, Newtonsoft p10 {row.Item2:F1} us, ratio {row.Item1 / row.Item2:F2}, JIT settled after {row.Item3:F1} s more"));
        }

        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.WriteLine($"Scenario A in {processes} fresh processes (each: 2.5 s warm-up per client, then both in turns until no method was JIT-compiled for 1 s, then 60 rounds of ~20 ms batches, SDK and Newtonsoft in turns; p10 of the batches).");
        sw.WriteLine();
        sw.WriteLine("| process | SDK p10 | Newtonsoft p10 | SDK / Newtonsoft | JIT settled after (beyond the 5 s warm-up) |");
        sw.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < rows.Count; i++)
        {
            sw.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {rows[i].Sdk:F1} us | {rows[i].Newtonsoft:F1} us | {rows[i].Sdk / rows[i].Newtonsoft:F2} | {rows[i].Settle:F1} s |"));
        }

        var sdk = rows.Select(r => r.Sdk).ToList();
        var ratio = rows.Select(r => r.Sdk / r.Newtonsoft).ToList();
        sw.WriteLine();
        sw.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SDK p10 max/min: {sdk.Max() / sdk.Min():F2} ({sdk.Min():F1}-{sdk.Max():F1} us); SDK/Newtonsoft ratio max/min: {ratio.Max() / ratio.Min():F2} ({ratio.Min():F2}-{ratio.Max():F2})."));
        return sw.ToString();
    }

    private static double P10(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Floor((sorted.Count - 1) * 0.1)];
    }
}
