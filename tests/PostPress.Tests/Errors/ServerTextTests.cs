using System;
using System.Linq;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>
/// <see cref="ServerText.Neutralize"/> escapes every character that can forge or hide text in a log line, and nothing
/// else; <see cref="ServerText.Redact"/> removes the API key. Both return the same instance when there is nothing to do.
/// </summary>
public sealed class ServerTextTests
{
    private const string Key = "pp_live_K3y_0123456789abcdef";

    [Theory]
    [InlineData("a\rb", "a\\rb")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("\u001B[31mred", "\\u001B[31mred")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("\u001F", "\\u001F")]
    [InlineData("del\u007F", "del\\u007F")]
    [InlineData("c1\u0080\u0085\u009B\u009F", "c1\\u0080\\u0085\\u009B\\u009F")]
    [InlineData("ls\u2028ps\u2029", "ls\\u2028ps\\u2029")]
    [InlineData("\u200E\u200F\u061C", "\\u200E\\u200F\\u061C")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E", "\\u202A\\u202B\\u202C\\u202D\\u202E")]
    [InlineData("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069")]
    [InlineData("evil\u202Etxt.exe", "evil\\u202Etxt.exe")]
    public void Neutralize_escapes_each_unsafe_character_visibly(string text, string expected)
    {
        Assert.Equal(expected, ServerText.Neutralize(text));
    }

    [Fact]
    public void Neutralize_escapes_lone_surrogates_and_keeps_pairs()
    {
        var pair = "\U0001F600"; // one emoji, two UTF-16 units
        Assert.Equal("a" + pair + "b", ServerText.Neutralize("a" + pair + "b"));
        Assert.Equal("a\\uD83Db", ServerText.Neutralize("a\uD83Db"));        // high without low
        Assert.Equal("a\\uDE00b", ServerText.Neutralize("a\uDE00b"));        // low without high
        Assert.Equal("end\\uD83D", ServerText.Neutralize("end\uD83D"));      // high at the end
        Assert.Equal("\\uDE00\\uD83D", ServerText.Neutralize("\uDE00\uD83D")); // reversed pair
    }

    [Fact]
    public void Neutralize_escapes_every_C0_C1_and_DEL_and_only_those_below_U_00A0()
    {
        for (var c = 0; c < 0xA0; c++)
        {
            var text = ((char)c).ToString();
            var unsafeChar = c < 0x20 || (c >= 0x7F && c <= 0x9F);
            var result = ServerText.Neutralize(text);
            if (unsafeChar)
            {
                Assert.StartsWith("\\", result);
                Assert.DoesNotContain((char)c, result);
            }
            else
            {
                Assert.Same(text, result);
            }
        }
    }

    [Theory]
    [InlineData("plain ascii text with \\ backslash and \"quotes\"")]
    [InlineData("Ünïcödé — “quotes” 日本語 \U0001F600")]
    [InlineData("")]
    public void Neutralize_returns_the_same_instance_when_nothing_needs_escaping(string text)
    {
        Assert.Same(text, ServerText.Neutralize(text));
    }

    [Fact]
    public void Neutralize_of_null_is_empty_and_a_second_call_changes_nothing()
    {
        Assert.Equal(string.Empty, ServerText.Neutralize(null));
        var once = ServerText.Neutralize("a\r\nb\u001B\u202E\uD800");
        Assert.Same(once, ServerText.Neutralize(once));
    }

    [Fact]
    public void Neutralize_cuts_to_maxLength_with_a_marker_never_inside_an_escape_or_a_pair()
    {
        Assert.Equal("abc" + ServerText.CutMarker, ServerText.Neutralize("abcdef", 3));
        Assert.Equal("abcdef", ServerText.Neutralize("abcdef", 6));
        Assert.Equal("ab" + ServerText.CutMarker, ServerText.Neutralize("ab\u001Bcd", 5));        // "\u001B" (6 chars) does not fit after "ab"
        Assert.Equal("ab\\u001B" + ServerText.CutMarker, ServerText.Neutralize("ab\u001Bcd", 8));
        Assert.Equal("a" + ServerText.CutMarker, ServerText.Neutralize("a\U0001F600b", 2));      // the pair does not fit
        Assert.Equal("a" + ServerText.CutMarker, ServerText.Neutralize("a\U0001F600\u001B", 2)); // same, on the escaping path
        var longText = new string('x', 10_000);
        Assert.Equal(ServerText.DefaultMaxLength + ServerText.CutMarker.Length, ServerText.Neutralize(longText).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => ServerText.Neutralize("x", 0));
    }

    [Fact]
    public void Neutralize_output_never_holds_an_unsafe_character_for_any_UTF16_unit()
    {
        var random = new Random(20261206);
        for (var i = 0; i < 2000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0, 0x10000)).ToArray();
            var result = ServerText.Neutralize(new string(chars), 1000);
            Assert.True(ServerText.FirstUnsafe(result) < 0, "input " + string.Join(",", chars.Select(c => ((int)c).ToString("X4"))));
        }
    }

    [Fact]
    public void Redact_replaces_every_occurrence_ordinally()
    {
        Assert.Equal("a [REDACTED] b [REDACTED]", ServerText.Redact("a " + Key + " b " + Key, Key));
        Assert.Equal("[REDACTED][REDACTED]", ServerText.Redact(Key + Key, Key));
        var upper = Key.ToUpperInvariant();
        Assert.Same(upper, ServerText.Redact(upper, Key)); // ordinal: another spelling is another string
    }

    [Fact]
    public void Redact_returns_the_same_instance_when_the_key_is_absent_null_or_empty()
    {
        var text = "invalid api key pp_live_K3y_012345678"; // a prefix only
        Assert.Same(text, ServerText.Redact(text, Key));
        var withKey = "x" + Key;
        Assert.Same(withKey, ServerText.Redact(withKey, null));
        Assert.Same(withKey, ServerText.Redact(withKey, string.Empty));
        Assert.Equal(string.Empty, ServerText.Redact(null!, Key));
    }

    [Fact]
    public void Redact_also_covers_the_JSON_escaped_spelling_of_a_key_with_quote_backslash_or_slash()
    {
        const string key = "k/ey\"with\\odd";
        Assert.Equal("{\"d\":\"[REDACTED]\"}", ServerText.Redact("{\"d\":\"k\\/ey\\\"with\\\\odd\"}", key));
        Assert.Equal("raw [REDACTED]", ServerText.Redact("raw " + key, key));
        Assert.Null(ServerText.JsonEscapedKey(Key));
    }

    [Fact]
    public void Redact_finds_the_key_with_any_of_its_characters_spelled_as_a_JSON_unicode_escape()
    {
        const string key = "ab+c/d";
        Assert.Equal("\"[REDACTED]\"", ServerText.Redact("\"ab\\u002Bc\\/d\"", key));          // System.Text.Json's default escaping of +
        Assert.Equal("x [REDACTED] y", ServerText.Redact("x \\u0061\\u0062\\u002bc/\\u0064 y", key)); // every character, lower-case hex
        Assert.Equal("[REDACTED]\\n[REDACTED]", ServerText.Redact(key + "\\n" + key, key));
        var near = "ab\\u002Bc\\/e and ab\\u002";
        Assert.Same(near, ServerText.Redact(near, key));
    }

    [Fact]
    public void Redact_then_Neutralize_leaves_neither_the_key_nor_a_control_character()
    {
        var text = "invalid api key " + Key + "\r\nFAKE LOG LINE \u001B[2J";
        var safe = ServerText.Neutralize(ServerText.Redact(text, Key), 1000);
        Assert.DoesNotContain(Key, safe);
        Assert.Equal("invalid api key [REDACTED]\\r\\nFAKE LOG LINE \\u001B[2J", safe);
    }
}
