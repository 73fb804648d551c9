using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace PostPress;

/// <summary>
/// A <see cref="TextReader"/> that decodes a UTF-8 byte buffer straight into the reader's own char buffer: Json.NET reads
/// a buffered body through it without the byte and char buffers a <see cref="StreamReader"/> allocates per call. The
/// bytes are one array segment or a sequence of segments (read across them, a character split between two segments
/// decoded whole). A leading UTF-8 byte order mark is skipped; invalid bytes become U+FFFD as with
/// <see cref="Encoding.UTF8"/>.
/// </summary>
internal sealed class Utf8BufferReader : TextReader
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly ReadOnlySequence<byte> _sequence;
    private SequencePosition _next;
    private byte[] _bytes;
    private int _end;
    private int _position;

    // Bytes not yet decoded, from _position to the end of the last segment.
    private long _remaining;
    private char[]? _scratch;
    private char _pending;
    private bool _hasPending;

    public Utf8BufferReader(ArraySegment<byte> bytes)
    {
        _bytes = bytes.Array ?? Array.Empty<byte>();
        _position = bytes.Offset;
        _end = bytes.Offset + bytes.Count;
        _sequence = ReadOnlySequence<byte>.Empty;
        _next = _sequence.Start;
        if (bytes.Count >= 3 && _bytes[_position] == 0xEF && _bytes[_position + 1] == 0xBB && _bytes[_position + 2] == 0xBF)
        {
            _position += 3;
        }

        _remaining = _end - _position;
    }

    public Utf8BufferReader(ReadOnlySequence<byte> bytes)
    {
        if (bytes.Length >= 3)
        {
            Span<byte> start = stackalloc byte[3];
            bytes.Slice(0, 3).CopyTo(start);
            if (start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF)
            {
                bytes = bytes.Slice(3);
            }
        }

        _sequence = bytes;
        _next = bytes.Start;
        _bytes = Array.Empty<byte>();
        _remaining = bytes.Length;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var written = 0;
        if (_hasPending)
        {
            // The second half of a surrogate pair decoded for a one-char read.
            buffer[index++] = _pending;
            _hasPending = false;
            written = 1;
            if (--count == 0)
            {
                return written;
            }
        }

        if (count == 1)
        {
            // Json.NET asks for one char when its buffer has one slot left; a surrogate pair needs two.
            var scratch = _scratch ??= new char[2];
            var n = Decode(scratch, 0, 2);
            if (n > 0)
            {
                buffer[index] = scratch[0];
                written++;
                if (n == 2)
                {
                    _pending = scratch[1];
                    _hasPending = true;
                }
            }

            return written;
        }

        return written + Decode(buffer, index, count);
    }

    private int Decode(char[] buffer, int index, int count)
    {
        var chars = 0;
        while (chars == 0 && _remaining > 0)
        {
            if (_position == _end && !NextSegment())
            {
                break;
            }

            // At most count - 1 bytes: with what the decoder may hold from the previous call (or segment) they decode
            // into at most count chars. A multi-byte sequence cut by the limit is completed on the next round.
            var byteCount = Math.Min(_end - _position, count - 1);
            var last = byteCount >= _remaining;
            _decoder.Convert(_bytes, _position, byteCount, buffer, index, count, flush: last, out var bytesUsed, out var charsUsed, out _);
            _position += bytesUsed;
            _remaining -= bytesUsed;
            chars += charsUsed;
        }

        return chars;
    }

    /// <summary>Moves to the next non-empty segment of the sequence.</summary>
    private bool NextSegment()
    {
        while (_sequence.TryGet(ref _next, out var memory))
        {
            if (memory.Length == 0)
            {
                continue;
            }

            if (!MemoryMarshal.TryGetArray(memory, out var segment))
            {
                segment = new ArraySegment<byte>(memory.ToArray());
            }

            _bytes = segment.Array!;
            _position = segment.Offset;
            _end = segment.Offset + segment.Count;
            return true;
        }

        return false;
    }

    public override int Peek() => throw new NotSupportedException();

    public override int Read()
    {
        var one = new char[1];
        return Read(one, 0, 1) == 0 ? -1 : one[0];
    }
}
