using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PostPress.Benchmarks.Baselines;
using PostPress.Benchmarks.Infrastructure;

namespace PostPress.Benchmarks.Load;

/// <summary>
/// Scenario E: <see cref="DefaultWorkers"/> (or the <c>--e-workers</c> counts) concurrent workers over loopback sockets against an in-process Kestrel server
/// bound to 127.0.0.1 on a free port, each calling <c>GET /accounts/{id}</c> (the LINKEDIN account, ~1.4 KB) in a loop
/// for a bounded time. Compares the SDK with a raw HttpClient + Newtonsoft client (the scenario A-D baseline).
/// Traffic never leaves 127.0.0.1 and every loop stops at its deadline.
/// </summary>
internal static class LoadTest
{
    public const int DefaultWorkers = 64;

    /// <summary>Latency samples kept in all (64 workers × 2^17); more workers keep fewer each, so 1,024 workers stay at 64 MB.</summary>
    private const int MaxSamples = 64 << 17;

    public static async Task<string> RunAsync(TimeSpan duration, int rounds, TextWriter log, int workers = DefaultWorkers)
    {
        if (workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
        }

        var payload = Payloads.Account("LINKEDIN");
        var accountId = Payloads.AccountIdFor("LINKEDIN");
        long served = 0;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(async ctx =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api/v1/accounts", StringComparison.Ordinal))
            {
                ctx.Response.StatusCode = 404;
                return;
            }

            Interlocked.Increment(ref served);
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = payload.Length;
            await ctx.Response.Body.WriteAsync(payload, ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/api/v1");
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseUrl.Host)))
        {
            throw new InvalidOperationException("the load test only targets loopback, got " + baseUrl);
        }

        log.WriteLine($"E: Kestrel on {baseUrl}, {workers} workers, {duration.TotalSeconds:0.#} s per run, {rounds} round(s)");

        using var rawHttp = new HttpClient(new SocketsHttpHandler());
        var raw = new NewtonsoftClient(rawHttp, baseUrl, Clients.ApiKey);
        using var sdk = new PostPressClient(new PostPressClientOptions { ApiKey = Clients.ApiKey, BaseUri = baseUrl, MaxRetries = 2 }, new HttpClient(new SocketsHttpHandler()));

        var clients = new (string Name, Func<Task<bool>> Call)[]
        {
            ("raw HttpClient + Newtonsoft", async () => (await raw.GetAccountAsync(accountId).ConfigureAwait(false)).Id == accountId),
            ("SDK", async () => (await sdk.Accounts.GetAsync(accountId).ConfigureAwait(false)).Id == accountId),
        };

        var buffers = new long[workers][];
        for (var i = 0; i < workers; i++)
        {
            buffers[i] = new long[MaxSamples / workers];
        }

        var results = clients.ToDictionary(c => c.Name, _ => new List<Run>());
        foreach (var (name, call) in clients)
        {
            // Warm-up: JIT, connections. Beyond the default count, one whole run: 1,024 workers open 1,024 connections, and a
            // 500 ms warm-up left the first client's first round at half speed (measured: 22,131 then 45,777 req/s).
            var warmUp = workers > DefaultWorkers ? duration : TimeSpan.FromMilliseconds(Math.Min(500, duration.TotalMilliseconds / 2));
            await MeasureAsync(call, warmUp, buffers);
        }

        for (var round = 0; round < rounds; round++)
        {
            // The order alternates each round: neither client always runs right after the other's load.
            foreach (var (name, call) in round % 2 == 0 ? clients : Enumerable.Reverse(clients))
            {
                var run = await MeasureAsync(call, duration, buffers);
                results[name].Add(run);
                log.WriteLine($"E: round {round + 1} {name}: {run.RequestsPerSecond:N0} req/s, p99 {run.P99Ms:N2} ms, {run.BytesPerRequest / 1024.0:N1} KB/request, {run.Failures} failure(s)");
            }
        }

        await app.StopAsync();

        var rawRps = results[clients[0].Name].Average(r => r.RequestsPerSecond);
        var rawBytes = results[clients[0].Name].Average(r => r.BytesPerRequest);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{workers} workers, loopback Kestrel (in-process), GET /accounts/{{id}} ({payload.Length:N0}-byte body), {rounds} round(s) of {duration.TotalSeconds:0.#} s per client, averaged.");
        sb.AppendLine("Bytes per request are the whole process's allocations (client and the in-process server) divided by the requests.");
        sb.AppendLine();
        sb.AppendLine("| client | requests/s | ratio | ratio per round (median; each round's pair, order alternating) | p50 | p99 | allocated / request | alloc ratio | failures |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, _) in clients)
        {
            var runs = results[name];
            var rps = runs.Average(r => r.RequestsPerSecond);
            var bytes = runs.Average(r => r.BytesPerRequest);
            var paired = runs.Select((r, i) => r.RequestsPerSecond / results[clients[0].Name][i].RequestsPerSecond).OrderBy(x => x).ToList();
            var median = paired.Count % 2 == 1 ? paired[paired.Count / 2] : (paired[paired.Count / 2 - 1] + paired[paired.Count / 2]) / 2;
            var each = string.Join(", ", runs.Select((r, i) => (r.RequestsPerSecond / results[clients[0].Name][i].RequestsPerSecond).ToString("N2", CultureInfo.InvariantCulture)));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {rps:N0} | {rps / rawRps:N2}x | {median:N2}x ({each}) | {runs.Average(r => r.P50Ms):N2} ms | {runs.Average(r => r.P99Ms):N2} ms | {bytes / 1024.0:N1} KB | {bytes / rawBytes:N2}x | {runs.Sum(r => r.Failures)} |");
        }

        if (results.Values.SelectMany(r => r).Any(r => r.Failures > 0 || r.Requests == 0))
        {
            throw new InvalidOperationException("E: some requests failed or none completed\n" + sb);
        }

        return sb.ToString();
    }

    private static async Task<Run> MeasureAsync(Func<Task<bool>> call, TimeSpan duration, long[][] buffers)
    {
        var workers = buffers.Length;
        var counts = new int[workers];
        var failures = new int[workers];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            tasks[w] = Task.Run(async () =>
            {
                var samples = buffers[worker];
                var n = 0;
                while (true)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    if (t0 >= deadline)
                    {
                        break;
                    }

                    bool ok;
                    try
                    {
                        ok = await call().ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        ok = false;
                    }

                    if (!ok)
                    {
                        failures[worker]++;
                    }

                    if (n < samples.Length)
                    {
                        samples[n] = Stopwatch.GetTimestamp() - t0;
                    }

                    n++;
                }

                counts[worker] = n;
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var total = counts.Sum();
        var latencies = new List<long>(total);
        for (var w = 0; w < workers; w++)
        {
            latencies.AddRange(buffers[w].Take(Math.Min(counts[w], buffers[w].Length)));
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))] * 1000.0 / Stopwatch.Frequency;
        return new Run(total, failures.Sum(), total / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), total == 0 ? 0 : (double)allocated / total);
    }

    private sealed record Run(int Requests, int Failures, double RequestsPerSecond, double P50Ms, double P99Ms, double BytesPerRequest);
}
