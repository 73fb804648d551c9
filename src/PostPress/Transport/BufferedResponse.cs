using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A response whose body has been read, asynchronously and completely, into pooled buffers inside the attempt (so a
/// body that breaks off mid-way is an attempt failure the retry policy sees, and parsing never blocks on the network).
/// Disposing returns the buffers to the pool; Polly disposes the responses of attempts it retries.
/// </summary>
/// <remarks>
/// The body is held in a chain of pooled segments that grows with the bytes actually received, never with the
/// declared Content-Length (which only sizes the first segment, at most <see cref="InitialSegmentSize"/>): the first
/// segment, then segments twice the previous size up to <see cref="MaxSegmentSize"/>, the last ones shrunk so that the
/// chain never holds room for more than the cap plus one byte. A body that fits the first segment (every small body)
/// is one rented array and is never copied.
/// </remarks>
internal sealed class BufferedResponse : IDisposable
{
    /// <summary>The most the first segment is sized to (the declared length may make it smaller, never larger).</summary>
    internal const int InitialSegmentSize = 16 * 1024;

    /// <summary>The least the first segment is sized to, whatever the declared length says.</summary>
    internal const int MinimumSegmentSize = 256;

    /// <summary>The largest segment: arrays from the shared pool stay at or under 1 MiB.</summary>
    internal const int MaxSegmentSize = 1024 * 1024;

    private readonly ArrayPool<byte> _pool;
    private Segment? _first;
    private HttpResponseMessage? _unread;
    private Segment? _last;

    private BufferedResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, ArrayPool<byte> pool, Segment? first, Segment? last, int length)
    {
        StatusCode = statusCode;
        Headers = headers;
        ContentHeaders = contentHeaders;
        _pool = pool;
        _first = first;
        _last = last;
        Length = length;
    }

    /// <summary>A 2xx response whose body is left unread, for a download (<see cref="TakeUnread"/> hands it over).</summary>
    public static BufferedResponse Unread(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Headers, response.Content?.Headers, ArrayPool<byte>.Shared, null, null, 0) { _unread = response };

    /// <summary>Takes the unread response out (the caller then owns and disposes it).</summary>
    public HttpResponseMessage TakeUnread() =>
        Interlocked.Exchange(ref _unread, null) ?? throw new InvalidOperationException("The response body was read or already taken.");

    public int StatusCode { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders? ContentHeaders { get; }

    public int Length { get; }

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

    /// <summary>How many segments hold the body (0 for an empty body; 1 for every body that fit the first segment).</summary>
    internal int SegmentCount
    {
        get
        {
            var count = 0;
            for (var s = _first; s is not null; s = s.NextSegment)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>
    /// The body bytes (<see cref="Length"/> of them) as one array. A body held in one segment (every body up to
    /// <see cref="InitialSegmentSize"/>) is returned as it is; a longer one is copied once into one array of its exact
    /// length, which then replaces the segments. Prefer <see cref="Sequence"/> / <see cref="CreateReader"/>, which
    /// never copy.
    /// </summary>
    public ArraySegment<byte> Body
    {
        get
        {
            var first = _first;
            if (first is null || Length == 0)
            {
                return new ArraySegment<byte>(Array.Empty<byte>());
            }

            if (first.NextSegment is null)
            {
                return new ArraySegment<byte>(first.Array, 0, Length);
            }

            // Bigger than a pool-friendly size: a plain array the GC reclaims, not a large array the pool would keep.
            var pooled = Length <= MaxSegmentSize;
            var whole = pooled ? _pool.Rent(Length) : new byte[Length];
            var offset = 0;
            for (var s = first; s is not null; s = s.NextSegment)
            {
                Buffer.BlockCopy(s.Array, 0, whole, offset, s.Count);
                offset += s.Count;
            }

            var single = new Segment(whole, pooled);
            single.SetCount(Length);
            _first = single;
            _last = single;
            ReturnChain(_pool, first);
            return new ArraySegment<byte>(whole, 0, Length);
        }
    }

    /// <summary>The body bytes as a sequence over the segments (no copy).</summary>
    internal ReadOnlySequence<byte> Sequence
    {
        get
        {
            var first = _first;
            var last = _last;
            if (first is null || last is null || Length == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            return ReferenceEquals(first, last)
                ? new ReadOnlySequence<byte>(first.Array, 0, Length)
                : new ReadOnlySequence<byte>(first, 0, last, last.Count);
        }
    }

    /// <summary>A reader that decodes the body as UTF-8 across its segments (no copy).</summary>
    internal Utf8BufferReader CreateReader()
    {
        var first = _first;
        return first is not null && first.NextSegment is null
            ? new Utf8BufferReader(new ArraySegment<byte>(first.Array, 0, Length))
            : new Utf8BufferReader(Sequence);
    }

    /// <summary>Reads the whole body of <paramref name="response"/> and disposes it.</summary>
    /// <exception cref="PostPressResponseTooLargeException">The body is larger than <paramref name="maxSize"/>.</exception>
    public static Task<BufferedResponse> ReadAsync(HttpResponseMessage response, long maxSize, CancellationToken cancellationToken) =>
        ReadAsync(response, maxSize, ArrayPool<byte>.Shared, cancellationToken);

    /// <summary>Reads the whole body of <paramref name="response"/> into arrays rented from <paramref name="pool"/>, and disposes it.</summary>
    /// <exception cref="PostPressResponseTooLargeException">The body is larger than <paramref name="maxSize"/>.</exception>
    internal static Task<BufferedResponse> ReadAsync(HttpResponseMessage response, long maxSize, ArrayPool<byte> pool, CancellationToken cancellationToken) =>
        ReadCoreAsync(response, maxSize, pool, cancellationToken).AsTask();

    /// <summary>
    /// <see cref="ReadAsync(HttpResponseMessage, long, ArrayPool{byte}, CancellationToken)"/> as a <see cref="ValueTask{TResult}"/>:
    /// a body already in memory is read without allocating a task (<see cref="ResponseBufferingPolicy"/>).
    /// </summary>
    /// <exception cref="PostPressResponseTooLargeException">The body is larger than <paramref name="maxSize"/>.</exception>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    internal static async ValueTask<BufferedResponse> ReadCoreAsync(HttpResponseMessage response, long maxSize, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            var content = response.Content;
            if (content is null)
            {
                return new BufferedResponse(status, response.Headers, null, pool, null, null, 0);
            }

            var declared = content.Headers.ContentLength;
            if (declared > maxSize)
            {
                throw new PostPressResponseTooLargeException(status, maxSize, declared);
            }

#if NET5_0_OR_GREATER
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            // Older stream implementations ignore the token: closing the stream ends a pending read.
            using var registration = cancellationToken.Register(static s => ((Stream)s!).Dispose(), stream);
#endif
            using (stream)
            {
                if (declared == 0)
                {
                    return new BufferedResponse(status, response.Headers, content.Headers, pool, null, null, 0);
                }

                // The declared length is a hint for the first segment only, never more than InitialSegmentSize: a
                // server that declares 64 MiB and sends 5 bytes costs one small array.
                var firstSize = (int)Math.Min(InitialSegmentSize, Math.Max(MinimumSegmentSize, declared ?? InitialSegmentSize));
                var first = new Segment(pool.Rent(firstSize), pooled: true);
                var last = first;
                Segment? previous = null;
                long capacity = first.Array.Length;
                // Room for one byte past the cap, so a body over it is detected without reading it all.
                var limit = maxSize + 1;
                var total = 0;
                try
                {
                    while (true)
                    {
                        if (last.Count == last.Array.Length)
                        {
                            var next = new Segment(pool.Rent(NextSegmentSize(last.Array.Length, limit - capacity)), pooled: true);
                            capacity += next.Array.Length;
                            last.Append(next);
                            previous = last;
                            last = next;
                        }

                        // Never more than one byte past the cap, whatever room the last segment has.
                        var want = (int)Math.Min(last.Array.Length - last.Count, limit - total);
#if NET5_0_OR_GREATER
                        var read = await stream.ReadAsync(last.Array.AsMemory(last.Count, want), cancellationToken).ConfigureAwait(false);
#else
                        var read = await stream.ReadAsync(last.Array, last.Count, want, cancellationToken).ConfigureAwait(false);
#endif
                        if (read == 0)
                        {
                            break;
                        }

                        last.SetCount(last.Count + read);
                        total += read;
                        if (total > maxSize)
                        {
                            throw new PostPressResponseTooLargeException(status, maxSize, declared);
                        }
                    }

                    if (last.Count == 0 && previous is not null)
                    {
                        // The body ended exactly at the end of a segment: the one rented to see the end goes back now.
                        previous.Append(null);
                        pool.Return(last.Array);
                        last = previous;
                    }

                    var result = new BufferedResponse(status, response.Headers, content.Headers, pool, first, last, total);
                    first = null;
                    return result;
                }
                finally
                {
                    if (first is not null)
                    {
                        ReturnChain(pool, first);
                    }
                }
            }
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The synchronous twin of <see cref="ReadAsync(HttpResponseMessage, long, CancellationToken)"/> (the sync path,
    /// net8.0+): the same cap, the same segment growth, the same pool, read on the calling thread with
    /// <see cref="Stream.Read(Span{byte})"/>. A synchronous read takes no token, so a cancelled token (the attempt or
    /// overall timeout, the caller) closes the stream, which ends a pending read; that ends as
    /// <see cref="OperationCanceledException"/>. Disposes <paramref name="response"/>.
    /// </summary>
    /// <exception cref="PostPressResponseTooLargeException">The body is larger than <paramref name="maxSize"/>.</exception>
    public static BufferedResponse Read(HttpResponseMessage response, long maxSize, CancellationToken cancellationToken) =>
        Read(response, maxSize, ArrayPool<byte>.Shared, cancellationToken);

    /// <summary>Like <see cref="Read(HttpResponseMessage, long, CancellationToken)"/>, into arrays rented from <paramref name="pool"/>.</summary>
    internal static BufferedResponse Read(HttpResponseMessage response, long maxSize, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            var content = response.Content;
            if (content is null)
            {
                return new BufferedResponse(status, response.Headers, null, pool, null, null, 0);
            }

            var declared = content.Headers.ContentLength;
            if (declared > maxSize)
            {
                throw new PostPressResponseTooLargeException(status, maxSize, declared);
            }

            var stream = content.ReadAsStream(cancellationToken);
            using var registration = cancellationToken.Register(static s => ((Stream)s!).Dispose(), stream);
            using (stream)
            {
                if (declared == 0)
                {
                    return new BufferedResponse(status, response.Headers, content.Headers, pool, null, null, 0);
                }

                // The same sizes as ReadAsync (a shared test runs both over the same bodies).
                var firstSize = (int)Math.Min(InitialSegmentSize, Math.Max(MinimumSegmentSize, declared ?? InitialSegmentSize));
                var first = new Segment(pool.Rent(firstSize), pooled: true);
                var last = first;
                Segment? previous = null;
                long capacity = first.Array.Length;
                var limit = maxSize + 1;
                var total = 0;
                try
                {
                    while (true)
                    {
                        if (last.Count == last.Array.Length)
                        {
                            var next = new Segment(pool.Rent(NextSegmentSize(last.Array.Length, limit - capacity)), pooled: true);
                            capacity += next.Array.Length;
                            last.Append(next);
                            previous = last;
                            last = next;
                        }

                        var want = (int)Math.Min(last.Array.Length - last.Count, limit - total);
                        int read;
                        try
                        {
                            read = stream.Read(last.Array.AsSpan(last.Count, want));
                        }
                        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is IOException or ObjectDisposedException)
                        {
                            throw new OperationCanceledException("The response body read was cancelled.", ex, cancellationToken);
                        }

                        if (read == 0)
                        {
                            break;
                        }

                        last.SetCount(last.Count + read);
                        total += read;
                        if (total > maxSize)
                        {
                            throw new PostPressResponseTooLargeException(status, maxSize, declared);
                        }
                    }

                    // A read that returned 0 because the token closed the stream is not the end of the body.
                    cancellationToken.ThrowIfCancellationRequested();
                    if (last.Count == 0 && previous is not null)
                    {
                        previous.Append(null);
                        pool.Return(last.Array);
                        last = previous;
                    }

                    var result = new BufferedResponse(status, response.Headers, content.Headers, pool, first, last, total);
                    first = null;
                    return result;
                }
                finally
                {
                    if (first is not null)
                    {
                        ReturnChain(pool, first);
                    }
                }
            }
        }
    }
#endif

    /// <summary>
    /// The size of the segment after one of <paramref name="previousSize"/> bytes: twice it, at most
    /// <see cref="MaxSegmentSize"/>, and never more than the <paramref name="room"/> left under the cap plus one byte
    /// (then the largest power of two that fits, so the pool does not round it up past the cap).
    /// </summary>
    internal static int NextSegmentSize(int previousSize, long room)
    {
        var size = (int)Math.Min(MaxSegmentSize, previousSize * 2L);
        if (size <= room)
        {
            return size;
        }

        // The pool's smallest array is 16 bytes; below that the slack is at most 15 bytes.
        var fit = 16;
        while (fit * 2L <= room)
        {
            fit *= 2;
        }

        return fit;
    }

    /// <summary>The body as text for error messages: at most <paramref name="maxBytes"/> bytes, decoded as UTF-8.</summary>
    public string Excerpt(int maxBytes)
    {
        var first = _first;
        if (first is null || Length == 0)
        {
            return string.Empty;
        }

        var count = Math.Min(Length, maxBytes);
        if (count <= first.Count)
        {
            return ErrorMapper.DecodeUtf8(first.Array, count);
        }

        var bytes = new byte[count];
        Sequence.Slice(0, count).CopyTo(bytes);
        return ErrorMapper.DecodeUtf8(bytes, count);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _unread, null)?.Dispose();
        var first = Interlocked.Exchange(ref _first, null);
        _last = null;
        if (first is not null)
        {
            ReturnChain(_pool, first);
        }
    }

    private static void ReturnChain(ArrayPool<byte> pool, Segment first)
    {
        for (Segment? s = first; s is not null; s = s.NextSegment)
        {
            if (s.Pooled)
            {
                pool.Return(s.Array);
            }
        }
    }

    /// <summary>One array of the body, linked to the next (so the chain is also a <see cref="ReadOnlySequence{T}"/>).</summary>
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] array, bool pooled)
        {
            Array = array;
            Pooled = pooled;
            Memory = ReadOnlyMemory<byte>.Empty;
        }

        public byte[] Array { get; }

        public bool Pooled { get; }

        /// <summary>How many bytes of <see cref="Array"/> hold the body.</summary>
        public int Count { get; private set; }

        public Segment? NextSegment => (Segment?)Next;

        public void SetCount(int count)
        {
            Count = count;
            Memory = new ReadOnlyMemory<byte>(Array, 0, count);
        }

        /// <summary>Links <paramref name="next"/> after this (full) segment, or unlinks the next one.</summary>
        public void Append(Segment? next)
        {
            Next = next;
            if (next is not null)
            {
                next.RunningIndex = RunningIndex + Count;
            }
        }
    }
}
