using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>The <c>…WithResponseAsync</c> twins: the typed value with the status, headers and request id.</summary>
public sealed class ResponseMetadataTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private static string Example(string path, string name) =>
        SpecModel.Document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]![name]!["value"]!.ToString();

    [Fact]
    public async Task GetMeWithResponseAsync_returns_value_status_headers_and_request_id()
    {
        _api.Reply(_api.Get("/users/me"), 200, Example("/users/me", "linkedin"),
            ("X-RateLimit-Remaining", "42"), ("X-Request-Id", "req_meta_me"));
        using var client = _api.Client();

        var response = await client.Users.GetMeWithResponseAsync("acc_meta");

        Assert.IsType<LinkedInOwnProfile>(response.Value);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new[] { "42" }, response.Headers["x-ratelimit-remaining"]);
        Assert.Equal("42", response.GetHeader("X-RateLimit-Remaining"));
        Assert.Contains("application/json", response.GetHeader("Content-Type"));
        Assert.Equal("req_meta_me", response.RequestId);
        Assert.Contains("req_meta_me", response.ToString());

        OwnProfile me = response; // implicit conversion to T
        Assert.Same(response.Value, me);
    }

    [Fact]
    public async Task Accounts_GetWithResponseAsync_returns_the_account_and_a_null_request_id_when_there_is_none()
    {
        _api.Reply(_api.Get("/accounts/acc_meta"), 200, Bodies.Account("acc_meta"), ("X-RateLimit-Remaining", "9"));
        using var client = _api.Client();

        var response = await client.Accounts.GetWithResponseAsync("acc_meta");

        Account account = response;
        Assert.Equal("acc_meta", Assert.IsType<TelegramAccount>(account).Id);
        Assert.Equal("9", response.GetHeader("X-RateLimit-Remaining"));
        Assert.Null(response.RequestId);
        Assert.Null(response.GetHeader("X-Not-There"));
    }

    [Fact]
    public async Task The_value_of_the_twin_equals_the_value_of_the_plain_call()
    {
        _api.Reply(_api.Get("/accounts/acc_meta"), 200, Bodies.Account("acc_meta"), ("X-Request-Id", "req_same"));
        using var client = _api.Client();

        var plain = await client.Accounts.GetAsync("acc_meta");
        var twin = await client.Accounts.GetWithResponseAsync("acc_meta");

        Assert.Equal(PostPressJson.Serialize(plain), PostPressJson.Serialize(twin.Value));
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public void A_response_can_be_built_for_mocks()
    {
        var headers = new Dictionary<string, IReadOnlyList<string>> { ["x-request-id"] = new[] { "req_mock" } };
        var value = PostPressModelFactory.TelegramAccount(
            "acc_mock", "n", DateTimeOffset.UnixEpoch, new List<string>(), new List<AccountSource>(),
            new TelegramConnectionParams { Im = new TelegramIdentity { UserId = "1", Username = "u" } });

        var response = new PostPressResponse<Account>(value, 200, headers);

        Assert.Equal("req_mock", response.RequestId);
        Assert.Equal("req_mock", response.GetHeader("X-Request-Id"));
        Account account = response;
        Assert.Same(value, account);
        Assert.Throws<ArgumentNullException>(() => { Account _ = (PostPressResponse<Account>)null!; });
    }
}
