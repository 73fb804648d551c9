using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PostPress.Benchmarks.Infrastructure;
using PostPress.Benchmarks.Load;
using PostPress.Benchmarks.Scenarios;

namespace PostPress.Benchmarks;

/// <summary>
/// dotnet run -c Release --project benchmarks/PostPress.Benchmarks -- [--a-processes N] [--smoke] [--check-only | --only-e | --skip-e | --skip-bdn | --interleaved-only [--processes N] | --bdn-only] [--scenarios ABCD] [--e-seconds N] [--e-rounds N] [--e-workers N,M] [--stages [rounds]] [BenchmarkDotNet args]
/// <list type="number">
/// <item>checks that every client decodes every scenario completely (fails the run otherwise);</item>
/// <item>BenchmarkDotNet, scenarios A-D (all four clients in one run, the hand-written Newtonsoft client as baseline);</item>
/// <item>the same operations measured in turns (round-robin), a load-robust cross-check of the ratios;</item>
/// <item>scenario C's memory while paging (live heap vs one page);</item>
/// <item>scenario E, the loopback load test.</item>
/// </list>
/// <c>--a-processes N</c> alone: scenario A in N fresh processes, each one's p10 and the spread (<see cref="ProcessSpread"/>).
/// <c>--interleaved-only --processes N</c>: the interleaved check in N fresh processes, every process's ratios (<see cref="Interleaved.RunProcessesAsync"/>).
/// <c>--stages</c> alone: where scenario D's time goes (<see cref="StageProbe"/>), printed.
/// Results (BenchmarkDotNet's markdown, paging.md, load-e.md) go to artifacts/bench/ at the repo root.
/// </summary>
internal static class Program
{
    private static readonly Type[] Scenarios = { typeof(A_Profile), typeof(B_Accounts), typeof(C_Relations), typeof(D_UserAction), typeof(D_UserActionPacing) };

