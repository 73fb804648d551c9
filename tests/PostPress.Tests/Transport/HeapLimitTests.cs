using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// End to end under a capped GC heap: a child process (tests/PostPress.MemoryProbe) with
/// <c>DOTNET_GCHeapHardLimit=0x30000000</c> (768 MiB) makes 16 concurrent calls through <see cref="PostPressClient"/>
/// against a loopback server in this process. Whatever the server declares or sends, every call ends in a typed
/// PostPress exception, never an <see cref="OutOfMemoryException"/>. In the non-parallel collection: the child and the
/// server move hundreds of MiB, better not alongside the other tests.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class HeapLimitTests
{
    private const long HeapLimit = 0x30000000;
    private const int Calls = 16;
    private const long SixtyFourMiB = 64L * 1024 * 1024;

    [Theory]
    [InlineData(false, typeof(PostPressConnectionException))]
    [InlineData(true, typeof(PostPressTimeoutException))]
    public async Task Sixteen_calls_to_a_server_declaring_64_MiB_and_sending_5_bytes_end_in_typed_exceptions(bool stall, Type expected)
    {
        using var server = new RawHttpServer((request, connection) =>
        {
            connection.Write(RawConnection.Head(200, SixtyFourMiB));
            connection.Write("{\"a\":");
            if (stall)
            {
                connection.Stall(TimeSpan.FromSeconds(60));
            }
        });

        var outcomes = await RunProbeAsync(server, maxResponseSize: SixtyFourMiB, attemptTimeout: TimeSpan.FromSeconds(2));

        Assert.All(outcomes, o => Assert.Equal(expected.FullName, o));
    }

    [Fact]
    public async Task Sixteen_concurrent_bodies_over_a_32_MiB_cap_end_in_PostPressResponseTooLargeException()
    {
        const long cap = 32L * 1024 * 1024;
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)' ');
        using var atCap = new CountdownEvent(Calls);
        using var server = new RawHttpServer((request, connection) =>
        {
            // No Content-Length: the body runs until the connection closes. Exactly the cap first; then, once every
            // call has been sent that much (and a moment to read it), the rest: all 16 calls hold a full body at once.
            connection.Write(RawConnection.Head(200, null));
            for (var sent = 0L; sent < cap; sent += chunk.Length)
            {
                connection.Write(chunk);
            }

            atCap.Signal();
            WaitHandle.WaitAny(new[] { atCap.WaitHandle, connection.Stopping.WaitHandle }, TimeSpan.FromSeconds(20));
            connection.Stopping.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
            for (var sent = 0L; sent < cap && !connection.Stopping.IsCancellationRequested; sent += chunk.Length)
            {
                connection.Write(chunk);
            }
        });

        var outcomes = await RunProbeAsync(server, maxResponseSize: cap, attemptTimeout: TimeSpan.FromSeconds(40));

        Assert.All(outcomes, o => Assert.Equal(typeof(PostPressResponseTooLargeException).FullName, o));
    }

    /// <summary>Runs the probe under the heap limit and returns the outcome of each call (exception type names).</summary>
    private static async Task<string[]> RunProbeAsync(RawHttpServer server, long maxResponseSize, TimeSpan attemptTimeout)
    {
        // The probe's path, written into this assembly by PostPress.Tests.csproj.
        var probe = typeof(HeapLimitTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MemoryProbe").Value!;
        Assert.True(File.Exists(probe), "the probe is built before the tests: " + probe);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(server.BaseUri.ToString());
        start.ArgumentList.Add(Calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(maxResponseSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(((int)attemptTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapLimit.ToString("X", System.Globalization.CultureInfo.InvariantCulture);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The probe did not finish in 3 minutes. Output: " + await stdout + await stderr);
        }

        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, "probe exit code " + process.ExitCode + ": " + output + errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The limit applied: the GC reports it as the memory available to the process.
        Assert.Contains("heap-limit " + HeapLimit, lines);
        var outcomes = lines.Where(l => l.StartsWith("outcome ", StringComparison.Ordinal)).Select(l => l.Substring("outcome ".Length)).ToArray();
        Assert.Equal(Calls, outcomes.Length);
        Assert.DoesNotContain(outcomes, o => o.Contains("OutOfMemory", StringComparison.Ordinal));
        return outcomes;
    }
}
