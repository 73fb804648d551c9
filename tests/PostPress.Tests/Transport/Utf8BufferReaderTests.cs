using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>The reader Json.NET parses buffered bodies through decodes exactly what a StreamReader would.</summary>
public sealed class Utf8BufferReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1024)]
    public void Decodes_multibyte_text_whatever_the_read_size(int chunk)
    {
        var text = "{\"name\":\"Zoë 👩‍💻 日本語 \\u00e9\",\"x\":\"" + new string('a', 37) + "€𝄞\"}";
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(text, ReadAll(new ArraySegment<byte>(bytes), chunk));
    }

    [Fact]
    public void Skips_a_byte_order_mark_and_respects_the_segment()
    {
        var payload = Encoding.UTF8.GetBytes("xx\uFEFF{\"a\":1}yy");

        // The segment starts at the BOM (3 bytes) and ends before "yy".
        var segment = new ArraySegment<byte>(payload, 2, payload.Length - 4);

        Assert.Equal("{\"a\":1}", ReadAll(segment, 4));
    }

    [Fact]
    public void Invalid_bytes_become_replacement_characters()
    {
        var bytes = new byte[] { (byte)'"', 0xFF, (byte)'"' };

        Assert.Equal("\"\uFFFD\"", ReadAll(new ArraySegment<byte>(bytes), 8));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 1024)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(5, 7)]
    [InlineData(4096, 1)]
    [InlineData(7, 1024)]
    public void Decodes_multibyte_text_split_across_segments_whatever_the_read_size(int segmentSize, int chunk)
    {
        var text = "{\"name\":\"Zoë 👩‍💻 日本語 \\u00e9\",\"x\":\"" + new string('a', 37) + "€𝄞\"}";
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(text, ReadAll(Segmented(bytes, segmentSize, emptyBetween: false), chunk));
        Assert.Equal(text, ReadAll(Segmented(bytes, segmentSize, emptyBetween: true), chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Skips_a_byte_order_mark_split_across_segments(int segmentSize)
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF{\"a\":\"é\"}");

        Assert.Equal("{\"a\":\"é\"}", ReadAll(Segmented(bytes, segmentSize, emptyBetween: false), 4));
    }

    [Fact]
    public void An_invalid_sequence_cut_at_the_end_of_the_last_segment_becomes_a_replacement_character()
    {
        // "é" is C3 A9: the body ends after C3.
        var bytes = new byte[] { (byte)'"', (byte)'a', 0xC3 };

        Assert.Equal("\"a\uFFFD", ReadAll(Segmented(bytes, 1, emptyBetween: true), 8));
    }

    /// <summary>The bytes as a sequence of segments of <paramref name="size"/> bytes (optionally empty ones between).</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size, bool emptyBetween)
    {
        var parts = new List<byte[]>();
        for (var i = 0; i < bytes.Length; i += size)
        {
            parts.Add(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)).ToArray());
            if (emptyBetween)
            {
                parts.Add(Array.Empty<byte>());
            }
        }

        var first = new Part(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Count; i++)
        {
            last = last.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Part : ReadOnlySequenceSegment<byte>
    {
        public Part(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Part Append(byte[] bytes)
        {
            var next = new Part(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private static string ReadAll(ReadOnlySequence<byte> bytes, int chunk) => ReadAll(new Utf8BufferReader(bytes), chunk);

    private static string ReadAll(ArraySegment<byte> bytes, int chunk) => ReadAll(new Utf8BufferReader(bytes), chunk);

    private static string ReadAll(Utf8BufferReader reader, int chunk)
    {
        var sb = new StringBuilder();
        var buffer = new char[chunk];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            sb.Append(buffer, 0, n);
        }

        return sb.ToString();
    }
}
