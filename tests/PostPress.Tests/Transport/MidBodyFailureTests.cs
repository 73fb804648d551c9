using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// A response that breaks off mid-body (raw TCP server: Content-Length larger than what is sent, then the socket is
/// closed or reset) is an attempt failure inside the retry scope: a GET is retried, a POST is not and ends in a
/// <see cref="PostPressConnectionException"/>. A body that stalls is covered by the attempt timeout.
/// </summary>
public sealed class MidBodyFailureTests : IDisposable
{
    private readonly RawHttpServer _server;
    private readonly ManualResetEventSlim _firstHeadersSeen = new();
    private string _firstAttempt = "reset";

    public MidBodyFailureTests()
    {
        _server = new RawHttpServer((request, connection) =>
        {
            var body = request.Method == "POST" ? Bodies.ActionResult : Bodies.Account("acc_mid");
            if (request.Index > 0)
            {
                connection.Respond(200, body);
                return;
            }

            // Headers announce 2000 bytes; only the first 20 are sent.
            connection.Write(RawConnection.Head(200, 2000));
            connection.Write(body.Substring(0, 20));
            if (_firstAttempt == "stall")
            {
                _server!.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                return;
            }

            // Break the connection only once the client has the headers, so the failure is in the body.
            _firstHeadersSeen.Wait(TimeSpan.FromSeconds(10), _server!.Stopping);
            if (_firstAttempt == "reset")
            {
                connection.Reset();
            }
            else
            {
                connection.Close();
            }
        });
    }

    public void Dispose()
    {
        _server.Dispose();
        _firstHeadersSeen.Dispose();
    }

    /// <summary>
    /// A client over a SocketsHttpHandler like the SDK's own (no redirects), with a handler that tells the server
    /// when the first response's headers have been received.
    /// </summary>
    private PostPressClient Client(Action<PostPressClientOptions>? configure = null)
    {
        var http = new HttpClient(new HeadersSeen(_firstHeadersSeen, new SocketsHttpHandler { AllowAutoRedirect = false }));
        return new PostPressClient(RawOptions.For(_server, configure: configure), http);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("close")]
    public async Task A_GET_whose_body_breaks_off_is_retried_and_returns_the_second_value(string how)
    {
        _firstAttempt = how;
        using var client = Client();

        var account = await client.Accounts.GetAsync("acc_mid");

        Assert.Equal("acc_mid", Assert.IsType<TelegramAccount>(account).Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("close")]
    public async Task A_POST_whose_body_breaks_off_is_a_connection_error_after_one_request(string how)
    {
        _firstAttempt = how;
        using var client = Client();

        // Sent and then cut off: the action may have been performed, so the connection error comes wrapped.
        var unknown = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() =>
            client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_mid")));
        Assert.True(unknown.RequestSent);
        var ex = Assert.IsType<PostPressConnectionException>(unknown.InnerException);

        Assert.Single(_server.Requests);
        // The failure came from reading the body (an IOException), not from sending the request.
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.Contains("1 attempt", ex.Message);
    }

    [Fact]
    public async Task The_SDKs_own_handler_retries_a_GET_whose_body_breaks_off_too()
    {
        _firstAttempt = "close";
        _firstHeadersSeen.Set(); // no signal needed: a graceful close delivers the partial body first
        using var client = new PostPressClient(RawOptions.For(_server));

        var account = await client.Accounts.GetAsync("acc_mid");

        Assert.Equal("acc_mid", Assert.IsType<TelegramAccount>(account).Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task The_attempt_timeout_covers_a_stalled_body_and_a_GET_is_retried()
    {
        _firstAttempt = "stall";
        using var client = new PostPressClient(RawOptions.For(_server, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)));

        var account = await client.Accounts.GetAsync("acc_mid");

        Assert.Equal("acc_mid", Assert.IsType<TelegramAccount>(account).Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task The_attempt_timeout_covers_a_stalled_body_and_a_POST_is_not_retried()
    {
        _firstAttempt = "stall";
        using var client = new PostPressClient(RawOptions.For(_server, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)));

        var unknown = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() =>
            client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_mid")));
        var ex = Assert.IsType<PostPressTimeoutException>(unknown.InnerException);

        Assert.Contains("attempt timeout", ex.Message);
        Assert.Single(_server.Requests);
    }

    private sealed class HeadersSeen : DelegatingHandler
    {
        private readonly ManualResetEventSlim _seen;

        public HeadersSeen(ManualResetEventSlim seen, HttpMessageHandler inner)
            : base(inner) => _seen = seen;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            _seen.Set();
            return response;
        }
    }
}
