using System;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>A call's own settings (<see cref="PostPressRequestOptions"/>) on the wire, through the generated overloads.</summary>
public sealed class PerCallOptionsWireTests : IDisposable
{
    private const string AccountJson = "{\"object\":\"Account\",\"type\":\"WHATSAPP\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"phone_number\":\"+33\"}},\"groups\":[],\"sources\":[]}";
    private const string CallKey = "pp_test_CALLKEY_93be0d4a";
    private const string CallSecret = "CALLKEY_93be0d4a";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private void Slow() => _api.Server.Given(_api.Get("/accounts/acc_01"))
        .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)).WithHeader("Content-Type", "application/json").WithBody(AccountJson));

    [Fact]
    public async Task Per_call_headers_and_key_are_sent_and_the_clients_key_is_not()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson);
        using var client = _api.Client();
        var options = new PostPressRequestOptions { ApiKey = CallKey }.AddHeader("X-Tenant", "t-42").AddHeader("X-Trace", "abc");

        var account = await client.Accounts.GetAsync("acc_01", options);

        Assert.Equal("acc_01", account.Id);
        var headers = _api.Requests.Single().RequestMessage.Headers!;
        Assert.Equal("t-42", headers["X-Tenant"].Single());
        Assert.Equal("abc", headers["X-Trace"].Single());
        Assert.Equal(CallKey, headers["X-API-KEY"].Single());
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains(CallSecret));
    }

    [Fact]
    public async Task Calls_without_options_and_the_with_response_overload_keep_the_clients_settings()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson);
        using var client = _api.Client();

        await client.Accounts.GetAsync("acc_01");
        var response = await client.Accounts.GetWithResponseAsync("acc_01", new PostPressRequestOptions().AddHeader("X-Only-Here", "1"));

        Assert.Equal(200, response.StatusCode);
        var requests = _api.Requests.Select(r => r.RequestMessage.Headers!).ToList();
        Assert.Equal(MockApi.ApiKey, requests[0]["X-API-KEY"].Single());
        Assert.False(requests[0].ContainsKey("X-Only-Here"));
        Assert.Equal("1", requests[1]["X-Only-Here"].Single());
        Assert.Equal(MockApi.ApiKey, requests[1]["X-API-KEY"].Single());
    }

    [Fact]
    public async Task A_per_call_key_echoed_back_in_an_error_is_redacted()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 401, "{\"title\":\"Unauthorized\",\"type\":\"errors/invalid_api_key\",\"detail\":\"invalid api key " + CallKey + "\"}", ("X-Request-Id", "req-" + CallKey));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { ApiKey = CallKey }));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain(CallSecret, ex.ToString());
        Assert.DoesNotContain(CallSecret, ex.RawBody);
        Assert.Contains("[REDACTED]", ex.RawBody);
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains(CallSecret));
    }

    [Fact]
    public async Task A_per_call_attempt_timeout_and_retry_count_are_honoured()
    {
        Slow();
        using var client = _api.Client(o => o.MaxRetries = 3); // the client: 10 s per attempt, 3 retries

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync(
            "acc_01", new PostPressRequestOptions { AttemptTimeout = TimeSpan.FromMilliseconds(150), MaxRetries = 1 }));

        Assert.Contains("2 attempt", ex.Message);
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 2 failed with Timeout"));
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains("attempt 3 failed"));
    }

    [Fact]
    public async Task A_per_call_overall_timeout_is_honoured()
    {
        Slow();
        using var client = _api.Client(); // the client: 20 s overall

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync(
            "acc_01", new PostPressRequestOptions { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Contains("overall timeout (00:00:00.2000000)", ex.Message);
    }

    [Fact]
    public async Task Per_call_options_reach_every_page_of_a_listing()
    {
        const string relation = "{\"object\":\"UserRelation\",\"first_name\":\"F\",\"last_name\":\"L\",\"headline\":\"h\",\"public_identifier\":\"p\",\"public_profile_url\":\"https://www.linkedin.com/in/p\",\"created_at\":1747400000000,\"member_id\":\"m\",\"member_urn\":\"urn:m\",\"connection_urn\":\"urn:c\"}";
        var first = WireMock.RequestBuilders.Request.Create().WithPath(MockApi.BasePath + "/users/relations").UsingGet().WithParam("cursor", WireMock.Matchers.MatchBehaviour.RejectOnMatch);
        _api.Server.Given(first).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"object\":\"UserRelationsList\",\"items\":[" + relation + "],\"cursor\":\"c1\"}"));
        var second = WireMock.RequestBuilders.Request.Create().WithPath(MockApi.BasePath + "/users/relations").UsingGet().WithParam("cursor", "c1");
        _api.Server.Given(second).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"object\":\"UserRelationsList\",\"items\":[" + relation + "],\"cursor\":null}"));
        using var client = _api.Client();
        var count = 0;

        await foreach (var _ in client.Users.ListAllRelationsAsync("acc_01", null, null, new PostPressRequestOptions { ApiKey = CallKey }.AddHeader("X-Tenant", "t-7")))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.Equal("t-7", r.RequestMessage.Headers!["X-Tenant"].Single()));
        Assert.All(_api.Requests, r => Assert.Equal(CallKey, r.RequestMessage.Headers!["X-API-KEY"].Single()));
    }

    [Fact]
    public async Task Invalid_options_throw_argument_exceptions_and_nothing_is_sent()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson);
        using var client = _api.Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { MaxRetries = 11 }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { ApiKey = "bad key\r\nX-Evil: 1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { ApiKey = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { AttemptTimeout = TimeSpan.FromSeconds(30) })); // longer than the client's 20 s
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Accounts.GetAsync("acc_01", new PostPressRequestOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new PostPressRequestOptions().AddHeader("X-Evil", "a\r\nX-Injected: 1"));

        Assert.Empty(_api.Requests);
    }
}
