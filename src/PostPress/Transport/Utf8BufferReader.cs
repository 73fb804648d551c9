using System;
using System.IO;
using System.Text;

namespace PostPress;

/// <summary>
/// A <see cref="TextReader"/> that decodes a UTF-8 byte buffer straight into the reader's own char buffer: Json.NET reads
/// a buffered body through it without the byte and char buffers a <see cref="StreamReader"/> allocates per call. A
/// leading UTF-8 byte order mark is skipped; invalid bytes become U+FFFD as with <see cref="Encoding.UTF8"/>.
/// </summary>
internal sealed class Utf8BufferReader : TextReader
{
    private readonly byte[] _bytes;
    private readonly int _end;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private int _position;
    private char[]? _scratch;
    private char _pending;
    private bool _hasPending;

    public Utf8BufferReader(ArraySegment<byte> bytes)
    {
        _bytes = bytes.Array ?? Array.Empty<byte>();
        _position = bytes.Offset;
        _end = bytes.Offset + bytes.Count;
        if (bytes.Count >= 3 && _bytes[_position] == 0xEF && _bytes[_position + 1] == 0xBB && _bytes[_position + 2] == 0xBF)
        {
            _position += 3;
        }
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
        while (chars == 0 && _position < _end)
        {
            // At most count - 1 bytes: with what the decoder may hold from the previous call they decode into at most
            // count chars. A multi-byte sequence cut by the limit is completed on the next round.
            var byteCount = Math.Min(_end - _position, count - 1);
            var last = _position + byteCount >= _end;
            _decoder.Convert(_bytes, _position, byteCount, buffer, index, count, flush: last, out var bytesUsed, out var charsUsed, out _);
            _position += bytesUsed;
            chars += charsUsed;
        }

        return chars;
    }

    public override int Peek() => throw new NotSupportedException();

    public override int Read()
    {
        var one = new char[1];
        return Read(one, 0, 1) == 0 ? -1 : one[0];
    }
}
