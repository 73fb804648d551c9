#if !POSTPRESS_NETSTANDARD_ASSET
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PostPress.Tests.Support;
using PostPress.Tests.Transport.Policies;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Sync;

/// <summary>
/// The same cases on both paths (<see cref="CallMode"/>): the async methods and their synchronous twins must retry,
/// time out, cancel, map errors, refuse redirects, page, log and trace alike, on a real loopback server.
/// </summary>
public sealed class SyncAsyncParityTests : IDisposable
{
    private const string AccountJson = "{\"object\":\"Account\",\"type\":\"WHATSAPP\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"phone_number\":\"+33\"}},\"groups\":[],\"sources\":[]}";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<CallMode> Modes => PolicyHarness.Modes;

    private static Task<Account> Get(CallMode mode, IPostPressClient client, string id = "acc_01", CancellationToken token = default) =>
        Both.Call(mode, () => client.Accounts.GetAsync(id, token), () => client.Accounts.Get(id, token));

    private void FailThenSucceed(int status, int failures, params (string, string)[] headers)
    {
        for (var i = 0; i < failures; i++)
        {
            var r = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody("{\"title\":\"t\",\"type\":\"errors/service_unavailable\",\"status\":" + status + "}");
            foreach (var (n, v) in headers)
            {
                r = r.WithHeader(n, v);
            }

            var given = _api.Server.Given(_api.Get("/accounts/acc_01")).InScenario("s");
            (i == 0 ? given : given.WhenStateIs("f" + i)).WillSetStateTo("f" + (i + 1)).RespondWith(r);
        }

        _api.Server.Given(_api.Get("/accounts/acc_01")).InScenario("s").WhenStateIs("f" + failures)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AccountJson));
    }

    private void Slow(TimeSpan delay) => _api.Server.Given(_api.Get("/accounts/acc_01"))
        .RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay).WithBody("{}"));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_call_returns_the_value_and_the_response(CallMode mode)
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson, ("X-Request-Id", "req_42"));
        using var client = _api.Client();

        var account = await Get(mode, client);
        var response = await Both.Call(mode, () => client.Accounts.GetWithResponseAsync("acc_01"), () => client.Accounts.GetWithResponse("acc_01"));

        Assert.Equal("acc_01", Assert.IsType<WhatsAppAccount>(account).Id);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("acc_01", response.Value.Id);
        Assert.All(_api.Requests, r => Assert.Equal(MockApi.ApiKey, r.RequestMessage.Headers!["X-API-KEY"].Single()));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Transient_statuses_are_retried_until_success(CallMode mode)
    {
        FailThenSucceed(503, 2);
        using var client = _api.Client();

        var account = await Get(mode, client);

        Assert.IsType<WhatsAppAccount>(account);
        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(2, _api.Logs.Lines.Count(l => l.Contains("PostPress retrying")));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Retries_are_exhausted_into_the_typed_exception(CallMode mode)
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 503, "{\"title\":\"Unavailable\",\"type\":\"errors/no_client_session\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<ServiceUnavailableException>(() => Get(mode, client));

        Assert.Equal(ErrorType.NoClientSession, ex.ErrorType);
        Assert.Equal(3, _api.Requests.Count);
        Assert.Contains(_api.Logs.Lines, l => l.Contains("failed with 503") && l.Contains("after 3 attempt(s)"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Per_call_options_apply_on_both_paths(CallMode mode)
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 503, "{\"title\":\"t\",\"type\":\"errors/no_channel\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 3);
        var options = new PostPressRequestOptions { MaxRetries = 0 }.AddHeader("X-Trace-Tag", "sync-parity");

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => Both.Call(mode,
            () => client.Accounts.GetAsync("acc_01", options),
            () => client.Accounts.Get("acc_01", options)));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal("sync-parity", sent.RequestMessage.Headers!["X-Trace-Tag"].Single());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Error_statuses_map_to_their_typed_exceptions(CallMode mode)
    {
        _api.Reply(_api.Get("/accounts/acc_404"), 404, "{\"title\":\"Not found\",\"type\":\"errors/resource_not_found\",\"status\":404,\"instance\":\"req_9\"}");
        _api.Reply(_api.Get("/accounts/acc_401"), 401, "{\"title\":\"Unauthorized\",\"type\":\"errors/missing_credentials\",\"status\":401}");
        _api.Reply(_api.Get("/accounts/acc_500"), 500, "{\"title\":\"t\",\"type\":\"errors/unexpected_error\",\"status\":500}");
        using var client = _api.Client();

        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => Get(mode, client, "acc_404"));
        await Assert.ThrowsAsync<PostPressAuthenticationException>(() => Get(mode, client, "acc_401"));
        await Assert.ThrowsAsync<InternalServerException>(() => Get(mode, client, "acc_500"));

        Assert.Equal(404, notFound.StatusCode);
        Assert.Equal("req_9", notFound.Instance);
        Assert.Equal(3, _api.Requests.Count); // none of them retried
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Invalid_arguments_are_refused_before_anything_is_sent(CallMode mode)
    {
        using var client = _api.Client();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Get(mode, client, string.Empty));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Both.Call(mode,
            () => client.LinkedIn.PerformUserActionAsync("AEM1", null!),
            () => client.LinkedIn.PerformUserAction("AEM1", null!)));

        Assert.Empty(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Retry_after_is_waited_on_the_clients_clock(CallMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        FailThenSucceed(429, 1, ("Retry-After", "7"));
        using var client = _api.Client(o =>
        {
            o.TimeProvider = time;
            o.MaxRetryDelay = TimeSpan.FromSeconds(60);
            o.AttemptTimeout = null;
            o.Timeout = null;
        });

        var call = Get(mode, client);
        for (var i = 0; i < 400 && !_api.Logs.Lines.Any(l => l.Contains("PostPress retrying")); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains(_api.Logs.Lines, l => l.Contains("waiting 7000 ms"));

        // The retry logs before it starts its wait on the fake clock: give the wait a moment to exist.
        await Task.Delay(200);
        time.Advance(TimeSpan.FromMilliseconds(6999));
        await Task.Delay(50);
        Assert.Single(_api.Requests); // not before Retry-After
        time.Advance(TimeSpan.FromMilliseconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _api.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Attempt_timeout_is_retried_then_reported_as_timeout(CallMode mode)
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => Get(mode, client));

        Assert.Contains("2 attempt", ex.Message);
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 1 failed with Timeout"));
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 2 failed with Timeout"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Overall_timeout_is_reported_as_timeout(CallMode mode)
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client(o =>
        {
            o.AttemptTimeout = null;
            o.Timeout = TimeSpan.FromMilliseconds(200);
        });

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => Get(mode, client));

        Assert.Contains("overall timeout", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Caller_cancellation_stays_an_OperationCanceledException_and_is_not_retried(CallMode mode)
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(mode, client, token: cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains("retrying"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_already_cancelled_token_sends_nothing(CallMode mode)
    {
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(mode, client, token: cts.Token));

        Assert.Empty(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Connection_refused_is_a_connection_exception_after_the_retries(CallMode mode)
    {
        var port = _api.Server.Port;
        _api.Server.Stop();
        using var client = new PostPressClient(new PostPressClientOptions(MockApi.ApiKey)
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1"),
            MaxRetries = 1,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        });

        var ex = await Assert.ThrowsAsync<PostPressConnectionException>(() => Get(mode, client));

        Assert.Contains("2 attempt", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_post_is_not_retried_after_a_gateway_timeout(CallMode mode)
    {
        _api.Reply(_api.Post("/linkedin/user/AEM1"), 504, "{\"title\":\"t\",\"type\":\"errors/request_timeout\",\"status\":504}");
        using var client = _api.Client();

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => Both.Call(mode,
            () => client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_1")),
            () => client.LinkedIn.PerformUserAction("AEM1", LinkedInUserAction.SaveLead("acc_1"))));

        Assert.IsType<GatewayTimeoutException>(e.InnerException);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_post_is_retried_on_rate_limit_with_the_same_body(CallMode mode)
    {
        _api.Server.Given(_api.Post("/linkedin/user/AEM1")).InScenario("p").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody("{\"title\":\"t\",\"type\":\"errors/too_many_requests\",\"status\":429}"));
        _api.Server.Given(_api.Post("/linkedin/user/AEM1")).InScenario("p").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Bodies.ActionResult));
        using var client = _api.Client();

        var result = await Both.Call(mode,
            () => client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_1", "list_1")),
            () => client.LinkedIn.PerformUserAction("AEM1", LinkedInUserAction.SaveLead("acc_1", "list_1")));

        Assert.True(result.Success);
        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(_api.Requests[0].RequestMessage.Body, _api.Requests[1].RequestMessage.Body);
        Assert.Contains("saveLead", _api.Requests[1].RequestMessage.Body);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_body_over_MaxResponseSize_is_refused(CallMode mode)
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson);
        using var client = _api.Client(o => o.MaxResponseSize = 64);

        await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => Get(mode, client));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_log_lines_are_the_same_on_both_paths(CallMode mode)
    {
        FailThenSucceed(503, 1, ("X-Request-Id", "req_7"));
        using var client = _api.Client();

        await Get(mode, client);

        // Durations differ from run to run; everything else is the same text on both paths.
        var lines = _api.Logs.Lines.Select(l => Regex.Replace((l.IndexOf(" [Method=", StringComparison.Ordinal) is var cut and >= 0 ? l.Substring(0, cut) : l), @"\d+ ms", "N ms")).ToList();
        Assert.Equal(
            "PostPress GET /accounts/{id} attempt 1 -> 503 in N ms (request id 'req_7')|PostPress GET /accounts/{id} attempt 2 -> 200 in N ms (request id '')",
            string.Join("|", lines.Where(l => l.Contains(" attempt ") && !l.Contains("retrying")).Select(l => l.Substring(l.IndexOf("PostPress GET", StringComparison.Ordinal)))));
        Assert.Single(lines, l => l.Contains("PostPress retrying (attempt 2) after 503, waiting"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Paging_follows_the_cursor_and_guards_against_loops(CallMode mode)
    {
        StubPage(null, Page("c1", "a", "b"));
        StubPage("c1", Page("c2", "c"));
        StubPage("c2", Page(null, "d"));
        using var client = _api.Client();

        var ids = await Both.Call(mode,
            async () =>
            {
                var list = new List<string>();
                await foreach (var relation in client.Users.ListAllRelationsAsync("acc_1", pageSize: 2))
                {
                    list.Add(relation.PublicIdentifier);
                }

                return list;
            },
            () => client.Users.ListAllRelations("acc_1", pageSize: 2).Select(r => r.PublicIdentifier).ToList());

        Assert.Equal(new[] { "a", "b", "c", "d" }, ids);
        var queries = _api.Requests.Select(r => r.RequestMessage.Query!).ToList();
        Assert.Equal(3, queries.Count);
        Assert.False(queries[0].ContainsKey("cursor"));
        Assert.Equal("c1", queries[1]["cursor"].Single());
        Assert.Equal("c2", queries[2]["cursor"].Single());
        Assert.All(queries, q => Assert.Equal("2", q["limit"].Single()));

        // Resuming from a saved cursor, page by page.
        var resumed = await Both.Call(mode,
            async () =>
            {
                var pages = new List<PostPressPage<UserRelation>>();
                await foreach (var page in client.Users.ListAllRelationsAsync("acc_1").AsPages("c1"))
                {
                    pages.Add(page);
                }

                return pages;
            },
            () => client.Users.ListAllRelations("acc_1").AsPages("c1").ToList());
        Assert.Equal(new[] { "c1", "c2" }, resumed.Select(p => p.Cursor).ToArray());
        Assert.Equal(new string?[] { "c2", null }, resumed.Select(p => p.NextCursor).ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_listing_token_stops_the_listing_between_pages(CallMode mode)
    {
        StubPage(null, Page("c1", "a", "b"));
        StubPage("c1", Page(null, "c"));
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Both.Call(mode,
            async () =>
            {
                await foreach (var relation in client.Users.ListAllRelationsAsync("acc_1", cancellationToken: cts.Token))
                {
                    seen.Add(relation.PublicIdentifier);
                    cts.Cancel();
                }
            },
            () =>
            {
                foreach (var relation in client.Users.ListAllRelations("acc_1", cancellationToken: cts.Token))
                {
                    seen.Add(relation.PublicIdentifier);
                    cts.Cancel();
                }
            }));

        Assert.Single(_api.Requests); // the second page was never asked for
        Assert.Equal(new[] { "a" }, seen); // stopped at the next item, not at the end of the page
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_repeated_cursor_ends_the_listing(CallMode mode)
    {
        StubPage(null, Page("c1", "a"));
        StubPage("c1", Page("c1", "b"));
        using var client = _api.Client();

        await Assert.ThrowsAsync<PostPressPaginationException>(() => Both.Call(mode,
            async () =>
            {
                await foreach (var unused in client.Users.ListAllRelationsAsync("acc_1"))
                {
                }
            },
            () =>
            {
                foreach (var unused in client.Users.ListAllRelations("acc_1"))
                {
                }
            }));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_invalid_page_size_is_refused_before_anything_is_sent(CallMode mode)
    {
        using var client = _api.Client();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Both.Call(mode,
            async () =>
            {
                await foreach (var unused in client.Users.ListAllRelationsAsync("acc_1").AsPages(pageSize: 0))
                {
                }
            },
            () => client.Users.ListAllRelations("acc_1").AsPages(pageSize: 0)));

        Assert.Empty(_api.Requests);
    }

    private static string Relation(string id) =>
        "{\"object\":\"UserRelation\",\"first_name\":\"F" + id + "\",\"last_name\":\"L\",\"headline\":\"h\",\"public_identifier\":\"" + id +
        "\",\"public_profile_url\":\"https://www.linkedin.com/in/" + id + "\",\"created_at\":1747400000000,\"member_id\":\"m" + id +
        "\",\"member_urn\":\"urn:m\",\"connection_urn\":\"urn:c\"}";

    private static string Page(string? next, params string[] ids) =>
        "{\"object\":\"UserRelationsList\",\"items\":[" + string.Join(",", ids.Select(Relation)) + "],\"cursor\":" + (next is null ? "null" : "\"" + next + "\"") + "}";

    private void StubPage(string? cursor, string body)
    {
        var request = Request.Create().WithPath(MockApi.BasePath + "/users/relations").UsingGet().WithParam("account_id", "acc_1");
        request = cursor is null ? request.WithParam("cursor", WireMock.Matchers.MatchBehaviour.RejectOnMatch) : request.WithParam("cursor", cursor);
        _api.Server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
    }
}
/// <summary>
/// Spans and metrics on both paths. Alone in its collection: the retry counter has no tag that tells this test's
/// measurements from another test's.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class SyncAsyncTelemetryParityTests : IDisposable
{
    private const string AccountJson = "{\"object\":\"Account\",\"type\":\"WHATSAPP\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"phone_number\":\"+33\"}},\"groups\":[],\"sources\":[]}";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<CallMode> Modes => PolicyHarness.Modes;

    private static Task<Account> Get(CallMode mode, IPostPressClient client) =>
        Both.Call(mode, () => client.Accounts.GetAsync("acc_01"), () => client.Accounts.Get("acc_01"));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Spans_and_metrics_are_the_same_on_both_paths(CallMode mode)
    {
        _api.Server.Given(_api.Get("/accounts/acc_01")).InScenario("t").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("{\"title\":\"t\",\"type\":\"errors/service_unavailable\",\"status\":503}"));
        _api.Server.Given(_api.Get("/accounts/acc_01")).InScenario("t").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AccountJson));
        var port = _api.Server.Port;
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PostPressDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("server.port") is int p && p == port)
                {
                    lock (spans)
                    {
                        spans.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Instrument, object? Status)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PostPressDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            object? status = null;
            var mine = false;
            foreach (var tag in tags)
            {
                // The retry counter has no port tag: this class runs alone (NonParallel), so what it counts is this test's.
                mine |= (tag.Key == "server.port" && tag.Value is int p && p == port) || instrument.Name == "postpress.client.retries";
                status = tag.Key is "http.response.status_code" or "error.type" ? tag.Value ?? status : status;
            }

            if (mine)
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, status));
                }
            }
        }

        meters.SetMeasurementEventCallback<double>(Record);
        meters.SetMeasurementEventCallback<long>(Record);
        meters.Start();
        using var client = _api.Client();

        await Get(mode, client);

        var call = Assert.Single(spans, s => s.OperationName == "getAccount");
        var attempts = spans.Where(s => s.OperationName == "GET /accounts/{id}").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(call.SpanId, a.ParentSpanId));
        Assert.Equal(new object?[] { 503, 200 }, attempts.Select(a => a.GetTagItem("http.response.status_code")).ToArray());
        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "postpress.client.request.duration"));
        var retry = Assert.Single(measurements, m => m.Instrument == "postpress.client.retries");
        Assert.Equal("503", retry.Status);
    }

}
#endif
