#if !POSTPRESS_NETSTANDARD_ASSET
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PostPress.Tests.Support;
using PostPress.Tests.Transport.Policies;
using Xunit;

namespace PostPress.Tests.Sync;

/// <summary>
/// The synchronous path where it differs in mechanism from the async one: redirects and stalled bodies on raw sockets,
/// the synchronous body read against the async one, the retry, attempt timeout and pacing policies on both paths, and
/// the back-off of the synchronous retry loop.
/// </summary>
public sealed class SyncPathTests
{
    public static TheoryData<CallMode> Modes => PolicyHarness.Modes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_redirect_is_refused_and_the_other_origin_receives_nothing(CallMode mode)
    {
        using var target = new RawHttpServer((request, connection) => connection.Respond(200, Bodies.Account("acc_r")));
        using var api = new RawHttpServer((request, connection) =>
            connection.Respond(302, string.Empty, ("Location", target.Origin + "/api/v1/elsewhere?token=q")));
        using var client = new PostPressClient(RawOptions.For(api));

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() =>
            Both.Call(mode, () => client.Accounts.GetAsync("acc_r"), () => client.Accounts.Get("acc_r")));

        Assert.Equal(302, ex.StatusCode);
        Assert.DoesNotContain("token=q", ex.Message);
        Assert.Single(api.Requests);
        Assert.Empty(target.Requests);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_DI_client_sends_on_both_paths_through_the_factorys_handlers(CallMode mode)
    {
        using var api = new RawHttpServer((request, connection) => connection.Respond(200, Bodies.Account("acc_di")));
        var services = new ServiceCollection();
        services.AddPostPress(o =>
        {
            o.ApiKey = MockApi.ApiKey;
            o.BaseUri = api.BaseUri;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IPostPressClient>();

        var account = await Both.Call(mode, () => client.Accounts.GetAsync("acc_di"), () => client.Accounts.Get("acc_di"));

        Assert.Equal("acc_di", account.Id);
        Assert.Equal(MockApi.ApiKey, Assert.Single(api.Requests).Header("X-API-KEY"));
    }

    [Fact]
    public void A_caller_HttpClient_that_cannot_send_synchronously_is_a_clear_NotSupportedException()
    {
        using var http = new HttpClient(new AsyncOnlyHandler());
        using var client = new PostPressClient(new PostPressClientOptions(MockApi.ApiKey) { BaseUri = new Uri("http://127.0.0.1:9/api/v1"), MaxRetries = 2 }, http);

        var ex = Assert.Throws<NotSupportedException>(() => client.Accounts.Get("acc_1"));

        Assert.Contains("cannot send synchronously", ex.Message);
        Assert.Contains("async methods", ex.Message);
    }

    /// <summary>A handler written before HttpClient.Send existed: SendAsync only.</summary>
    private sealed class AsyncOnlyHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(PostPress.Tests.Support.Bodies.Account("acc_1")) });
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_attempt_timeout_ends_a_stalled_body_read(CallMode mode)
    {
        using var api = StalledBody();
        using var client = new PostPressClient(RawOptions.For(api, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 0;
        }));

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() =>
            Both.Call(mode, () => client.Accounts.GetAsync("acc_1"), () => client.Accounts.Get("acc_1")));

        Assert.Contains("attempt timeout", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_callers_token_ends_a_stalled_body_read(CallMode mode)
    {
        using var api = StalledBody();
        using var client = new PostPressClient(RawOptions.For(api, configure: o => o.MaxRetries = 0));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Both.Call(mode, () => client.Accounts.GetAsync("acc_1", cts.Token), () => client.Accounts.Get("acc_1", cts.Token)));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    private static RawHttpServer StalledBody() => new((request, connection) =>
    {
        connection.Write(RawConnection.Head(200, 5000L) + "{\"object\":\"Account\",\"type\":\"WHATSAPP\",");
        connection.Stall(TimeSpan.FromSeconds(30));
    });

    public static TheoryData<int, long?, long> BodyShapes() => new()
    {
        { 0, 0L, 1 << 20 },
        { 5, null, 1 << 20 },
        { 5, 5L, 1 << 20 },
        { 16 * 1024, 16L * 1024, 1 << 20 },
        { 16 * 1024 + 1, null, 1 << 20 },
        { 100_000, 64L << 20, 64L << 20 },
        { 300_000, null, 300_000 },
    };

    [Theory]
    [MemberData(nameof(BodyShapes))]
    public async Task The_synchronous_body_read_buffers_exactly_like_the_async_one(int size, long? declared, long cap)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

        using var asyncRead = await BufferedResponse.ReadAsync(Response(bytes, declared), cap, CancellationToken.None);
        using var syncRead = BufferedResponse.Read(Response(bytes, declared), cap, CancellationToken.None);

        Assert.Equal(asyncRead.Length, syncRead.Length);
        Assert.Equal(asyncRead.SegmentCount, syncRead.SegmentCount);
        Assert.Equal(bytes, syncRead.Body.ToArray());
        Assert.Equal(asyncRead.Body.ToArray(), syncRead.Body.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2000L)]
    public async Task A_body_over_the_cap_is_refused_by_both_reads(long? declared)
    {
        var bytes = new byte[2000];

        var a = await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => BufferedResponse.ReadAsync(Response(bytes, declared), 1000, CancellationToken.None));
        var s = Assert.Throws<PostPressResponseTooLargeException>(() => BufferedResponse.Read(Response(bytes, declared), 1000, CancellationToken.None));

        Assert.Equal(a.Message, s.Message);
    }

    private static HttpResponseMessage Response(byte[] bytes, long? declared)
    {
        var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentLength = declared;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_retry_policy_waits_for_Retry_After_on_the_clock_on_both_paths(CallMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var retry = new RetryPolicy(new PostPressClientOptions("pp_test_retry") { MaxRetries = 1, MaxRetryDelay = TimeSpan.FromSeconds(30), TimeProvider = time }, NullLogger.Instance, new Uri("https://api.example.test"));
        var end = new ScriptedEnd().Respond(503, "{}", ("Retry-After", "5")).Respond(200);
        using var message = PolicyHarness.Message();

        var run = Both.Call(mode, () => PolicyHarness.RunAsync(message, retry, end).AsTask(), () =>
            retry.Process(message, new PipelineNext(new PipelinePolicy[] { retry, end }, 1)));
        for (var i = 0; i < 200 && end.Calls == 0; i++)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        Assert.Equal(1, end.Calls); // still waiting
        time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { 1, 2 }, end.Attempts);
        Assert.Equal(200, message.Response!.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_caller_cancelling_a_retry_delay_ends_it_at_once(CallMode mode)
    {
        using var cts = new CancellationTokenSource();
        var retry = new RetryPolicy(new PostPressClientOptions("pp_test_retry") { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromSeconds(30) }, NullLogger.Instance, new Uri("https://api.example.test"));
        using var message2 = PolicyHarness.Message(token: cts.Token);
        var end2 = new ScriptedEnd().Respond(503).Respond(200);
        var run2 = Both.Call(mode, () => PolicyHarness.RunAsync(message2, retry, end2).AsTask(), () =>
        {
            retry.Process(message2, new PipelineNext(new PipelinePolicy[] { retry, end2 }, 1));
        });
        for (var i = 0; i < 200 && end2.Calls == 0; i++)
        {
            await Task.Delay(10);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run2.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(1, end2.Calls);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_attempt_timeout_policy_cancels_the_attempt_on_both_paths(CallMode mode)
    {
        var policy = new AttemptTimeoutPolicy(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        var end = new ScriptedEnd().Do(m =>
        {
            m.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
            m.CancellationToken.ThrowIfCancellationRequested();
        });
        using var message = PolicyHarness.Message();

        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => PolicyHarness.RunAsync(mode, message, policy, end).AsTask());

        Assert.Equal(CancellationToken.None, message.CancellationToken); // given back
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Pacing_spaces_the_calls_of_an_account_on_both_paths(CallMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(2) } };
        var pacing = new PacingPolicy(options, time);
        var operation = new OperationInfo("getUserProfile", "GET", "/users/{identifier}") { AccountKey = "account_id" };
        var end = new ScriptedEnd().Respond(200).Respond(200);
        using var first = PolicyHarness.Message(operation);
        first.AccountId = "acc_paced";
        using var second = PolicyHarness.Message(operation);
        second.AccountId = "acc_paced";

        await PolicyHarness.RunAsync(mode, first, pacing, end);
        var run = Both.Call(mode, () => PolicyHarness.RunAsync(second, pacing, end).AsTask(), () =>
            pacing.Process(second, new PipelineNext(new PipelinePolicy[] { pacing, end }, 1)));
        await Task.Delay(200);
        Assert.Equal(1, end.Calls); // waiting for its turn
        time.Advance(TimeSpan.FromSeconds(2));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, end.Calls);
    }

    [Fact]
    public void The_synchronous_back_off_grows_exponentially_and_stays_under_the_cap()
    {
        var initial = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(5);
        var random = new Random(7);
        var medians = new List<double>();
        for (var retry = 0; retry < 5; retry++)
        {
            var samples = new List<double>();
            for (var run = 0; run < 400; run++)
            {
                // The state of a call carries from one retry to the next: replay the call up to this retry.
                var state = 0.0;
                var delay = TimeSpan.Zero;
                for (var r = 0; r <= retry; r++)
                {
                    delay = RetryPolicy.Backoff(r, initial, max, ref state, random.NextDouble());
                }

                Assert.InRange(delay, TimeSpan.Zero, max);
                samples.Add(delay.TotalMilliseconds);
            }

            samples.Sort();
            medians.Add(samples[samples.Count / 2]);
        }

        // Median near initial * 2^retry (Polly's exponential back-off with jitter), so each about twice the previous.
        for (var i = 1; i < medians.Count; i++)
        {
            Assert.InRange(medians[i] / medians[i - 1], 1.3, 3.0);
        }

        var zero = 0.0;
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Backoff(3, TimeSpan.Zero, max, ref zero, 0.5));
        var big = 0.0;
        Assert.Equal(max, RetryPolicy.Backoff(2000, initial, max, ref big, 0.5));
    }

    /// <summary>A stream without a length, read in small pieces, so the reads run the segment growth.</summary>
    private sealed class NoLengthStream : Stream
    {
        private readonly byte[] _bytes;
        private int _position;

        public NoLengthStream(byte[] bytes) => _bytes = bytes;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, 7000), _bytes.Length - _position);
            _bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
#endif
