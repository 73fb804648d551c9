using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A response whose body has been read, asynchronously and completely, into a pooled buffer inside the attempt (so a
/// body that breaks off mid-way is an attempt failure the retry policy sees, and parsing never blocks on the network).
/// Disposing returns the buffer to the pool; Polly disposes the responses of attempts it retries.
/// </summary>
internal sealed class BufferedResponse : IDisposable
{
    private byte[]? _buffer;
    private HttpResponseMessage? _unread;

    private BufferedResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, byte[]? buffer, int length)
    {
        StatusCode = statusCode;
        Headers = headers;
        ContentHeaders = contentHeaders;
        _buffer = buffer;
        Length = length;
    }

    public int StatusCode { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders? ContentHeaders { get; }

    public int Length { get; }

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

    /// <summary>The body bytes (<see cref="Length"/> of them).</summary>
    public ArraySegment<byte> Body => _buffer is null ? new ArraySegment<byte>(Array.Empty<byte>()) : new ArraySegment<byte>(_buffer, 0, Length);

    /// <summary>A 2xx response whose body is left unread, for a download (<see cref="TakeUnread"/> hands it over).</summary>
    public static BufferedResponse Unread(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Headers, response.Content?.Headers, null, 0) { _unread = response };

    /// <summary>Takes the unread response out (the caller then owns and disposes it).</summary>
    public HttpResponseMessage TakeUnread() =>
        Interlocked.Exchange(ref _unread, null) ?? throw new InvalidOperationException("The response body was read or already taken.");

    /// <summary>Reads the whole body of <paramref name="response"/> and disposes it.</summary>
    /// <exception cref="PostPressResponseTooLargeException">The body is larger than <paramref name="maxSize"/>.</exception>
    public static async Task<BufferedResponse> ReadAsync(HttpResponseMessage response, long maxSize, CancellationToken cancellationToken)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            var content = response.Content;
            if (content is null)
            {
                return new BufferedResponse(status, response.Headers, null, null, 0);
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
                    return new BufferedResponse(status, response.Headers, content.Headers, null, 0);
                }

                var initial = declared is { } d ? (int)d : 16 * 1024;
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
                var total = 0;
                try
                {
                    while (true)
                    {
                        if (total == buffer.Length)
                        {
                            // Room for one byte past the cap, so a body over it is detected without reading it all.
                            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, Math.Min(maxSize + 1, int.MaxValue - 64)));
                            Buffer.BlockCopy(buffer, 0, larger, 0, total);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

#if NET5_0_OR_GREATER
                        var read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken).ConfigureAwait(false);
#else
                        var read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false);
#endif
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                        if (total > maxSize)
                        {
                            throw new PostPressResponseTooLargeException(status, maxSize, declared);
                        }
                    }

                    var result = new BufferedResponse(status, response.Headers, content.Headers, buffer, total);
                    buffer = null;
                    return result;
                }
                finally
                {
                    if (buffer is not null)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
        }
    }

    /// <summary>The body as text for error messages: at most <paramref name="maxBytes"/> bytes, decoded as UTF-8.</summary>
    public string Excerpt(int maxBytes)
    {
        if (_buffer is null || Length == 0)
        {
            return string.Empty;
        }

        return ErrorMapper.DecodeUtf8(_buffer, Math.Min(Length, maxBytes));
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _unread, null)?.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
