using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class UnknownOutcomePolicyTests
{
    private static readonly OperationInfo Action = new("performLinkedInUserAction", "POST", "/linkedin/user/{user_id}")
    {
        Tag = "LinkedIn",
        AccountKey = "account_id",
        AccountKeyInBody = true,
        DuplicateError = "errors/action_already_performed",
    };

    private static readonly OperationInfo PlainWrite = new("plainWrite", "POST", "/plain");

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"account_id\":\"acc_1\",\"note\":\"" + PolicyHarness.Key + "\"}");

    private const string Duplicate = "{\"type\":\"errors/action_already_performed\",\"title\":\"Unprocessable Entity\",\"status\":422}";

    /// <summary>The call's policies that matter here: unknown outcome, the error mapping, retries; then the script (marks each attempt dispatched and sent).</summary>
    private static ValueTask RunAsync(CallMode mode, PipelineMessage message, bool retryUnknownOutcomes, ScriptedEnd end) =>
        PolicyHarness.RunAsync(
            mode,
            message,
            new UnknownOutcomePolicy(retryUnknownOutcomes),
            new TransportErrorPolicy(),
            new ErrorMappingPolicy(TimeProvider.System),
            new RetryPolicy(new PostPressClientOptions("pp_test_unknown") { MaxRetries = 2, InitialRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(2) }, NullLogger.Instance, new Uri("https://api.example.test")),
            new SentMarker(),
            end);

    private sealed class SentMarker : PipelinePolicy
    {
        public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
        {
            message.RequestDispatched = true;
            message.RequestSent = true;
            return next.ProcessAsync(message);
        }

#if !POSTPRESS_NETSTANDARD_ASSET
        public override void Process(PipelineMessage message, PipelineNext next)
        {
            message.RequestDispatched = true;
            message.RequestSent = true;
            next.Process(message);
        }
#endif
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_broken_connection_after_the_write_was_sent_is_an_unknown_outcome_not_retried_by_default(CallMode mode)
    {
        var end = new ScriptedEnd().Throw(new HttpRequestException("The response ended prematurely."));
        using var message = PolicyHarness.Message(Action, body: Body);

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => RunAsync(mode, message, false, end).AsTask());

        Assert.Equal(1, end.Calls);
        Assert.Equal("performLinkedInUserAction", e.OperationId);
        Assert.True(e.RequestSent);
        Assert.Null(e.StatusCode);
        Assert.IsType<PostPressConnectionException>(e.InnerException);
        Assert.Contains("\"account_id\":\"acc_1\"", e.RequestBody);
        Assert.DoesNotContain(PolicyHarness.Key, e.RequestBody + e.Message);   // a key in a body field is redacted
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task An_attempt_timeout_and_a_504_are_unknown_outcomes_too(CallMode mode)
    {
        using (var message = PolicyHarness.Message(PlainWrite, body: Body))
        {
            var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => RunAsync(mode, message, true, new ScriptedEnd().Throw(new TimeoutRejectedException())).AsTask());
            Assert.IsType<PostPressTimeoutException>(e.InnerException);
        }

        using (var message = PolicyHarness.Message(PlainWrite, body: Body))
        {
            var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => RunAsync(mode, message, true, new ScriptedEnd().Respond(504)).AsTask());
            Assert.Equal(504, e.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Opted_in_the_retry_meeting_the_duplicate_error_ends_with_already_performed(CallMode mode)
    {
        var end = new ScriptedEnd().Throw(new IOException("reset")).Respond(422, Duplicate);
        using var message = PolicyHarness.Message(Action, body: Body);

        var e = await Assert.ThrowsAsync<PostPressActionAlreadyPerformedException>(() => RunAsync(mode, message, true, end).AsTask());

        Assert.Equal(2, end.Calls);
        Assert.Equal(2, e.Attempts);
        Assert.Equal(422, e.Answer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Opted_in_a_write_without_a_declared_duplicate_error_is_not_retried(CallMode mode)
    {
        var end = new ScriptedEnd().Throw(new IOException("reset"));
        using var message = PolicyHarness.Message(PlainWrite, body: Body);

        await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => RunAsync(mode, message, true, end).AsTask());
        Assert.Equal(1, end.Calls);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task The_duplicate_error_without_an_earlier_unknown_outcome_stays_the_api_error(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(422, Duplicate);
        using var message = PolicyHarness.Message(Action, body: Body);

        var e = await Assert.ThrowsAsync<UnprocessableEntityException>(() => RunAsync(mode, message, true, end).AsTask());
        Assert.Equal(ErrorType.ActionAlreadyPerformed, e.ErrorType);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_retryable_failure_after_an_unknown_attempt_keeps_the_outcome_unknown(CallMode mode)
    {
        var end = new ScriptedEnd().Throw(new IOException("reset")).Respond(503).Respond(503);
        using var message = PolicyHarness.Message(Action, body: Body);

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => RunAsync(mode, message, true, end).AsTask());
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(3, e.Attempts);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_connect_failure_and_reads_are_left_as_they_were(CallMode mode)
    {
        using (var message = PolicyHarness.Message(PlainWrite, body: Body))
        {
            var refused = new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            var end = new ScriptedEnd().Throw(refused);
            await Assert.ThrowsAsync<PostPressConnectionException>(() => PolicyHarness.RunAsync(mode, message, new UnknownOutcomePolicy(false), new TransportErrorPolicy(), new SentMarker(), end).AsTask());
        }

        using (var message = PolicyHarness.Message(PolicyHarness.Get))
        {
            var end = new ScriptedEnd().Respond(504);
            await Assert.ThrowsAsync<GatewayTimeoutException>(() => PolicyHarness.RunAsync(mode, message, new UnknownOutcomePolicy(true), new ErrorMappingPolicy(TimeProvider.System), end).AsTask());
        }
    }
}
