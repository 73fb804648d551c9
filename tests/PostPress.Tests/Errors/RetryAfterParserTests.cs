using System;
using System.Net.Http;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>A raw <c>Retry-After</c> the typed header rejects is read as seconds only within a sane range, never overflowing.</summary>
public sealed class RetryAfterParserTests
{
    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("2147483647", 2147483647.0)]
    [InlineData("922337203685.477", null)]
    [InlineData("1e300", null)]
    [InlineData("Infinity", null)]
    [InlineData("NaN", null)]
    [InlineData("-1.5", null)]
    public void Raw_seconds_are_kept_in_range_and_never_overflow(string raw, double? expectedSeconds)
    {
        using var response = new HttpResponseMessage();
        Assert.True(response.Headers.TryAddWithoutValidation("Retry-After", raw));

        var wait = RetryAfterParser.Parse(response.Headers, ErrorResponses.Now);

        Assert.Equal(expectedSeconds, wait?.TotalSeconds);
    }
}
