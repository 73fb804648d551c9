using System;
using System.IO;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>The checks on header parameter values and on files to upload, and the file name of a download.</summary>
public sealed class HeaderAndFileArgumentTests
{
    [Theory]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007Fb")]
    [InlineData("café")]
    [InlineData("emoji 😀")]
    public void A_header_value_that_cannot_be_sent_is_an_ArgumentException_naming_the_parameter(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => Validate.HeaderValue("Idempotency-Key", value, "idempotencyKey"));
        Assert.Equal("idempotencyKey", e.ParamName);
        Assert.Contains("Idempotency-Key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_value_with_an_unpaired_surrogate_is_refused()
    {
        var lone = "a" + (char)0xD800 + "b";
        Assert.Equal("xTrace", Assert.Throws<ArgumentException>(() => Validate.HeaderValue("X-Trace", lone, "xTrace")).ParamName);
    }

    [Fact]
    public void A_header_value_over_8_KiB_is_refused_and_one_at_the_cap_passes()
    {
        Validate.HeaderValue("X-Long", new string('a', 8 * 1024), "xLong");
        var e = Assert.Throws<ArgumentException>(() => Validate.HeaderValue("X-Long", new string('a', 8 * 1024 + 1), "xLong"));
        Assert.Equal("xLong", e.ParamName);
    }

    [Theory]
    [InlineData("k-1")]
    [InlineData("tab\there")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_header_values_pass(string? value) => Validate.HeaderValue("X-Value", value, "xValue");

    [Fact]
    public void A_file_needs_a_readable_stream_and_a_plain_name()
    {
        Assert.Throws<ArgumentNullException>(() => new PostPressFile(null!, "a.txt"));
        Assert.Throws<ArgumentNullException>(() => new PostPressFile(new MemoryStream(), null!));
        Assert.Equal("fileName", Assert.Throws<ArgumentException>(() => new PostPressFile(new MemoryStream(), " ")).ParamName);
        Assert.Equal("fileName", Assert.Throws<ArgumentException>(() => new PostPressFile(new MemoryStream(), "a\r\nb.txt")).ParamName);
        Assert.Equal("contentType", Assert.Throws<ArgumentException>(() => new PostPressFile(new MemoryStream(), "a.txt", "not a type")).ParamName);
        var closed = new MemoryStream();
        closed.Dispose();
        Assert.Equal("content", Assert.Throws<ArgumentException>(() => new PostPressFile(closed, "a.txt")).ParamName);

        var file = new PostPressFile(new MemoryStream(), "résumé.pdf", "application/pdf");
        Assert.Equal("résumé.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("\"quoted.txt\"", "quoted.txt")]
    [InlineData("a\r\nb.txt", "ab.txt")]
    [InlineData("..", null)]
    [InlineData("dir/", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void A_server_sent_file_name_is_reduced_to_a_bare_name(string? sent, string? expected)
    {
        Assert.Equal(expected, PostPressFileResponse.SanitizeFileName(sent));
        using var response = new PostPressFileResponse(200, new MemoryStream(), "application/pdf", sent, 0);
        Assert.Equal(expected, response.FileName);
    }
}
