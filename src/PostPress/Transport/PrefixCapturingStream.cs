using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A read-only pass-through stream that remembers the first bytes read from it, so that a body which fails to
/// deserialize can be quoted in the exception without buffering every response.
/// </summary>
internal sealed class PrefixCapturingStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _prefix;
    private readonly CancellationToken _cancellation;
    private int _captured;

    /// <param name="inner">The response stream.</param>
    /// <param name="capacity">How many leading bytes to remember.</param>
    /// <param name="cancellation">
    /// Cancels reads, synchronous ones included: Json.NET reads the body synchronously and a blocking read on a
    /// network stream observes no token, so <see cref="Read"/> waits on the cancellable asynchronous read instead.
    /// </param>
    public PrefixCapturingStream(Stream inner, int capacity, CancellationToken cancellation = default)
    {
        _inner = inner;
        _prefix = new byte[capacity];
        _cancellation = cancellation;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public string CapturedText() => ErrorMapper.DecodeUtf8(_prefix, _captured);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = _cancellation.CanBeCanceled
            ? _inner.ReadAsync(buffer, offset, count, _cancellation).ConfigureAwait(false).GetAwaiter().GetResult()
            : _inner.Read(buffer, offset, count);
        Remember(buffer, offset, n);
        return n;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var n = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        Remember(buffer, offset, n);
        return n;
    }

#if NET5_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n > 0 && _captured < _prefix.Length)
        {
            var take = Math.Min(n, _prefix.Length - _captured);
            buffer.Span.Slice(0, take).CopyTo(_prefix.AsSpan(_captured));
            _captured += take;
        }

        return n;
    }
#endif

    private void Remember(byte[] buffer, int offset, int n)
    {
        if (n > 0 && _captured < _prefix.Length)
        {
            var take = Math.Min(n, _prefix.Length - _captured);
            Buffer.BlockCopy(buffer, offset, _prefix, _captured, take);
            _captured += take;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
