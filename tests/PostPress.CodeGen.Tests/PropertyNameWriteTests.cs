using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>
/// How a generated Json.NET writer writes a member name: unescaped only when no <c>StringEscapeHandling</c> could
/// change it (ASCII letters, digits, <c>_</c>, <c>-</c>, <c>.</c>), escaped by Json.NET otherwise.
/// </summary>
public class PropertyNameWriteTests
{
    [Theory]
    [InlineData("account_id")]
    [InlineData("X-Rate-Limit")]
    [InlineData("a.b")]
    [InlineData("id2")]
    public void Safe_names_skip_the_escape_scan(string name)
    {
        var literal = Naming.CSharpString(name);
        Assert.Equal("writer.WritePropertyName(" + literal + ", false);", ModelEmitterShared.JsonNetPropertyName(literal));
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("<html>")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    [InlineData("")]
    public void Other_names_are_escaped_by_Json_NET(string name)
    {
        var literal = Naming.CSharpString(name);
        Assert.Equal("writer.WritePropertyName(" + literal + ");", ModelEmitterShared.JsonNetPropertyName(literal));
    }
}
