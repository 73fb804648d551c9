using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class ErrorMappingPolicyTests
{
    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_final_error_status_becomes_its_typed_exception_and_the_body_is_released(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(404, "{\"type\":\"errors/resource_not_found\",\"title\":\"Not found\",\"status\":404}");
        using var message = PolicyHarness.Message();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => PolicyHarness.RunAsync(mode, message, new ErrorMappingPolicy(TimeProvider.System), end).AsTask());

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("errors/resource_not_found", ex.ErrorType?.Value);
        Assert.Null(message.Response);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_success_passes_untouched(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(200, "{\"x\":1}");
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(mode, message, new ErrorMappingPolicy(TimeProvider.System), end);
        Assert.Equal(200, message.Response!.StatusCode);
    }
}

public sealed class TransportErrorPolicyTests
{
    [Fact]
    public async Task Transport_failures_become_the_sdk_exceptions_with_the_attempt_count()
    {
        async Task<Exception> Run(Exception thrown)
        {
            var end = new ScriptedEnd().Then(m =>
            {
                m.Attempt = 3;
                throw thrown;
            });
            using var message = PolicyHarness.Message();
            return await Assert.ThrowsAnyAsync<Exception>(() => PolicyHarness.RunAsync(message, new TransportErrorPolicy(), end).AsTask());
        }

        var timeout = Assert.IsType<PostPressTimeoutException>(await Run(new TimeoutRejectedException("t", TimeSpan.FromSeconds(2))));
        Assert.Contains("attempt timeout (00:00:02) in 3 attempt(s)", timeout.Message);
        Assert.IsType<PostPressTimeoutException>(await Run(new TaskCanceledException("transport gave up")));
        var connection = Assert.IsType<PostPressConnectionException>(await Run(new HttpRequestException("reset\r\nInjected: " + PolicyHarness.Key)));
        Assert.DoesNotContain("\r\n", connection.Message);
        Assert.DoesNotContain(PolicyHarness.Key, connection.Message);
        Assert.IsType<PostPressConnectionException>(await Run(new IOException("broken pipe")));
        Assert.IsType<InvalidOperationException>(await Run(new InvalidOperationException("a bug is not a transport failure")));
        var own = new NotFoundException(new PostPressErrorDetails(404, null, null, null, null, string.Empty, new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>>(), null));
        Assert.Same(own, await Run(own));
    }

    [Fact]
    public async Task What_the_call_token_ended_is_left_to_the_call_timeout_policy()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var end = new ScriptedEnd().Throw(new IOException("aborted by cancellation"));
        using var message = PolicyHarness.Message();
        message.CallToken = cts.Token;
        await Assert.ThrowsAsync<IOException>(() => PolicyHarness.RunAsync(message, new TransportErrorPolicy(), end).AsTask());
    }
}

public sealed class CallTimeoutPolicyTests
{
    [Fact]
    public async Task The_overall_timeout_on_the_clients_clock_becomes_a_timeout_exception()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            m.Attempt = 1;
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        var policy = new CallTimeoutPolicy(new ClientLifetime(), TimeSpan.FromSeconds(30), null, time);

        var call = PolicyHarness.RunAsync(message, policy, end).AsTask();
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(31));

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => call);
        Assert.Contains("overall timeout (00:00:30) in 1 attempt(s)", ex.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_the_callers()
    {
        using var cts = new CancellationTokenSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            cts.Cancel();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message(token: cts.Token);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PolicyHarness.RunAsync(message, new CallTimeoutPolicy(new ClientLifetime(), null, null, TimeProvider.System), end).AsTask());

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.IsNotType<PostPressTimeoutException>(ex);
    }

    [Fact]
    public async Task Disposing_the_client_cancels_the_call_in_flight_and_refuses_later_ones()
    {
        var lifetime = new ClientLifetime();
        var end = new ScriptedEnd().Then(async m =>
        {
            lifetime.Dispose();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        var policy = new CallTimeoutPolicy(lifetime, null, null, TimeProvider.System);
        using var message = PolicyHarness.Message();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PolicyHarness.RunAsync(message, policy, end).AsTask());
        Assert.Contains("disposed", ex.Message);

        using var later = PolicyHarness.Message();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => PolicyHarness.RunAsync(later, policy, new ScriptedEnd()).AsTask());
    }

    [Fact]
    public async Task A_deferred_overall_timer_is_armed_when_a_retry_is_decided()
    {
        // The system clock with an attempt timeout shorter by more than a second: the timer waits for the first retry.
        var end = new ScriptedEnd().Then(async m =>
        {
            m.Attempt = 1;
            Assert.NotNull(m.RetryDecided);
            await Task.Delay(50);
            m.RetryDecided!(m); // armed with what is left of the 1.2 s
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        var policy = new CallTimeoutPolicy(new ClientLifetime(), TimeSpan.FromSeconds(1.2), TimeSpan.FromMilliseconds(100), TimeProvider.System);
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => PolicyHarness.RunAsync(message, policy, end).AsTask());
    }
    [Fact]
    public async Task A_call_source_kept_for_reuse_on_a_thread_belongs_to_one_client_lifetime()
    {
        // Calls on one thread reuse a spare call source linked to the client's lifetime: a call of another client must
        // not get it (disposing the first client would cancel it, disposing its own would not), and a spare of a
        // disposed client is never handed to a later call of another client.
        var first = new ClientLifetime();
        var second = new ClientLifetime();
        var firstPolicy = new CallTimeoutPolicy(first, null, null, TimeProvider.System);
        var secondPolicy = new CallTimeoutPolicy(second, null, null, TimeProvider.System);
        for (var round = 0; round < 3; round++)
        {
            // Through the first client (leaves a spare linked to it), then the second while the first is disposed.
            using (var message = PolicyHarness.Message())
            {
                await PolicyHarness.RunAsync(message, firstPolicy, new ScriptedEnd().Do(m => Assert.False(m.CancellationToken.IsCancellationRequested)));
            }

            using (var message = PolicyHarness.Message())
            {
                await PolicyHarness.RunAsync(message, secondPolicy, new ScriptedEnd().Do(m =>
                {
                    Assert.True(m.CancellationToken.CanBeCanceled);
                    Assert.False(m.CancellationToken.IsCancellationRequested);
                }));
            }
        }

        // The second client's calls are ended by its own disposal, not by the first's.
        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(message, firstPolicy, new ScriptedEnd().Do(_ => { }));
        }

        using (var message = PolicyHarness.Message())
        {
            var seen = false;
            await PolicyHarness.RunAsync(message, secondPolicy, new ScriptedEnd().Do(m =>
            {
                first.Dispose();
                seen = m.CancellationToken.IsCancellationRequested;
            }));
            Assert.False(seen);
        }

        using (var message = PolicyHarness.Message())
        {
            var end = new ScriptedEnd().Then(async m =>
            {
                second.Dispose();
                await Task.Delay(Timeout.Infinite, m.CancellationToken);
            });
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PolicyHarness.RunAsync(message, secondPolicy, end).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains("disposed", ex.Message);
        }

        // A third client on this thread after both were disposed: its call is not cancelled by anything of theirs.
        var third = new ClientLifetime();
        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(message, new CallTimeoutPolicy(third, null, null, TimeProvider.System), new ScriptedEnd().Do(m => Assert.False(m.CancellationToken.IsCancellationRequested)));
        }
    }
}
