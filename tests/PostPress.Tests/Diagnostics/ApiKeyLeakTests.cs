using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Diagnostics;

/// <summary>
/// The API key never appears in a log line, an exception (message, ToString, inner exceptions), a ToString, a span
/// name or tag, or a metric tag, across the failure scenarios of the response pipeline (redirect, oversized body,
/// mid-body break, error status with headers, stalled body, success with metadata, disposal in flight, bad
/// options). Extends <c>Transport/DiagnosticsTests.The_api_key_never_appears_in_logs_exception_texts_or_ToString</c>,
/// which covers the WireMock scenarios. Non-parallel: it listens to the process-wide ActivitySource and Meter.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class ApiKeyLeakTests
{
    private const string Secret = "SECRET_7f3a9c1e5b"; // the distinctive part of MockApi.ApiKey

    [Fact]
    public async Task The_api_key_never_appears_in_logs_exceptions_ToString_spans_or_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(PostPressDiagnostics.ActivitySourceName).AddInMemoryExporter(spans).Build()!;
        using var meter = Sdk.CreateMeterProviderBuilder().AddMeter(PostPressDiagnostics.MeterName).AddInMemoryExporter(metrics).Build()!;
        var logs = new CapturingLoggerProvider();
        var texts = new List<string>();

        using var other = new RawHttpServer((request, connection) => connection.Respond(200, Bodies.Account("acc_other")));
        RawHttpServer? server = null;
        server = new RawHttpServer((request, connection) =>
        {
            switch (request.Target.Substring(request.Target.LastIndexOf('/') + 1))
            {
                case "redirect":
                    connection.Respond(307, string.Empty, ("Location", other.Origin + "/api/v1/accounts/x?key=" + MockApi.ApiKey));
                    break;
                case "big":
                    connection.RespondChunked(200, Bodies.Account("big") + new string(' ', 5000), 700);
                    break;
                case "AEMbreak":
                    connection.Write(RawConnection.Head(200, 3000));
                    connection.Write("{\"object\":");
                    connection.Close();
                    break;
                case "limited":
                    connection.Respond(429, Bodies.Problem(429, "errors/too_many_requests", "req_leak_429"), ("Retry-After", "0"), ("X-Custom", "c"));
                    break;
                case "stall":
                    connection.Write(RawConnection.Head(200, 3000));
                    connection.Write("{\"object\":");
                    server!.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                    break;
                case "hang":
                    server!.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                    break;
                default:
                    connection.Respond(200, Bodies.Account("acc_ok"), ("X-Request-Id", "req_leak_ok"), ("X-RateLimit-Remaining", "5"));
                    break;
            }
        });
        using var serverLifetime = server;

        var options = RawOptions.For(server, logs, o =>
        {
            o.MaxRetries = 1;
            o.MaxResponseSize = 1000;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        });
        texts.Add(options.ToString());
        texts.Add(System.Text.Json.JsonSerializer.Serialize(options));
        texts.Add(Newtonsoft.Json.JsonConvert.SerializeObject(options));
        using (var client = new PostPressClient(options))
        {
            texts.Add(client.ToString());
            texts.Add(client.WithOptions(o => o.MaxRetries = 0).ToString()!);
            var failures = new Func<Task>[]
            {
                () => client.Accounts.GetAsync("redirect"),
                () => client.Accounts.GetAsync("big"),
                () => client.LinkedIn.PerformUserActionAsync("AEMbreak", LinkedInUserAction.SaveLead("acc_1")),
                () => client.Accounts.GetAsync("limited"),
                () => client.Accounts.GetAsync("stall"),
            };
            foreach (var failure in failures)
            {
                var ex = await Assert.ThrowsAnyAsync<PostPressException>(failure);
                texts.Add(ex.ToString());
                if (ex is PostPressApiException api)
                {
                    texts.AddRange(api.Headers.SelectMany(h => h.Value.Prepend(h.Key)));
                    texts.Add(api.RawBody);
                }

                if (ex is PostPressRedirectException redirect)
                {
                    texts.Add(redirect.Location?.ToString() ?? string.Empty);
                }
            }

            var ok = await client.Accounts.GetWithResponseAsync("ok");
            texts.Add(ok.ToString());
            texts.AddRange(ok.Headers.SelectMany(h => h.Value.Prepend(h.Key)));
        }

        var disposing = new PostPressClient(options);
        var inFlight = disposing.Accounts.GetAsync("hang");
        await server.WaitForRequestsAsync(server.Requests.Count + 1, TimeSpan.FromSeconds(10));
        disposing.Dispose();
        texts.Add((await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight)).ToString());

        using (var nullFactory = new PostPressClient(options, () => null!))
        {
            texts.Add((await Assert.ThrowsAsync<ArgumentException>(() => nullFactory.Accounts.GetAsync("ok"))).ToString());
        }

        var badOptions = options.Clone();
        badOptions.BaseUri = new Uri("http://api.postpress.ai/api/v1");
        texts.Add(Assert.Throws<ArgumentException>(() => new PostPressClient(badOptions)).ToString());
        badOptions.ApiKey = MockApi.ApiKey + "\n";
        texts.Add(Assert.Throws<ArgumentException>(() => new PostPressClient(badOptions)).ToString());

        tracer.ForceFlush();
        meter.ForceFlush();
        var ours = spans.Where(a => a.GetTagItem("server.port") is int p && p == server.Port).ToList();
        texts.AddRange(ours.SelectMany(a => new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? string.Empty }
            .Concat(a.TagObjects.Select(t => t.Key + "=" + t.Value))
            .Concat(a.Events.Select(e => e.Name))));
        foreach (var metric in metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add(metric.Name + " " + tag.Key + "=" + tag.Value);
                }
            }
        }

        texts.AddRange(logs.Lines);

        // The scenarios really ran, with the key on the wire.
        Assert.True(logs.Lines.Count >= 10, "logs: " + logs.Lines.Count);
        Assert.True(ours.Count >= 12, "spans: " + ours.Count);
        Assert.Contains(metrics, m => m.Name == "postpress.client.request.duration");
        Assert.Contains(metrics, m => m.Name == "postpress.client.retries");
        Assert.True(server.Requests.Count >= 8, "requests: " + server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(MockApi.ApiKey, r.Header("X-API-KEY")));
        Assert.Empty(other.Requests);

        Assert.DoesNotContain(texts, t => t.Contains(Secret, StringComparison.Ordinal));
    }
}
