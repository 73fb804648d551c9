using System;
using System.Net.Http;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Configuration;

/// <summary>Options validation happens before any request, and a caller-supplied HttpClient is used and left open.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("MaxRetries")]
    [InlineData("BaseUri")]
    [InlineData("AttemptTimeout")]
    [InlineData("Timeout")]
    [InlineData("ApiKey")]
    [InlineData("ApplicationId")]
    public void Invalid_options_are_rejected_naming_the_option(string name)
    {
        var options = new PostPressClientOptions("pp_key");
        switch (name)
        {
            case "MaxRetries": options.MaxRetries = -1; break;
            case "BaseUri": options.BaseUri = new Uri("/relative", UriKind.Relative); break;
            case "AttemptTimeout": options.AttemptTimeout = TimeSpan.Zero; break;
            case "Timeout": options.Timeout = TimeSpan.FromSeconds(-1); break;
            case "ApiKey": options.ApiKey = "  "; break;
            case "ApplicationId": options.ApplicationId = "bad app id with (("; break;
        }

        var ex = Assert.ThrowsAny<ArgumentException>(() => new PostPressClient(options));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public async Task A_supplied_HttpClient_is_used_and_not_disposed()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 404, "{\"title\":\"x\",\"type\":\"errors/resource_not_found\",\"status\":404}");
        using var http = new HttpClient();
        using (var client = new PostPressClient(_api.Options(), http))
        {
            await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));
        }

        // still usable after the PostPress client is disposed
        var response = await http.GetAsync(_api.Server.Url + "/api/v1/accounts/acc_01");
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_disposed_client_refuses_calls()
    {
        var client = _api.Client();
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.Accounts.GetAsync("acc_01"));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void Options_ToString_hides_the_key()
    {
        var text = new PostPressClientOptions("pp_live_supersecret").ToString();
        Assert.DoesNotContain("supersecret", text);
        Assert.Contains("(set)", text);
    }

    [Fact]
    public async Task The_default_attempt_timeout_yields_to_a_shorter_overall_timeout()
    {
        // Only Timeout is lowered: the default AttemptTimeout (30 s) must not make the options invalid.
        _api.Server.Given(_api.Get("/accounts/acc_slow")).RespondWith(WireMock.ResponseBuilders.Response.Create()
            .WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));
        var options = new PostPressClientOptions("pp_key") { BaseUri = _api.BaseUri, Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 };

        using var client = new PostPressClient(options);

        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_slow"));
        Assert.Throws<ArgumentException>(() => new PostPressClient(new PostPressClientOptions("pp_key")
        {
            BaseUri = _api.BaseUri,
            Timeout = TimeSpan.FromMilliseconds(200),
            AttemptTimeout = TimeSpan.FromSeconds(1),
        }));
    }
}
