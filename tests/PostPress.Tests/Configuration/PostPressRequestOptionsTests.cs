using System;
using System.Linq;
using Xunit;

namespace PostPress.Tests.Configuration;

public sealed class PostPressRequestOptionsTests
{
    private static readonly PostPressClientOptions Client = new("pp_test_client") { Timeout = TimeSpan.FromSeconds(20) };

    [Theory]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\nb")]
    [InlineData("caf\u00e9")]
    [InlineData(" padded")]
    public void A_bad_header_value_is_refused_at_once_without_showing_it(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostPressRequestOptions().AddHeader("X-Note", value));
        Assert.Equal("value", ex.ParamName);
        Assert.DoesNotContain(value, ex.Message);
    }

    [Theory]
    [InlineData("X-API-KEY")]
    [InlineData("x-api-key")]
    [InlineData("Accept")]
    [InlineData("Content-Type")]
    [InlineData("Content-Length")]
    [InlineData("Host")]
    [InlineData("User-Agent")]
    public void Headers_the_sdk_sets_itself_are_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostPressRequestOptions().AddHeader(name, "v"));
        Assert.Contains("set by the SDK", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Bad")]
    [InlineData("X-Bad:")]
    public void A_bad_header_name_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new PostPressRequestOptions().AddHeader(name, "v"));
    }

    [Fact]
    public void Null_header_parts_are_refused_with_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => new PostPressRequestOptions().AddHeader(null!, "v"));
        Assert.Throws<ArgumentNullException>(() => new PostPressRequestOptions().AddHeader("X-A", null!));
    }

    [Fact]
    public void ToString_shows_neither_the_key_nor_header_values()
    {
        var options = new PostPressRequestOptions { ApiKey = "pp_test_TOSTRING_SECRET", MaxRetries = 1 }.AddHeader("X-Token", "hdr-secret-value");
        var text = options.ToString();
        Assert.DoesNotContain("TOSTRING_SECRET", text);
        Assert.DoesNotContain("hdr-secret-value", text);
        Assert.Contains("ApiKey = (set)", text);
        Assert.Contains("X-Token", text);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void MaxRetries_out_of_range_is_refused_at_resolve(int retries)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PostPressRequestOptions { MaxRetries = retries }.Resolve(Client));
        Assert.Equal("requestOptions.MaxRetries", ex.ParamName);
    }

    [Fact]
    public void An_attempt_timeout_longer_than_the_calls_or_the_clients_overall_timeout_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostPressRequestOptions { AttemptTimeout = TimeSpan.FromSeconds(30) }.Resolve(Client));
        Assert.Throws<ArgumentException>(() => new PostPressRequestOptions { Timeout = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(2) }.Resolve(Client));
        var ok = new PostPressRequestOptions { Timeout = TimeSpan.FromSeconds(40), AttemptTimeout = TimeSpan.FromSeconds(30) }.Resolve(Client);
        Assert.Equal(TimeSpan.FromSeconds(30), ok.AttemptTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pp key")]
    [InlineData("pp_\u00e9")]
    public void A_bad_per_call_key_is_refused_without_showing_it(string key)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new PostPressRequestOptions { ApiKey = key }.Resolve(Client));
        Assert.Equal("requestOptions.ApiKey", ex.ParamName);
        if (key.Trim().Length > 0)
        {
            Assert.DoesNotContain(key, ex.Message);
        }
    }

    [Fact]
    public void The_snapshot_does_not_follow_later_changes()
    {
        var options = new PostPressRequestOptions { MaxRetries = 2 }.AddHeader("X-A", "1");
        var call = options.Resolve(Client);
        options.AddHeader("X-B", "2");
        options.MaxRetries = 5;

        Assert.Equal(2, call.MaxRetries);
        Assert.Equal(new[] { "X-A" }, call.Headers!.Select(h => h.Key));
    }
}
