using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Serialization;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// <see cref="BufferedResponse.ReadAsync(HttpResponseMessage, long, ArrayPool{byte}, CancellationToken)"/> rents with the
/// bytes actually received, never with the declared Content-Length, and stops at the cap plus one byte with at most
/// 1.25 times the cap rented (measured through a counting pool, so no timing and no GC noise).
/// </summary>
public sealed class BufferedResponseGrowthTests
{
    private const long SixtyFourMiB = 64L * 1024 * 1024;

    [Fact]
    public async Task A_declared_64_MiB_body_that_sends_5_bytes_and_ends_rents_one_small_array()
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(Encoding.ASCII.GetBytes("{\"a\":"), stallAfter: false);

        using (var buffered = await BufferedResponse.ReadAsync(Response(stream, declared: SixtyFourMiB), SixtyFourMiB, pool, CancellationToken.None))
        {
            Assert.Equal(5, buffered.Length);
            Assert.Equal("{\"a\":", Encoding.ASCII.GetString(buffered.Body));
            Assert.Equal(1, buffered.SegmentCount);
        }

        Assert.Single(pool.Rented);
        Assert.True(pool.Peak <= BufferedResponse.InitialSegmentSize, "peak " + pool.Peak);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Through_the_shared_pool_a_declared_64_MiB_body_of_5_bytes_allocates_little()
    {
        // The scripted stream completes every read synchronously, so the whole read runs on this thread.
        var stream = new ScriptedStream(Encoding.ASCII.GetBytes("{\"a\":"), stallAfter: false);
        var response = Response(stream, declared: SixtyFourMiB);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var task = BufferedResponse.ReadAsync(response, SixtyFourMiB, CancellationToken.None);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(task.IsCompleted);
        using var buffered = await task;
        Assert.Equal(5, buffered.Length);
        Assert.True(allocated < 256 * 1024, "allocated " + allocated + " bytes");
    }

    [Fact]
    public async Task A_declared_64_MiB_body_that_sends_5_bytes_and_stalls_holds_one_small_array_until_cancelled()
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(Encoding.ASCII.GetBytes("{\"a\":"), stallAfter: true);
        using var cts = new CancellationTokenSource();

