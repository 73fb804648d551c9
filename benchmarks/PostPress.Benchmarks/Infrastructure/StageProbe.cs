using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using PostPress.Benchmarks.Scenarios;
using PostPress.Models;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// Where scenario D's time goes (<c>--stages</c>): the stages of the SDK's small POST timed alone (the body's
/// validation and serialization, the factory), and the whole call with parts of the documented behaviour switched off
/// through public options (retries, timeouts, drift checks), next to the hand-written client, in turns (the order
/// rotating each round, as the interleaved cross-check does). Per stage: the best and the median batch over the rounds;
/// bytes are exact. Not a BenchmarkDotNet run: steady state after a warm-up of 20,000 calls of each.
/// </summary>
internal static class StageProbe
{
    public static async Task<string> RunAsync(int rounds)
    {
        var sdk = typeof(PostPressClient).Assembly;
        // Internal stages, reached by reflection (measurement only; the benchmarks otherwise use the public API).
        var validate = (Action<LinkedInUserActionRequest, string, string>)Delegate.CreateDelegate(
            typeof(Action<LinkedInUserActionRequest, string, string>),
            sdk.GetType("PostPress.RequestValidation", throwOnError: true)!.GetMethod("LinkedInUserActionRequest", BindingFlags.Public | BindingFlags.Static)!);
        var serialize = (Func<object, byte[]>)Delegate.CreateDelegate(
            typeof(Func<object, byte[]>),
            sdk.GetType("PostPress.RequestBodySerializer", throwOnError: true)!.GetMethod("Serialize", BindingFlags.Public | BindingFlags.Static)!);
        var body = LinkedInUserAction.AddCandidateToPipeline(Payloads.AccountId, Payloads.HiringProjectId, RecruiterPipelineStage.Contacted);

        var d = new D_UserAction();
        d.Setup();
        var clients = new List<PostPressClient>();
        Func<Task> Call(Action<PostPressClientOptions> tweak)
        {
            var options = new PostPressClientOptions { ApiKey = Clients.ApiKey, BaseUri = Clients.InMemoryBaseUrl, MaxRetries = 2 };
            tweak(options);
            var client = new PostPressClient(options, new HttpClient(new CannedHandler(_ => Payloads.ActionResult)));
            clients.Add(client);
            return () => client.LinkedIn.PerformUserActionAsync(Payloads.ActionUserId, body);
        }

        try
        {
            var stages = new (string Name, bool Async, Func<Task>? Op, Action? Sync)[]
            {
                ("hand-written client (Newtonsoft), whole call", true, d.Newtonsoft, null),
                ("SDK, whole call as scenario D (factory + call)", true, d.Sdk, null),
                ("SDK call, body built once (MaxRetries 2, timeouts 100 s / 30 s, drift Report)", true, Call(_ => { }), null),
                ("  same, MaxRetries = 0", true, Call(o => o.MaxRetries = 0), null),
                ("  same, Timeout = AttemptTimeout = null", true, Call(o => { o.Timeout = null; o.AttemptTimeout = null; }), null),
                ("  same, ResponseValidation = Off", true, Call(o => o.ResponseValidation = PostPressResponseValidation.Off), null),
                ("  all three off", true, Call(o => { o.MaxRetries = 0; o.Timeout = null; o.AttemptTimeout = null; o.ResponseValidation = PostPressResponseValidation.Off; }), null),
                ("factory LinkedInUserAction.AddCandidateToPipeline (validates)", false, null, () => LinkedInUserAction.AddCandidateToPipeline(Payloads.AccountId, Payloads.HiringProjectId, RecruiterPipelineStage.Contacted)),
                ("body validation (RequestValidation, once)", false, null, () => validate(body, "request", "request")),
                ("body serialization to UTF-8 (RequestBodySerializer)", false, null, () => serialize(body)),
            };

            foreach (var stage in stages)
            {
                for (var i = 0; i < 20_000; i++)
                {
                    await Run(stage, 1);
                }
            }

            var times = stages.Select(_ => new List<double>()).ToArray();
            var bytes = new double[stages.Length];
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < stages.Length; k++)
                {
                    var i = (k + round) % stages.Length;
                    var n = stages[i].Async ? 5_000 : 20_000;
                    GC.Collect();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var start = Stopwatch.GetTimestamp();
                    await Run(stages[i], n);
                    times[i].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / n);
                    bytes[i] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)n;
                }
            }

            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Stages of scenario D: {rounds} round(s) in turns; per call, best and median batch (5,000 calls, 20,000 for the synchronous stages); load average {Load()}.");
            sb.AppendLine();
            sb.AppendLine("| stage | best | median | allocated |");
            sb.AppendLine("| --- | ---: | ---: | ---: |");
            for (var i = 0; i < stages.Length; i++)
            {
                var sorted = times[i].OrderBy(t => t).ToList();
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {stages[i].Name} | {sorted[0]:N0} ns | {sorted[sorted.Count / 2]:N0} ns | {bytes[i]:N0} B |");
            }

            return sb.ToString();
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            d.Dispose();
        }
    }

    private static async Task Run((string Name, bool Async, Func<Task>? Op, Action? Sync) stage, int n)
    {
        if (stage.Async)
        {
            for (var i = 0; i < n; i++)
            {
                await stage.Op!();
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                stage.Sync!();
            }
        }
    }

    private static string Load()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (System.IO.IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
