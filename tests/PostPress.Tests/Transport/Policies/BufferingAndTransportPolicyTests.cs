using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class ResponseBufferingPolicyTests
{
    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task The_raw_response_is_read_whole_and_released(CallMode mode)
    {
        var end = new ScriptedEnd().RespondRaw(() => PolicyHarness.Raw(200, "{\"hello\":\"world\"}"));
        using var message = PolicyHarness.Message();

        await PolicyHarness.RunAsync(mode, message, new ResponseBufferingPolicy(1024), end);

        Assert.Null(message.RawResponse);
        Assert.Equal("{\"hello\":\"world\"}", Encoding.UTF8.GetString(message.Response!.Body.AsSpan()));
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused()
    {
        var end = new ScriptedEnd().RespondRaw(() => PolicyHarness.Raw(200, new string('x', 2048)));
        using var message = PolicyHarness.Message();
        await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => PolicyHarness.RunAsync(message, new ResponseBufferingPolicy(1024), end).AsTask());
        Assert.Null(message.Response);
    }
}

public sealed class TransportPolicyTests
{
    private sealed class Recorder : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        public CancellationToken Token { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request;
            Token = cancellationToken;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request });
        }
    }

    [Fact]
    public async Task Sends_the_attempts_request_with_the_attempts_token()
    {
        var handler = new Recorder();
        using var transport = ClientTransport.Owned(handler);
        using var cts = new CancellationTokenSource();
        using var message = PolicyHarness.Message();
        using var request = new HttpRequestMessage(HttpMethod.Get, message.Uri);
        message.Request = request;
        message.CancellationToken = cts.Token;

        await PolicyHarness.RunAsync(message, new TransportPolicy(transport));

        Assert.Same(request, handler.Seen);
        Assert.Equal(cts.Token, handler.Token);
        Assert.Equal(HttpStatusCode.Accepted, message.RawResponse!.StatusCode);
    }
}
