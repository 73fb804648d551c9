using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Diagnostics;

/// <summary>
/// Traces and metrics as OpenTelemetry sees them (in-memory exporters): one call span and one attempt span per
/// attempt with the HTTP client conventions, never a concrete id; <c>postpress.client.request.duration</c> once per
/// attempt and <c>postpress.client.retries</c>. With HttpClient's own source and meter (<c>System.Net.Http</c>)
/// listened to as well (plain <see cref="ActivityListener"/> / <see cref="MeterListener"/>): exactly one Client span
/// per attempt and no SDK instrument under a runtime name. Listeners are process-wide, so this runs in the
/// non-parallel collection and keeps only the items of its own server (by <c>server.port</c>, or by trace).
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly MockApi _api = new();
    private readonly string _id = "acc_otel_" + Guid.NewGuid().ToString("N");
    private readonly List<Activity> _spans = new();
    private readonly List<MetricSnapshot> _metrics = new();
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryTests()
    {
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(PostPressDiagnostics.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddMeter(PostPressDiagnostics.MeterName).AddInMemoryExporter(_metrics).Build()!;
    }

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
        _api.Dispose();
    }

    private string Path => "/accounts/" + _id;

    private List<Activity> Spans(int? port = null)
    {
        _tracer.ForceFlush();
        var expected = port ?? _api.Server.Port;
        return _spans.Where(a => a.GetTagItem("server.port") is int p && p == expected).ToList();
    }

    /// <summary>Every point of a metric (one collection), as its tags and its count or sum.</summary>
    private List<(Dictionary<string, object?> Tags, long Value)> Points(string name)
    {
        _metrics.Clear();
        _meter.ForceFlush();
        var points = new List<(Dictionary<string, object?>, long)>();
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                points.Add((tags, metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong()));
            }
        }

        return points;
    }

    private static IEnumerable<string> Texts(Activity a) =>
        new[] { a.DisplayName, a.OperationName }.Concat(a.TagObjects.SelectMany(t => new[] { t.Key, Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty }));

    private void FailOnceThenSucceed()
    {
        _api.Server.Given(_api.Get(Path)).InScenario("otel").WillSetStateTo("failed")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json").WithHeader("X-Request-Id", "req_otel_1")
                .WithBody(Bodies.Problem(503, "errors/no_client_session")));
        _api.Server.Given(_api.Get(Path)).InScenario("otel").WhenStateIs("failed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("X-Request-Id", "req_otel_2")
                .WithBody(Bodies.Account(_id)));
    }

    [Fact]
    public async Task A_retried_call_has_one_call_span_and_one_client_span_per_attempt()
    {
        FailOnceThenSucceed();
        using var client = _api.Client(o => o.MaxRetries = 1);

        await client.Accounts.GetAsync(_id);

        var spans = Spans();
        var call = Assert.Single(spans, s => s.DisplayName == "getAccount");
        Assert.Equal(ActivityKind.Internal, call.Kind);
        var attempts = spans.Where(s => s.DisplayName == "GET /accounts/{id}").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(3, spans.Count);
        foreach (var attempt in attempts)
        {
            Assert.Equal(ActivityKind.Client, attempt.Kind);
            Assert.Equal(call.SpanId, attempt.ParentSpanId);
            Assert.Equal(call.TraceId, attempt.TraceId);
            Assert.Equal("GET", attempt.GetTagItem("http.request.method"));
            Assert.Equal(_api.BaseUri.Host, attempt.GetTagItem("server.address"));
            Assert.Equal(_api.Server.Port, attempt.GetTagItem("server.port"));
            Assert.Equal("/accounts/{id}", attempt.GetTagItem("url.template"));
            Assert.Equal("getAccount", attempt.GetTagItem("postpress.operation.id"));
        }

        Assert.Equal(503, attempts[0].GetTagItem("http.response.status_code"));
        Assert.Equal("503", attempts[0].GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Null(attempts[0].GetTagItem("http.request.resend_count"));
        Assert.Equal("req_otel_1", attempts[0].GetTagItem("postpress.request.id"));

        Assert.Equal(200, attempts[1].GetTagItem("http.response.status_code"));
        Assert.Null(attempts[1].GetTagItem("error.type"));
        Assert.Equal(1, attempts[1].GetTagItem("http.request.resend_count"));
        Assert.Equal("req_otel_2", attempts[1].GetTagItem("postpress.request.id"));

        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
        Assert.Equal("getAccount", call.GetTagItem("postpress.operation.id"));
        Assert.Equal("req_otel_2", call.GetTagItem("postpress.request.id"));
        Assert.Null(call.GetTagItem("error.type"));

        // Never the concrete id (nor the key) in a span name or tag.
        Assert.DoesNotContain(spans.SelectMany(Texts), t => t.Contains(_id, StringComparison.Ordinal) || t.Contains(MockApi.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_record_one_duration_per_attempt_and_count_the_retry()
    {
        FailOnceThenSucceed();
        using var client = _api.Client(o => o.MaxRetries = 1);

        await client.Accounts.GetAsync(_id);

        var durations = Points("postpress.client.request.duration").Where(p => p.Tags.TryGetValue("server.port", out var port) && port is int n && n == _api.Server.Port).ToList();
        Assert.Equal(2, durations.Sum(p => p.Value));
        Assert.Equal(1, Assert.Single(durations, p => Equals(p.Tags.GetValueOrDefault("http.response.status_code"), 503)).Value);
        Assert.Equal(1, Assert.Single(durations, p => Equals(p.Tags.GetValueOrDefault("http.response.status_code"), 200)).Value);
        Assert.All(durations, p =>
        {
            Assert.Equal("GET", p.Tags["http.request.method"]);
            Assert.Equal("/accounts/{id}", p.Tags["url.template"]);
            Assert.Equal("getAccount", p.Tags["postpress.operation.id"]);
        });
        Assert.Equal("503", Assert.Single(durations, p => p.Tags.ContainsKey("error.type")).Tags["error.type"]);

        var retries = Points("postpress.client.retries");
        var retry = Assert.Single(retries);
        Assert.Equal(1, retry.Value);
        Assert.Equal("503", retry.Tags["error.type"]);
        Assert.Equal("/accounts/{id}", retry.Tags["url.template"]);

        var allTags = durations.Concat(retries).SelectMany(p => p.Tags.Select(t => t.Key + "=" + t.Value));
        Assert.DoesNotContain(allTags, t => t.Contains(_id, StringComparison.Ordinal) || t.Contains(MockApi.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_response_marks_both_spans_with_error_type_and_status()
    {
        _api.Reply(_api.Get(Path), 404, Bodies.Problem(404, "errors/resource_not_found", "req_otel_404"));
        using var client = _api.Client();

        await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync(_id));

        var spans = Spans();
        var call = Assert.Single(spans, s => s.DisplayName == "getAccount");
        var attempt = Assert.Single(spans, s => s.DisplayName == "GET /accounts/{id}");
        foreach (var span in new[] { call, attempt })
        {
            Assert.Equal(404, span.GetTagItem("http.response.status_code"));
            Assert.Equal("404", span.GetTagItem("error.type"));
            Assert.Equal(ActivityStatusCode.Error, span.Status);
        }

        Assert.Equal("req_otel_404", call.GetTagItem("postpress.request.id")); // the problem instance
        Assert.DoesNotContain(spans.SelectMany(Texts), t => t.Contains(_id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_timed_out_attempt_has_error_type_timeout_and_no_status()
    {
        using var stalling = new RawHttpServer((request, connection) => connection.Stall(TimeSpan.FromSeconds(10)));
        using var client = new PostPressClient(RawOptions.For(stalling, configure: o =>
        {
            o.MaxRetries = 0;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
        }));

        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync(_id));

        var spans = Spans(stalling.Port);
        var attempt = Assert.Single(spans, s => s.DisplayName == "GET /accounts/{id}");
        Assert.Equal("timeout", attempt.GetTagItem("error.type"));
        Assert.Null(attempt.GetTagItem("http.response.status_code"));
        var call = Assert.Single(spans, s => s.DisplayName == "getAccount");
        Assert.NotNull(call.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
    }

    [Fact]
    public async Task A_POST_span_carries_the_template_not_the_user_id()
    {
        _api.Reply(_api.Post("/linkedin/user/" + _id), 200, Bodies.ActionResult);
        using var client = _api.Client();

        await client.LinkedIn.PerformUserActionAsync(_id, LinkedInUserAction.SaveLead("acc_otel"));

        var spans = Spans();
        Assert.Single(spans, s => s.DisplayName == "performLinkedInUserAction");
        var attempt = Assert.Single(spans, s => s.DisplayName == "POST /linkedin/user/{user_id}");
        Assert.Equal("POST", attempt.GetTagItem("http.request.method"));
        Assert.Equal("/linkedin/user/{user_id}", attempt.GetTagItem("url.template"));
        Assert.DoesNotContain(spans.SelectMany(Texts), t => t.Contains(_id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Each_attempt_has_exactly_one_client_span_whether_or_not_HttpClient_is_traced(bool httpClientListened, bool retried)
    {
        if (retried)
        {
            FailOnceThenSucceed();
        }
        else
        {
            _api.Reply(_api.Get(Path), 200, Bodies.Account(_id));
        }

        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PostPressDiagnostics.ActivitySourceName || (httpClientListened && s.Name == "System.Net.Http"),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = _api.Client(o => o.MaxRetries = 1);

        await client.Accounts.GetAsync(_id);

        List<Activity> trace;
        lock (stopped)
        {
            var call = Assert.Single(stopped, a => a.Source.Name == PostPressDiagnostics.ActivitySourceName && a.DisplayName == "getAccount" && a.GetTagItem("server.port") is int p && p == _api.Server.Port);
            trace = stopped.Where(a => a.TraceId == call.TraceId).ToList();
        }

        var callSpan = Assert.Single(trace, a => a.DisplayName == "getAccount");
        Assert.Equal(ActivityKind.Internal, callSpan.Kind);
        Assert.Equal(default, callSpan.ParentSpanId);
        var attempts = trace.Where(a => a.Source.Name == PostPressDiagnostics.ActivitySourceName && a.DisplayName == "GET /accounts/{id}").OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(retried ? 2 : 1, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(callSpan.SpanId, a.ParentSpanId));
        var httpSpans = trace.Where(a => a.Source.Name == "System.Net.Http").ToList();

        // The point: one Client span per attempt, whoever records it.
        var clientSpans = trace.Where(a => a.Kind == ActivityKind.Client).ToList();
        Assert.Equal(attempts.Count, clientSpans.Count);
        Assert.Equal(attempts.Count + 1 + httpSpans.Count, trace.Count);
        var wire = _api.Requests.Select(r => r.RequestMessage.Headers!["traceparent"].Single()).ToList();
        Assert.Equal(attempts.Count, wire.Count);
        if (httpClientListened)
        {
            // HttpClient's span (Client, the runtime's HTTP attributes) under the SDK's attempt span (Internal), one each;
            // the server sees HttpClient's span as its parent.
            Assert.All(attempts, a => Assert.Equal(ActivityKind.Internal, a.Kind));
            Assert.Equal(attempts.Count, httpSpans.Count);
            for (var i = 0; i < attempts.Count; i++)
            {
                var http = Assert.Single(httpSpans, h => h.ParentSpanId == attempts[i].SpanId);
                Assert.Equal(ActivityKind.Client, http.Kind);
                Assert.Equal(attempts[i].GetTagItem("http.response.status_code"), http.GetTagItem("http.response.status_code"));
                Assert.Equal(_api.Server.Port, http.GetTagItem("server.port"));
                Assert.Contains(wire, w => w.Contains(http.SpanId.ToHexString(), StringComparison.Ordinal));
            }

            Assert.Equal(retried ? new object[] { 503, 200 } : new object[] { 200 }, attempts.Select(a => a.GetTagItem("http.response.status_code")!).ToArray());
        }
        else
        {
            // Nothing listens to System.Net.Http: the SDK's attempt span is the Client span.
            Assert.Empty(httpSpans);
            Assert.All(attempts, a => Assert.Equal(ActivityKind.Client, a.Kind));
            Assert.All(wire, w => Assert.Contains(callSpan.TraceId.ToHexString(), w, StringComparison.Ordinal));

            // The server's parent is the recorded attempt span (the pipeline propagates it), not an unrecorded activity.
            Assert.Equal(attempts.Select(a => a.SpanId.ToHexString()), wire.Select(w => w.Split('-')[2]));
        }
    }

    [Fact]
    public async Task No_SDK_instrument_shares_a_name_with_a_System_Net_Http_instrument()
    {
        FailOnceThenSucceed();
        var published = new List<(string Meter, string Name)>();
        var measured = new List<(string Meter, string Name, int? Port, object? Status)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name is PostPressDiagnostics.MeterName or "System.Net.Http")
                {
                    lock (published)
                    {
                        published.Add((instrument.Meter.Name, instrument.Name));
                    }

                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            int? port = null;
            object? status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int p)
                {
                    port = p;
                }
                else if (tag.Key == "http.response.status_code")
                {
                    status = tag.Value;
                }
            }

            lock (measured)
            {
                measured.Add((instrument.Meter.Name, instrument.Name, port, status));
            }
        }

        listener.SetMeasurementEventCallback<double>(Measured);
        listener.SetMeasurementEventCallback<long>(Measured);
        listener.SetMeasurementEventCallback<int>(Measured);
        listener.Start();
        using var client = _api.Client(o => o.MaxRetries = 1);

        await client.Accounts.GetAsync(_id);

        listener.Dispose();
        List<(string Meter, string Name)> instruments;
        List<(string Meter, string Name, int? Port, object? Status)> points;
        lock (published)
        {
            instruments = published.Distinct().ToList();
        }

        lock (measured)
        {
            points = measured.Where(m => m.Port == _api.Server.Port).ToList();
        }

        var sdk = instruments.Where(i => i.Meter == PostPressDiagnostics.MeterName).Select(i => i.Name).ToList();
        var runtime = instruments.Where(i => i.Meter == "System.Net.Http").Select(i => i.Name).ToList();
        Assert.Contains("postpress.client.request.duration", sdk);
        Assert.Contains("postpress.client.retries", sdk);
        Assert.All(sdk, name => Assert.StartsWith("postpress.", name, StringComparison.Ordinal));
        Assert.Contains("http.client.request.duration", runtime);
        Assert.Empty(sdk.Intersect(runtime));

        // Each attempt measured once by the runtime and once by the SDK, under different names.
        Assert.Equal(new object?[] { 200, 503 }, points.Where(p => p.Meter == "System.Net.Http" && p.Name == "http.client.request.duration").Select(p => p.Status).OrderBy(s => s).ToArray());
        Assert.Equal(new object?[] { 200, 503 }, points.Where(p => p.Meter == PostPressDiagnostics.MeterName && p.Name == "postpress.client.request.duration").Select(p => p.Status).OrderBy(s => s).ToArray());
        Assert.DoesNotContain(points, p => p.Meter == PostPressDiagnostics.MeterName && !p.Name.StartsWith("postpress.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Propagate_sends_the_recorded_client_span_as_the_servers_parent(bool httpClientListened)
    {
        _api.Reply(_api.Get(Path), 200, Bodies.Account(_id));
        var httpSpans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => httpClientListened && s.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (httpSpans)
                {
                    httpSpans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var operation = new OperationInfo("getAccount", "GET", "/accounts/{id}");
        using var http = new HttpClient();

        var attempt = Telemetry.StartAttempt(operation, _api.BaseUri, 1);
        Assert.NotNull(attempt);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _api.BaseUri + Path);
            Telemetry.Propagate(attempt, request);
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }
        finally
        {
            Telemetry.Stop(attempt, 200, null, null);
        }

        var parent = _api.Requests.Single().RequestMessage.Headers!["traceparent"].Single().Split('-');
        Assert.Equal(attempt!.TraceId.ToHexString(), parent[1]);
        if (httpClientListened)
        {
            // HttpClient's recorded Client span, the attempt span's child, is the parent the server sees.
            Assert.Equal(ActivityKind.Internal, attempt.Kind);
            Activity httpSpan;
            lock (httpSpans)
            {
                httpSpan = Assert.Single(httpSpans, a => a.ParentSpanId == attempt.SpanId);
            }

            Assert.Equal(ActivityKind.Client, httpSpan.Kind);
            Assert.Equal(httpSpan.SpanId.ToHexString(), parent[2]);
        }
        else
        {
            // Not HttpClient's unrecorded activity: the attempt span itself.
            Assert.Equal(ActivityKind.Client, attempt.Kind);
            Assert.Equal(attempt.SpanId.ToHexString(), parent[2]);
        }
    }
}
