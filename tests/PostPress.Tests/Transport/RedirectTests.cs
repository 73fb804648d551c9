using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// Redirects on real loopback sockets with two servers (two origins: same host, other port). The SDK never follows
/// a redirect, so the API key (and a POST body) never reaches the target; the call ends in a
/// <see cref="PostPressRedirectException"/> naming it.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly RawHttpServer _target;
    private readonly RawHttpServer _api;
    private string _location = string.Empty;
    private int _redirectStatus = 302;

    public RedirectTests()
    {
        // The other origin: answers whatever reaches it, so a followed redirect would succeed there.
        _target = new RawHttpServer((request, connection) =>
            connection.Respond(200, request.Method == "POST" ? Bodies.ActionResult : Bodies.Account("acc_r")));
        _api = new RawHttpServer((request, connection) =>
            connection.Respond(_redirectStatus, string.Empty, ("Location", _location)));
    }

    public void Dispose()
    {
        _api.Dispose();
        _target.Dispose();
    }

    private Uri TargetWithoutQuery => new(_target.Origin + "/api/v1/elsewhere/acc_r");

    private static Task Call(IPostPressClient client, string method) => method == "GET"
        ? client.Accounts.GetAsync("acc_r")
        : client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_r"));

    [Theory]
    [InlineData(301, "GET")]
    [InlineData(302, "GET")]
    [InlineData(303, "GET")]
    [InlineData(307, "GET")]
    [InlineData(308, "GET")]
    [InlineData(301, "POST")]
    [InlineData(302, "POST")]
    [InlineData(303, "POST")]
    [InlineData(307, "POST")]
    [InlineData(308, "POST")]
    public async Task Cross_origin_redirect_ends_in_RedirectException_and_the_target_receives_nothing(int status, string method)
    {
        _redirectStatus = status;
        _location = _target.Origin + "/api/v1/elsewhere/acc_r?token=from_query";
        using var client = new PostPressClient(RawOptions.For(_api));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => Call(client, method));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(TargetWithoutQuery, ex.Location);
        Assert.Contains(_target.Origin, ex.Message);
        Assert.DoesNotContain("from_query", ex.Message);
        var sent = Assert.Single(_api.Requests); // not retried
        Assert.Equal(method, sent.Method);
        Assert.Equal(MockApi.ApiKey, sent.Header("X-API-KEY"));
        Assert.Empty(_target.Requests); // the key never reached the other origin
    }

    [Fact]
    public async Task Same_origin_redirect_is_refused_too_by_design()
    {
        _location = "/api/v1/accounts/other";
        using var client = new PostPressClient(RawOptions.For(_api));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => client.Accounts.GetAsync("acc_r"));

        Assert.Equal(302, ex.StatusCode);
        Assert.Equal(new Uri(_api.Origin + "/api/v1/accounts/other"), ex.Location);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task A_redirect_loop_ends_at_the_first_hop()
    {
        _redirectStatus = 301;
        _location = _api.Origin + "/api/v1/accounts/acc_r";
        using var client = new PostPressClient(RawOptions.For(_api));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => client.Accounts.GetAsync("acc_r"));

        Assert.Equal(301, ex.StatusCode);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(302, "GET")]
    [InlineData(307, "POST")]
    [InlineData(308, "POST")]
    public async Task The_DI_client_does_not_follow_redirects(int status, string method)
    {
        _redirectStatus = status;
        _location = TargetWithoutQuery.ToString();
        var services = new ServiceCollection();
        services.AddPostPress(o =>
        {
            o.ApiKey = MockApi.ApiKey;
            o.BaseUri = _api.BaseUri;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IPostPressClient>();

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => Call(client, method));

        // The redirect status itself reached the SDK: the factory's primary handler did not follow it.
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(TargetWithoutQuery, ex.Location);
        Assert.Single(_api.Requests);
        Assert.Empty(_target.Requests);
    }

    [Theory]
    [InlineData(302, "GET")]
    [InlineData(307, "POST")]
    public async Task A_caller_HttpClient_that_follows_redirects_ends_in_RedirectException_with_status_0(int status, string method)
    {
        _redirectStatus = status;
        _location = _target.Origin + "/api/v1/elsewhere/acc_r?token=from_query";
        using var following = new HttpClient(); // HttpClientHandler default: AllowAutoRedirect = true
        using var client = new PostPressClient(RawOptions.For(_api), following);

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => Call(client, method));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal(TargetWithoutQuery, ex.Location);
        Assert.Contains("AllowAutoRedirect", ex.Message);
        Assert.Single(_api.Requests);

        // What is NOT guaranteed with such a client (documented on the constructor): .NET re-sent the custom
        // X-API-KEY header to the other origin before the SDK saw the response. The SDK can only refuse the result.
        var leaked = Assert.Single(_target.Requests);
        Assert.Equal(MockApi.ApiKey, leaked.Header("X-API-KEY"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_https_to_http_redirect_is_refused_and_the_http_server_receives_nothing(bool handlerFollows)
    {
        // A TLS server with a self-signed certificate, so the client is a SocketsHttpHandler that trusts it (the
        // SDK's own handler would rightly refuse the certificate). Without AllowAutoRedirect it is the SDK's own
        // configuration; with it, .NET itself refuses to follow a downgrade from https to http, and the SDK sees the 3xx.
        using var https = new RawHttpServer(
            (request, connection) => connection.Respond(302, string.Empty, ("Location", _target.Origin + "/api/v1/elsewhere/acc_r")),
            TestCertificate.Loopback);
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = handlerFollows,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var http = new HttpClient(handler);
        using var client = new PostPressClient(RawOptions.For(https), http);

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => client.Accounts.GetAsync("acc_r"));

        Assert.Equal(302, ex.StatusCode);
        Assert.Equal(TargetWithoutQuery, ex.Location);
        Assert.Equal("http", ex.Location!.Scheme);
        Assert.Equal(MockApi.ApiKey, Assert.Single(https.Requests).Header("X-API-KEY")); // over TLS
        Assert.Empty(_target.Requests);
    }

    [Fact]
    public async Task A_redirect_without_Location_is_refused_with_a_null_Location()
    {
        using var noLocation = new RawHttpServer((request, connection) => connection.Respond(302, string.Empty));
        using var client = new PostPressClient(RawOptions.For(noLocation));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => client.Accounts.GetAsync("acc_r"));

        Assert.Equal(302, ex.StatusCode);
        Assert.Null(ex.Location);
        Assert.Single(noLocation.Requests);
    }

    [Fact]
    public async Task The_reported_Location_drops_user_info_query_and_fragment()
    {
        _location = "http://someone:pw_in_location_42@127.0.0.1:" + _target.Port + "/api/v1/elsewhere/acc_r?token=from_query#frag";
        using var client = new PostPressClient(RawOptions.For(_api));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => client.Accounts.GetAsync("acc_r"));

        Assert.Equal(TargetWithoutQuery, ex.Location);
        Assert.DoesNotContain("pw_in_location_42", ex.ToString());
        Assert.DoesNotContain("from_query", ex.ToString());
        Assert.DoesNotContain("frag", ex.ToString());
        Assert.Empty(_target.Requests);
    }
}
