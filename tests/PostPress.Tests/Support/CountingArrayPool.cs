using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;

namespace PostPress.Tests.Support;

/// <summary>
/// An <see cref="ArrayPool{T}"/> that allocates every array fresh (rounded up to a power of two, at least 16, as the
/// shared pool does) and counts what is rented: the bytes out now, the most out at once, the largest array, every
/// array handed out. Returning an array it did not hand out, or twice, throws.
/// </summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly object _gate = new();
    private readonly HashSet<byte[]> _out = new(ReferenceEqualityComparer.Instance);
    private readonly List<byte[]> _rented = new();

    /// <summary>Bytes rented and not yet returned.</summary>
    public long Outstanding { get; private set; }

    /// <summary>The most bytes rented at once.</summary>
    public long Peak { get; private set; }

    /// <summary>The length of the largest array rented.</summary>
    public int LargestArray { get; private set; }

    /// <summary>Every array rented, in order.</summary>
    public IReadOnlyList<byte[]> Rented
    {
        get
        {
            lock (_gate)
            {
                return _rented.ToArray();
            }
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, minimumLength));
        var array = new byte[length];
        lock (_gate)
        {
            _out.Add(array);
            _rented.Add(array);
            Outstanding += length;
            Peak = Math.Max(Peak, Outstanding);
            LargestArray = Math.Max(LargestArray, length);
        }

        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_gate)
        {
            if (!_out.Remove(array))
            {
                throw new InvalidOperationException("An array of " + array.Length + " bytes was returned that is not out (never rented here, or returned twice).");
            }

            Outstanding -= array.Length;
        }
    }
}
