using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>
/// Serializes a JSON request body to UTF-8 once per call (retries resend the same bytes), with the model's generated
/// writer (obj/generated/ModelSerializers.g.cs) on a <see cref="JsonTextWriter"/> over a per-thread reusable character
/// buffer (<see cref="CharBufferWriter"/>): per body, only the Json.NET writer and the UTF-8 bytes are allocated.
/// </summary>
internal static class RequestBodySerializer
{
    /// <summary>A buffer grown past this is not kept for the next body (a rare large body does not pin memory).</summary>
    private const int MaxKeptChars = 64 * 1024;

    [ThreadStatic]
    private static CharBufferWriter? _spare;

    /// <summary>Serializes a request body to UTF-8 (synchronously, on a per-thread reusable buffer).</summary>
    /// <exception cref="ArgumentException">A value of the body has no JSON form (e.g. a <c>format: time</c> member outside
    /// 00:00–24:00, a required member set to null): the caller's value, reported before anything is sent.</exception>
    public static byte[] Serialize(object body)
    {
        // Taken out of its slot while in use: a nested serialization on this thread (a caller's converter) gets its own.
        var text = _spare ?? new CharBufferWriter();
        _spare = null;
        text.Reset();
        try
        {
            // CloseOutput = false: the buffer outlives the writer.
            using (var writer = new JsonTextWriter(text) { ArrayPool = JsonCharPool.Instance, CloseOutput = false })
            {
                // The model's generated writer, called directly (UntypedJson: the model itself through its generated
                // writer; values of no declared type and subclasses the SDK does not know without reflection, only a
                // caller's arbitrary CLR object through Json.NET's, and never under Native AOT or trimming).
                Serialization.UntypedJson.Write(writer, body);
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The request body cannot be written as JSON: " + ex.Message, "body", ex);
        }

        // UTF-8 straight from the buffer's characters, exactly sized.
        var bytes = text.ToUtf8();
        if (text.Capacity <= MaxKeptChars)
        {
            _spare = text;
        }

        return bytes;
    }

    /// <summary>
    /// A <see cref="TextWriter"/> appending to one growable character array (what <see cref="JsonTextWriter"/> calls:
    /// <c>Write(char)</c>, <c>Write(string)</c>, <c>Write(char[], int, int)</c>), reset and reused body after body.
    /// </summary>
    internal sealed class CharBufferWriter : TextWriter
    {
        private char[] _buffer = new char[256];
        private int _length;

        public CharBufferWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        /// <inheritdoc />
        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>The characters the buffer can hold before it grows.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>The characters written since the last <see cref="Reset"/>.</summary>
        public override string ToString() => new(_buffer, 0, _length);

        /// <summary>Forgets what was written (the buffer is kept).</summary>
        public void Reset() => _length = 0;

        /// <summary>What was written, as UTF-8 bytes in an array of exactly their length.</summary>
        public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_buffer, 0, _length);

        /// <inheritdoc />
        public override void Write(char value)
        {
            if (_length == _buffer.Length)
            {
                Grow(1);
            }

            _buffer[_length++] = value;
        }

        /// <inheritdoc />
        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            if (_buffer.Length - _length < value.Length)
            {
                Grow(value.Length);
            }

            value.CopyTo(0, _buffer, _length, value.Length);
            _length += value.Length;
        }

        /// <inheritdoc />
        public override void Write(char[] buffer, int index, int count)
        {
            if (_buffer.Length - _length < count)
            {
                Grow(count);
            }

            Array.Copy(buffer, index, _buffer, _length, count);
            _length += count;
        }

        private void Grow(int needed)
        {
            var size = Math.Max(_buffer.Length * 2, _length + needed);
            var next = new char[size];
            Array.Copy(_buffer, next, _length);
            _buffer = next;
        }
    }
}
