using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>
/// <c>Validate.HeaderName</c> / <c>Validate.HeaderValue</c>, the checks of every header value a caller influences, and
/// their use on <see cref="PostPressClientOptions.ApplicationId"/> (User-Agent) and the API key.
/// </summary>
public sealed class HeaderValidationTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private const string Secret = "s3cr3t";

    // Built in the test (xunit would turn a lone surrogate in theory data into U+FFFD).
    private static readonly Dictionary<string, (string Value, string Reason)> BadValues = new()
    {
        ["CR LF (header injection)"] = (Secret + "\r\nX-Injected: 1", "line break"),
        ["a lone LF"] = (Secret + "\nw", "line break"),
        ["a lone CR"] = (Secret + "\rw", "line break"),
        ["NUL"] = (Secret + "\0w", "control character"),
        ["another C0 control (ESC)"] = (Secret + "\u001Bw", "control character"),
        ["DEL"] = (Secret + "\u007Fw", "control character"),
        ["a lone high surrogate"] = (Secret + "\uD800", "unpaired surrogate"),
        ["a lone low surrogate"] = ("\uDC00" + Secret, "unpaired surrogate"),
        ["a well-formed non-ASCII character"] = (Secret + "caf\u00E9", "non-ASCII"),
        ["an emoji (a surrogate pair)"] = (Secret + "\uD83D\uDE00", "non-ASCII"),
        ["a leading space"] = (" " + Secret, "white space"),
        ["a trailing tab"] = (Secret + "\t", "white space"),
        ["too long"] = (Secret + new string('v', Validate.MaxHeaderValueLength), "limited to 8192"),
    };

    public static TheoryData<string> BadValueNames() => new(BadValues.Keys);

    [Theory]
    [MemberData(nameof(BadValueNames))]
    public void HeaderValue_refuses_naming_the_parameter_without_echoing_the_value(string name)
    {
        var (value, reason) = BadValues[name];

        var ex = Assert.Throws<ArgumentException>(() => Validate.HeaderValue("X-Custom", value, "customValue"));

        Assert.Equal("customValue", ex.ParamName);
        Assert.Contains("X-Custom", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.True(Validate.IndexOfLoneSurrogate(ex.Message) < 0);
        Assert.DoesNotContain('\r', ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-value_1.0")]
    [InlineData("with inner spaces and\ttab")]
    [InlineData("!#$%&'*+-.^_`|~\"(),/:;<=>?@[\\]{}")]
    public void HeaderValue_accepts_visible_ASCII_inner_spaces_tabs_and_empty(string value)
    {
        Validate.HeaderValue("X-Custom", value, "customValue");
    }

    [Fact]
    public void HeaderValue_accepts_null_and_the_longest_allowed_value()
    {
        Validate.HeaderValue("X-Custom", null, "customValue");
        Validate.HeaderValue("X-Custom", new string('v', Validate.MaxHeaderValueLength), "customValue");
    }

    [Theory]
    [InlineData("X-Request-Id")]
    [InlineData("x-api-key")]
    [InlineData("!#$%&'*+-.^_`|~09azAZ")]
    public void HeaderName_accepts_RFC_9110_tokens(string name)
    {
        Validate.HeaderName(name, "headerName");
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("X Custom", "U+0020")]
    [InlineData("X-Custom:", "U+003A")]
    [InlineData("X-Custom\r\n", "U+000D")]
    [InlineData("X-(Custom)", "U+0028")]
    [InlineData("X-Caf\u00E9", "U+00E9")]
    [InlineData("X-\"q\"", "U+0022")]
    public void HeaderName_refuses_what_is_not_a_token_naming_the_parameter(string name, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => Validate.HeaderName(name, "headerName"));

        Assert.Equal("headerName", ex.ParamName);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderName_refuses_null_a_lone_surrogate_and_an_overlong_name()
    {
        Assert.Equal("headerName", Assert.Throws<ArgumentNullException>(() => Validate.HeaderName(null, "headerName")).ParamName);
        var surrogate = Assert.Throws<ArgumentException>(() => Validate.HeaderName("X-\uD800", "headerName"));
        Assert.Contains("U+D800", surrogate.Message, StringComparison.Ordinal);
        Assert.True(Validate.IndexOfLoneSurrogate(surrogate.Message) < 0);
        var longName = Assert.Throws<ArgumentException>(() => Validate.HeaderName(new string('x', Validate.MaxHeaderNameLength + 1), "headerName"));
        Assert.Contains("limited to 256", longName.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadApplicationIds() => new()
    {
        "CR LF injection",
        "a comment with a control character",
        "a comment with a lone surrogate",
        "a non-ASCII comment",
        "a comment with a line break",
        "too long",
        "not a product token",
    };

    [Theory]
    [MemberData(nameof(BadApplicationIds))]
    public void A_bad_ApplicationId_is_refused_when_the_client_is_created(string name)
    {
        var applicationId = name switch
        {
            "CR LF injection" => "my-app/1.0\r\nX-Injected: 1",
            "a comment with a control character" => "(build\u0001)",
            "a comment with a lone surrogate" => "(\uD800)",
            "a non-ASCII comment" => "(caf\u00E9)",
            "a comment with a line break" => "(a\r\n b)",
            "too long" => "my-app/" + new string('1', Validate.MaxHeaderValueLength),
            _ => "my app",
        };

        var ex = Assert.Throws<ArgumentException>(() => new PostPressClient(_api.Options(o => o.ApplicationId = applicationId)));

        Assert.Equal(nameof(PostPressClientOptions.ApplicationId), ex.ParamName);
        Assert.DoesNotContain('\r', ex.Message);
        Assert.True(Validate.IndexOfLoneSurrogate(ex.Message) < 0);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task A_valid_ApplicationId_is_sent_in_the_User_Agent()
    {
        using var server = new RawHttpServer((request, connection) => connection.Respond(404, "{}"));
        using var client = new PostPressClient(RawOptions.For(server, configure: o =>
        {
            o.ApplicationId = "my-app/1.0";
            o.MaxRetries = 0;
        }));

        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Accounts.GetAsync("acc_1"));

        var userAgent = Assert.Single(server.Requests).Header("User-Agent")!;
        Assert.StartsWith("postpress-dotnet/", userAgent, StringComparison.Ordinal);
        Assert.EndsWith(" my-app/1.0", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_API_key_is_refused_without_showing_it()
    {
        var key = "pp_" + new string('k', Validate.MaxHeaderValueLength);

        var ex = Assert.Throws<ArgumentException>(() => new PostPressClient(_api.Options(o => o.ApiKey = key)));

        Assert.Equal(nameof(PostPressClientOptions.ApiKey), ex.ParamName);
        Assert.DoesNotContain("kkkkkkkk", ex.Message, StringComparison.Ordinal);
    }
}
