using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// A server that sends the headers and part of a body, then stalls. The overall timeout and the caller's token must
/// both end the call (the body is read by Json.NET synchronously, so only closing the stream can interrupt it).
/// </summary>
public sealed class StalledBodyTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public StalledBodyTests()
    {
        _listener.Start();
        _ = ServeAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    using var s = socket;
                    var stream = s.GetStream();
                    var buffer = new byte[4096];
                    // Read the request headers (up to the blank line) before answering.
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }

                    var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"object\":\"Account\",\"type\":\"WHATSAPP\",";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token); // stall
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private PostPressClient Client(TimeSpan? overall) => new(new PostPressClientOptions("pp_test_key")
    {
        BaseUri = new Uri($"http://127.0.0.1:{Port}/api/v1"),
        Timeout = overall,
        AttemptTimeout = overall is null ? TimeSpan.FromSeconds(5) : null,
        MaxRetries = 0,
    });

    [Fact]
    public async Task Overall_timeout_ends_a_stalled_body()
    {
        using var client = Client(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_1"));

        Assert.Contains("overall timeout", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Fact]
    public async Task Caller_cancellation_ends_a_stalled_body_as_OperationCanceledException()
    {
        using var client = Client(null);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Accounts.GetAsync("acc_1", cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }
}
