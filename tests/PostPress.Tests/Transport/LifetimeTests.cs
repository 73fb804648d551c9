using System;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// Disposal: later calls throw <see cref="ObjectDisposedException"/> before sending; calls in flight end as
/// cancelled (<see cref="OperationCanceledException"/>), not as timeouts; a <c>WithOptions</c> child shares its
/// parent's lifetime.
/// </summary>
public sealed class LifetimeTests : IDisposable
{
    private readonly RawHttpServer _server;
    private bool _sendHeaders;

    public LifetimeTests()
    {
        _server = new RawHttpServer((request, connection) =>
        {
            if (_sendHeaders)
            {
                connection.Write(RawConnection.Head(200, 5000));
                connection.Write("{\"object\":\"Account\",");
            }

            // Stall (bounded) until the test ends.
            _server!.Stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
        });
    }

    public void Dispose() => _server.Dispose();

    private PostPressClient Client() => new(RawOptions.For(_server));

    public static TheoryData<string> Calls() => new() { "GetAsync", "GetWithResponseAsync", "GetMeAsync", "PerformUserActionAsync" };

    private static Task Call(IPostPressClient client, string name) => name switch
    {
        "GetAsync" => client.Accounts.GetAsync("acc_life"),
        "GetWithResponseAsync" => client.Accounts.GetWithResponseAsync("acc_life"),
        "GetMeAsync" => client.Users.GetMeAsync("acc_life"),
        _ => client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_life")),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Calls_after_Dispose_throw_ObjectDisposedException_before_sending(string call)
    {
        var client = Client();
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Call(client, call));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_call_in_flight_when_the_client_is_disposed_ends_as_cancelled_not_as_a_timeout(bool bodyStarted)
    {
        _sendHeaders = bodyStarted; // waiting for the headers, or in the middle of the body
        var client = Client();
        var call = client.Accounts.GetAsync("acc_life");
        await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));

        client.Dispose();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        // (a PostPressTimeoutException is not an OperationCanceledException: ThrowsAny above would have failed)
        Assert.Contains("disposed", ex.Message);
        Assert.Single(_server.Requests); // not retried
    }

    [Fact]
    public async Task A_POST_in_flight_when_the_client_is_disposed_ends_as_cancelled()
    {
        var client = Client();
        var call = client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_life"));
        await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));

        client.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_WithOptions_child_used_after_its_parent_is_disposed_throws_ObjectDisposedException(string call)
    {
        var parent = Client();
        var child = parent.WithOptions(o => o.MaxRetries = 0);
        parent.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Call(child, call));

        Assert.Empty(_server.Requests);
        Assert.Throws<ObjectDisposedException>(() => parent.WithOptions(o => o.MaxRetries = 1));
    }

    [Fact]
    public async Task A_child_call_in_flight_when_the_parent_is_disposed_ends_as_cancelled()
    {
        var parent = Client();
        var child = parent.WithOptions(o => o.MaxRetries = 0);
        var call = child.Accounts.GetAsync("acc_life");
        await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));

        parent.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Disposing_a_child_does_not_end_the_parent()
    {
        using var answering = new RawHttpServer((request, connection) => connection.Respond(200, Bodies.Account("acc_life")));
        using var parent = new PostPressClient(RawOptions.For(answering));
        var child = (IDisposable)parent.WithOptions(o => o.MaxRetries = 0);
        child.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ((IPostPressClient)child).Accounts.GetAsync("acc_life"));
        var account = await parent.Accounts.GetAsync("acc_life");
        Assert.Equal("acc_life", account.Id);
        Assert.Single(answering.Requests);
    }

    [Fact]
    public async Task A_call_waiting_between_retries_when_the_client_is_disposed_ends_as_cancelled()
    {
        // 503 asking for a 5 s wait: the call sits in the retry delay when the client is disposed (it never waits it out).
        using var busy = new RawHttpServer((request, connection) =>
            connection.Respond(503, Bodies.Problem(503, "errors/no_client_session"), ("Retry-After", "5")));
        var logs = new CapturingLoggerProvider();
        var client = new PostPressClient(RawOptions.For(busy, logs, o => o.MaxRetryDelay = TimeSpan.FromSeconds(10)));
        var call = client.Accounts.GetAsync("acc_life");
        for (var i = 0; i < 2000 && !logs.Lines.Any(l => l.Contains("PostPress retrying")); i++)
        {
            await Task.Delay(5); // bounded: until the retry delay has started
        }

        Assert.Contains(logs.Lines, l => l.Contains("waiting 5000 ms"));

        client.Dispose();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(4)));

        Assert.Contains("disposed", ex.Message);
        Assert.Single(busy.Requests);
    }
}
