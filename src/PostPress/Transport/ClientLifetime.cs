using System;
using System.Threading;

namespace PostPress;

/// <summary>
/// The lifetime a client shares with the clients derived from it by <see cref="PostPressClient.WithOptions"/>:
/// disposing the root cancels the calls in flight and makes later calls throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class ClientLifetime : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly ClientLifetime? _parent;
    private int _disposed;

    public ClientLifetime(ClientLifetime? parent = null)
    {
        _parent = parent;
    }

    public CancellationToken Token => _parent?.Token ?? _source.Token;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0 || (_parent?.IsDisposed ?? false);

    public void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(PostPressClient), "This PostPressClient (or the client it was derived from with WithOptions) has been disposed.");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_parent is null)
        {
            _source.Cancel();
        }
    }
}
