using PostPress;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>
/// <see cref="Validate.IndexOfLoneSurrogate"/>: the first surrogate that is not half of a pair, wherever it sits (the
/// scan jumps to the first surrogate with a vectorized search, then checks pairs one by one), in strings long enough
/// for the vectorized search to cross several blocks.
/// </summary>
public sealed class LoneSurrogateScanTests
{
    // A table in the test, not [InlineData]: xunit serializes theory data as UTF-8, which would turn a lone surrogate
    // into U+FFFD before the test sees it.
    [Fact]
    public void Finds_the_first_unpaired_surrogate()
    {
        var cases = new (string Value, int Expected)[]
        {
            ("", -1),
            ("plain ascii text", -1),
            ("caf\u00e9 \u4e2d\u6587", -1),
            ("\uD83D\uDE00", -1),
            ("a\uD83D\uDE00b\uD83D\uDE00", -1),
            ("\uD800", 0),
            ("\uDC00", 0),
            ("ab\uD800", 2),
            ("ab\uDC00cd", 2),
            ("\uD83D\uDE00\uDC00", 2),
            ("\uD83D\uDE00\uD800x", 2),
            ("\uDE00\uD83D", 0),
            ("x\uD800\uD800\uDC00", 1),
        };
        foreach (var (value, expected) in cases)
        {
            Assert.True(expected == Validate.IndexOfLoneSurrogate(value), "case " + System.Text.Json.JsonSerializer.Serialize(value));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(200)]
    public void Finds_it_after_a_long_prefix_and_skips_pairs_before_it(int prefix)
    {
        var head = new string('a', prefix);
        Assert.Equal(-1, Validate.IndexOfLoneSurrogate(head + "\uD83D\uDE00" + head));
        Assert.Equal(prefix, Validate.IndexOfLoneSurrogate(head + "\uD800" + head));
        Assert.Equal(prefix + 2 + prefix, Validate.IndexOfLoneSurrogate(head + "\uD83D\uDE00" + head + "\uDC00"));
        Assert.Equal(2 * prefix, Validate.IndexOfLoneSurrogate(head + head + "\uD83D"));
    }
}