    private static async Task<int> Main(string[] args)
    {
        var rest = new List<string>(args);
        if (Take(rest, "--a-process"))
        {
            return await ProcessSpread.RunChildAsync(Console.Out);
        }

        // Issues 17/21 measure "in separate processes, interleaved, >= 2.5 s warm-up per client, p10 of short batches".
        const int InterleavedRounds = 60;
        var interleavedBatch = TimeSpan.FromMilliseconds(20);
        var interleavedWarmup = TimeSpan.FromSeconds(2.5);
        if (Take(rest, "--interleaved-child"))
        {
            var atScenarios = rest.IndexOf("--scenarios");
            var scenarios = atScenarios >= 0 ? rest[atScenarios + 1].ToUpperInvariant() : "ABCD";
            await Interleaved.RunAsync(InterleavedRounds, interleavedBatch, interleavedWarmup, Console.Out, scenarios, rows: true);
            return 0;
        }

        var atProcesses = rest.IndexOf("--a-processes");
        if (atProcesses >= 0)
        {
            var report = await ProcessSpread.RunAsync(int.Parse(rest[atProcesses + 1], CultureInfo.InvariantCulture), Console.Out);
            var dir = Path.Combine(RepoRoot(), "artifacts", "bench");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "processes-a.md"), report);
            Console.WriteLine();
            Console.WriteLine(report);
            return 0;
        }

        var smoke = Take(rest, "--smoke");
        var onlyE = Take(rest, "--only-e");
        var skipE = Take(rest, "--skip-e");
        var checkOnly = Take(rest, "--check-only");
        var skipBdn = Take(rest, "--skip-bdn");
        var quick = Take(rest, "--interleaved-only");
        var bdnOnly = Take(rest, "--bdn-only");
        var only = "ABCD";
        var at0 = rest.IndexOf("--scenarios");
        if (at0 >= 0)
        {
            only = rest[at0 + 1].ToUpperInvariant();
            rest.RemoveRange(at0, 2);
        }

        if (quick)
        {
            skipBdn = true;
            skipE = true;
        }
        var processes = 0;
        var atChildren = rest.IndexOf("--processes");
        if (atChildren >= 0)
        {
            processes = int.Parse(rest[atChildren + 1], CultureInfo.InvariantCulture);
            rest.RemoveRange(atChildren, 2);
        }

        var eWorkers = new[] { LoadTest.DefaultWorkers };
        var atWorkers = rest.IndexOf("--e-workers");
        if (atWorkers >= 0)
        {
            // --e-workers 64,256,1024: scenario E once per count (issue 17: E at 64, 256 and 1,024 workers).
            eWorkers = rest[atWorkers + 1].Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
            rest.RemoveRange(atWorkers, 2);
        }

        var eSeconds = smoke ? 1.0 : 5.0;
        var at = rest.IndexOf("--e-seconds");
        if (at >= 0)
        {
            eSeconds = double.Parse(rest[at + 1], CultureInfo.InvariantCulture);
            rest.RemoveRange(at, 2);
        }

        var eRounds = smoke ? 1 : 2;
        var atRounds = rest.IndexOf("--e-rounds");
        if (atRounds >= 0)
        {
            // --e-rounds N: more (shorter, with --e-seconds) rounds per client, the order alternating; E's ratios swing by
            // more than 5% from one 5 s run to the next on a shared 2-core machine.
            eRounds = int.Parse(rest[atRounds + 1], CultureInfo.InvariantCulture);
            rest.RemoveRange(atRounds, 2);
        }

        var stagesAt = rest.IndexOf("--stages");
        if (stagesAt >= 0)
        {
            // Where scenario D's time goes (StageProbe): --stages [rounds], 7 by default.
            var stageRounds = stagesAt + 1 < rest.Count && int.TryParse(rest[stagesAt + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 7;
            Console.WriteLine(await StageProbe.RunAsync(stageRounds));
            return 0;
        }

        var output = Path.Combine(RepoRoot(), "artifacts", "bench");
        Directory.CreateDirectory(output);
        var total = Stopwatch.StartNew();
        Console.WriteLine($"PostPress benchmarks ({(smoke ? "smoke" : "full")}); results in {output}");

        if (!onlyE)
        {
            var failures = await Checks.RunAsync(Console.Out);
            if (failures.Count > 0)
            {
                return 1;
            }

            if (checkOnly)
            {
                return 0;
            }

            var job = (smoke
                    ? Job.Dry.WithId("Smoke")
                    : Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1).WithId("InProcess-15x"))
                .WithToolchain(InProcessEmitToolchain.Instance);
            var config = DefaultConfig.Instance
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumn(StatisticColumn.Median)
                .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
                .WithArtifactsPath(Path.Combine(output, "bdn"))
                .WithOptions(ConfigOptions.DisableLogFile);
            if (!rest.Contains("--filter"))
            {
                rest.AddRange(new[] { "--filter", "*" });
            }

            var summaries = skipBdn ? new List<Summary>() : BenchmarkSwitcher.FromTypes(Scenarios).Run(rest.ToArray(), config).ToList();
            var broken = (!skipBdn && summaries.Count == 0)
                || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success || r.ResultStatistics is null));
            if (broken)
            {
                Console.WriteLine("benchmarks: a benchmark failed (see above)");
                return 1;
            }

            if (bdnOnly)
            {
                return 0;
            }

            var interleaved = processes > 0
                ? await Interleaved.RunProcessesAsync(processes, only, Console.Out)
                : await Interleaved.RunAsync(smoke ? 1 : InterleavedRounds, smoke ? TimeSpan.FromMilliseconds(20) : interleavedBatch, smoke ? TimeSpan.Zero : interleavedWarmup, Console.Out, only);
            File.WriteAllText(Path.Combine(output, processes > 0 ? "interleaved-processes.md" : "interleaved.md"), interleaved);
            Console.WriteLine();
            Console.WriteLine(interleaved);

            if (quick)
            {
                return 0;
            }

            var paging = await PagingMemory.RunAsync();
            File.WriteAllText(Path.Combine(output, "paging-c.md"), paging);
            Console.WriteLine();
            Console.WriteLine("Scenario C, memory while paging (SDK ListAllRelationsAsync):");
            Console.WriteLine(paging);
        }

        if (!skipE)
        {
            foreach (var workers in eWorkers)
            {
                var load = await LoadTest.RunAsync(TimeSpan.FromSeconds(eSeconds), eRounds, Console.Out, workers);
                File.WriteAllText(Path.Combine(output, workers == LoadTest.DefaultWorkers ? "load-e.md" : $"load-e-{workers}.md"), load);
                Console.WriteLine();
                Console.WriteLine($"Scenario E ({workers} workers):");
                Console.WriteLine(load);
            }
        }

        Console.WriteLine($"benchmarks: done in {total.Elapsed.TotalSeconds:N0} s");
        return 0;
    }

    private static bool Take(List<string> args, string flag) => args.Remove(flag);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostPress.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
