using System;
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

    private static string ReadAll(ArraySegment<byte> bytes, int chunk)
    {
        var reader = new Utf8BufferReader(bytes);
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
