using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>Retries (Polly), Retry-After, exhaustion, per-call override and the POST rule.</summary>
public sealed class RetryTests : IDisposable
{
    private const string AccountJson = "{\"object\":\"Account\",\"type\":\"WHATSAPP\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"phone_number\":\"+33\"}},\"groups\":[],\"sources\":[]}";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private void FailThenSucceed(int status, int failures, string path = "/accounts/acc_01", params (string, string)[] headers)
    {
        for (var i = 0; i < failures; i++)
        {
            var r = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody("{\"title\":\"t\",\"type\":\"errors/service_unavailable\",\"status\":" + status + "}");
            foreach (var (n, v) in headers)
            {
                r = r.WithHeader(n, v);
            }

            var given = _api.Server.Given(_api.Get(path)).InScenario("s");
            (i == 0 ? given : given.WhenStateIs("f" + i)).WillSetStateTo("f" + (i + 1)).RespondWith(r);
        }

        _api.Server.Given(_api.Get(path)).InScenario("s").WhenStateIs("f" + failures)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AccountJson));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried_until_success(int status)
    {
        FailThenSucceed(status, 2);
        using var client = _api.Client();

        var account = await client.Accounts.GetAsync("acc_01");

        Assert.IsType<WhatsAppAccount>(account);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_exhausted_after_MaxRetries()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 503, "{\"title\":\"Unavailable\",\"type\":\"errors/no_client_session\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(ErrorType.NoClientSession, ex.ErrorType);
        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(2, _api.Logs.Lines.Count(l => l.Contains("PostPress retrying")));
    }

    [Fact]
    public async Task Default_max_retries_is_two()
    {
        Assert.Equal(2, new PostPressClientOptions().MaxRetries);
        _api.Reply(_api.Get("/accounts/acc_01"), 429, "{\"title\":\"t\",\"type\":\"errors/too_many_requests\",\"status\":429}");
        using var client = new PostPressClient(new PostPressClientOptions(MockApi.ApiKey) { BaseUri = _api.BaseUri, InitialRetryDelay = TimeSpan.FromMilliseconds(1) });

        await Assert.ThrowsAsync<RateLimitException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task Non_transient_statuses_are_not_retried()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 500, "{\"title\":\"t\",\"type\":\"errors/unexpected_error\",\"status\":500}");
        using var client = _api.Client();

        await Assert.ThrowsAsync<InternalServerException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Retries_can_be_turned_off_per_call()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 503, "{\"title\":\"t\",\"type\":\"errors/no_channel\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 3);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.WithOptions(o => o.MaxRetries = 0).Accounts.GetAsync("acc_01"));
        Assert.Single(_api.Requests);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Accounts.GetAsync("acc_01"));
        Assert.Equal(1 + 4, _api.Requests.Count);
    }

    [Fact]
    public async Task Post_is_not_retried_after_a_gateway_timeout()
    {
        _api.Reply(_api.Post("/linkedin/user/AEM1"), 504, "{\"title\":\"t\",\"type\":\"errors/request_timeout\",\"status\":504}");
        using var client = _api.Client();

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() =>
            client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_1")));

        Assert.IsType<GatewayTimeoutException>(e.InnerException);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Post_is_retried_on_rate_limit_with_the_same_body()
    {
        _api.Server.Given(_api.Post("/linkedin/user/AEM1")).InScenario("p").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody("{\"title\":\"t\",\"type\":\"errors/too_many_requests\",\"status\":429}"));
        _api.Server.Given(_api.Post("/linkedin/user/AEM1")).InScenario("p").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}"));
        using var client = _api.Client();

        var result = await client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_1", "list_1"));

        Assert.True(result.Success);
        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(_api.Requests[0].RequestMessage.Body, _api.Requests[1].RequestMessage.Body);
        Assert.Contains("saveLead", _api.Requests[1].RequestMessage.Body);
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("http-date")]
    [InlineData("capped")]
    public async Task Retry_after_is_honored_in_both_forms_and_capped(string form)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var header = form switch
        {
            "seconds" => "7",
            "http-date" => time.GetUtcNow().AddSeconds(9).ToString("R", CultureInfo.InvariantCulture),
            _ => "3600",
        };
        FailThenSucceed(429, 1, headers: ("Retry-After", header));
        using var client = _api.Client(o =>
        {
            o.TimeProvider = time;
            o.MaxRetryDelay = TimeSpan.FromSeconds(60);
            o.AttemptTimeout = null;
            o.Timeout = null;
        });

        var call = client.Accounts.GetAsync("acc_01");
        var expectedMs = form switch { "seconds" => 7000, "http-date" => 9000, _ => 60000 };
        await AdvanceUntilAsync(time, call, () => _api.Logs.Lines.Any(l => l.Contains("PostPress retrying")));

        // Polly logs the retry (OnRetry) just before it creates the delay's timer on the fake clock; advancing the clock
        // before the timer exists would leave the retry waiting forever. Give it a moment on a loaded machine.
        await Task.Delay(200);
        Assert.Contains(_api.Logs.Lines, l => l.Contains("waiting " + expectedMs + " ms"));
        Assert.Single(_api.Requests);                       // still waiting: the fake clock has not moved
        time.Advance(TimeSpan.FromMilliseconds(expectedMs - 1));
        await Task.Delay(50);
        Assert.Single(_api.Requests);                       // not before Retry-After
        time.Advance(TimeSpan.FromMilliseconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _api.Requests.Count);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Task call, Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            if (call.IsCompleted)
            {
                await call;
            }

            await Task.Delay(10);
        }

        Assert.True(condition(), "the retry was never scheduled");
    }
}
