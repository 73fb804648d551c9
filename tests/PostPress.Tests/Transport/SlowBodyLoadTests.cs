using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// Bodies are read without blocking threads, shown with a small fixed thread pool: 64 calls whose headers arrive at
/// once but whose bodies are held back until the server has seen all 64 requests. With asynchronous reads every call
/// gets its request out while the others wait for their bodies. With a synchronous (sync-over-async) read the first
/// few calls would block the few pool threads waiting for their bodies, the remaining calls could not even start,
/// and the server would never see 64 requests at once (it gives up after a 10 s safety timeout and the test fails).
/// The server runs on dedicated threads, so the pool limit only constrains the client.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class SlowBodyLoadTests
{
    private const int Calls = 64;

    [Fact]
    public async Task Sixty_four_calls_wait_for_their_bodies_at_once_on_a_four_thread_pool()
    {
        using var allSeen = new ManualResetEventSlim();
        var waiting = 0;
        var peakWaiting = 0;
        var safetyTimeoutHit = 0;
        RawHttpServer? server = null;
        server = new RawHttpServer((request, connection) =>
        {
            var id = request.Target.Substring(request.Target.LastIndexOf('/') + 1);
            var body = Encoding.UTF8.GetBytes(Bodies.Account(id));
            connection.Write(RawConnection.Head(200, body.Length)); // headers now
            var now = Interlocked.Increment(ref waiting);
            InterlockedMax(ref peakWaiting, now);
            if (server!.Requests.Count >= Calls)
            {
                allSeen.Set();
            }

            if (!allSeen.Wait(TimeSpan.FromSeconds(10), server.Stopping))
            {
                Interlocked.Exchange(ref safetyTimeoutHit, 1);
                allSeen.Set();
            }

            Interlocked.Decrement(ref waiting);
            connection.Write(body); // the body once every request is in
        });
        using var _ = server;
        using var client = new PostPressClient(RawOptions.For(server, configure: o => o.MaxRetries = 0));

        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        var limit = Math.Max(4, Environment.ProcessorCount);
        Account[] accounts;
        try
        {
            Assert.True(ThreadPool.SetMinThreads(Math.Min(minWorkers, limit), minIo), "SetMinThreads");
            Assert.True(ThreadPool.SetMaxThreads(limit, maxIo), "SetMaxThreads(" + limit + ")");

            var calls = new Task<Account>[Calls];
            for (var i = 0; i < Calls; i++)
            {
                var id = "acc_load_" + i;
                calls[i] = Task.Run(() => client.Accounts.GetAsync(id));

                // The next call starts once this one's request is out, and by then its headers are on the way: a
                // blocking read would hold a pool thread per call from here on, so after a few calls none would be
                // left to start the next one.
                await server.WaitForRequestsAsync(i + 1, TimeSpan.FromSeconds(20));
            }

            accounts = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        Assert.Equal(0, safetyTimeoutHit);
        Assert.Equal(Calls, peakWaiting); // all 64 requests were in flight, waiting for their bodies, at once
        Assert.Equal(Calls, server.Requests.Count);
        for (var i = 0; i < Calls; i++)
        {
            Assert.Equal("acc_load_" + i, Assert.IsType<TelegramAccount>(accounts[i]).Id);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