        var read = BufferedResponse.ReadAsync(Response(stream, declared: SixtyFourMiB), SixtyFourMiB, pool, cts.Token);
        await stream.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        var peakWhileStalled = pool.Peak;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.True(peakWhileStalled <= BufferedResponse.InitialSegmentSize, "peak " + peakWhileStalled);
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(100L)]
    [InlineData(16L * 1024)]
    [InlineData(48L * 1024 + 1)]
    [InlineData(100_000L)]
    [InlineData(1_000_000L)]
    [InlineData(5L * 1024 * 1024 + 3)]
    [InlineData(16L * 1024 * 1024)]
    public async Task A_body_over_the_cap_stops_at_the_cap_plus_one_byte_with_at_most_1_25_times_the_cap_rented(long cap)
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(length: 2 * cap + 20_000);

        var ex = await Assert.ThrowsAsync<PostPressResponseTooLargeException>(
            () => BufferedResponse.ReadAsync(Response(stream, declared: null), cap, pool, CancellationToken.None));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(cap, ex.MaxResponseSize);
        Assert.Null(ex.ContentLength);
        const int slack = BufferedResponse.InitialSegmentSize;
        Assert.True(pool.Peak <= 1.25 * cap + slack, "peak " + pool.Peak + " for a cap of " + cap);
        Assert.Equal(cap + 1, stream.Delivered);
        Assert.True(pool.LargestArray <= BufferedResponse.MaxSegmentSize, "largest array " + pool.LargestArray);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_anything_is_rented()
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(length: 10);

        var ex = await Assert.ThrowsAsync<PostPressResponseTooLargeException>(
            () => BufferedResponse.ReadAsync(Response(stream, declared: 1001), 1000, pool, CancellationToken.None));

        Assert.Equal(1001, ex.ContentLength);
        Assert.Empty(pool.Rented);
        Assert.Equal(0, stream.Delivered);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(5000)]
    public async Task A_small_body_is_one_rented_array_that_Body_returns_without_a_copy(int size)
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(length: size);

        using var buffered = await BufferedResponse.ReadAsync(Response(stream, declared: size), SixtyFourMiB, pool, CancellationToken.None);

        var rented = Assert.Single(pool.Rented);
        Assert.Same(rented, buffered.Body.Array);
        Assert.Equal(size, buffered.Body.Count);
        Assert.Equal(ScriptedStream.Expected(size), buffered.Body.ToArray());
    }

    [Fact]
    public async Task A_body_ending_exactly_at_a_segment_end_keeps_no_empty_segment()
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(length: BufferedResponse.InitialSegmentSize);

        using var buffered = await BufferedResponse.ReadAsync(Response(stream, declared: null), SixtyFourMiB, pool, CancellationToken.None);

        Assert.Equal(1, buffered.SegmentCount);
        Assert.Equal(BufferedResponse.InitialSegmentSize, pool.Outstanding);
        Assert.Equal(ScriptedStream.Expected(BufferedResponse.InitialSegmentSize), buffered.Body.ToArray());
    }

    [Fact]
    public async Task A_large_body_under_the_cap_is_held_in_segments_that_grow_with_it_and_read_across_them()
    {
        const int size = 3 * 1024 * 1024 + 17;
        var pool = new CountingArrayPool();
        // The server announces 64 MiB; the body that arrives is 3 MiB and then ends.
        var stream = new ScriptedStream(length: size);

        using var buffered = await BufferedResponse.ReadAsync(Response(stream, declared: SixtyFourMiB), SixtyFourMiB, pool, CancellationToken.None);

        var expected = ScriptedStream.Expected(size);
        Assert.Equal(size, buffered.Length);
        Assert.True(buffered.SegmentCount > 1);
        Assert.True(pool.Peak <= size + BufferedResponse.MaxSegmentSize, "peak " + pool.Peak);
        Assert.True(pool.LargestArray <= BufferedResponse.MaxSegmentSize, "largest array " + pool.LargestArray);
        Assert.Equal(expected, buffered.Sequence.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(expected), buffered.CreateReader().ReadToEnd());
        Assert.Equal(Encoding.UTF8.GetString(expected, 0, 8192), buffered.Excerpt(8192));
        Assert.Equal(Encoding.UTF8.GetString(expected, 0, 40_000), buffered.Excerpt(40_000));

        // Body (one array) copies once, into a plain array of the exact length, and gives the segments back.
        var body = buffered.Body;
        Assert.Equal(size, body.Array!.Length);
        Assert.Equal(expected, body.ToArray());
        Assert.Equal(1, buffered.SegmentCount);
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(expected, buffered.Sequence.ToArray());
    }

    [Fact]
    public async Task Dispose_returns_every_segment_once()
    {
        var pool = new CountingArrayPool();
        var stream = new ScriptedStream(length: 200_000);
        var buffered = await BufferedResponse.ReadAsync(Response(stream, declared: null), SixtyFourMiB, pool, CancellationToken.None);
        Assert.True(pool.Outstanding > 0);

        buffered.Dispose();
        buffered.Dispose();

        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_top_level_union_is_peeked_the_same_across_segments()
    {
        // A long account document: the discriminator sits after 40 KB, beyond the first segment.
        var json = "{\"object\":\"Account\",\"name\":\"" + new string('n', 40_000) + "\",\"type\":\"TELEGRAM\",\"id\":\"acc_1\"}";
        var bytes = Encoding.UTF8.GetBytes(json);
        var pool = new CountingArrayPool();

        using var buffered = await BufferedResponse.ReadAsync(Response(new ScriptedStream(bytes, stallAfter: false), declared: null), SixtyFourMiB, pool, CancellationToken.None);

        Assert.True(buffered.SegmentCount > 1);
        var expected = UnionJsonConverter.PeekVariant(typeof(Account), bytes.AsSpan());
        Assert.Equal(typeof(TelegramAccount), expected);
        Assert.Equal(expected, UnionJsonConverter.PeekVariant(typeof(Account), buffered.Sequence));
    }

    private static HttpResponseMessage Response(Stream stream, long? declared)
    {
        var content = new StreamContent(stream);
        content.Headers.ContentLength = declared;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>
    /// A body stream: either given bytes, then the end or a stall until the read's token is cancelled; or
    /// <c>length</c> bytes of a repeating ASCII pattern. Every read completes synchronously (or, stalled, on
    /// cancellation) and fills as much of the buffer as it has.
    /// </summary>
    private sealed class ScriptedStream : Stream
    {
        private readonly byte[]? _bytes;
        private readonly long _length;
        private readonly bool _stallAfter;
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ScriptedStream(byte[] bytes, bool stallAfter)
        {
            _bytes = bytes;
            _length = bytes.Length;
            _stallAfter = stallAfter;
        }

        public ScriptedStream(long length) => _length = length;

        /// <summary>Bytes handed out so far.</summary>
        public long Delivered { get; private set; }

        /// <summary>Completes when a read found nothing more to send and stalls.</summary>
        public Task Stalled => _stalled.Task;

        public static byte[] Expected(long length)
        {
            var bytes = new byte[length];
            for (long i = 0; i < length; i++)
            {
                bytes[i] = Pattern(i);
            }

            return bytes;
        }

        private static byte Pattern(long i) => (byte)('a' + (i % 26));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = (int)Math.Min(buffer.Length, _length - Delivered);
            if (n == 0)
            {
                if (_stallAfter)
                {
                    _stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return 0;
            }

            var span = buffer.Span;
            for (var i = 0; i < n; i++)
            {
                span[i] = _bytes is not null ? _bytes[Delivered + i] : Pattern(Delivered + i);
            }

            Delivered += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous read.");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
