using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PostPress.Testing.Internal;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>The OpenAPI formats the sandbox and the spec tests share (one implementation, linked into both).</summary>
public sealed class JsonSchemaSupportTests
{
    [Theory]
    [InlineData("byte", "\"aGVsbG8=\"", true)]
    [InlineData("byte", "\"not base64!\"", false)]
    [InlineData("int32", "2147483648", false)]
    [InlineData("int32", "42", true)]
    [InlineData("int64", "9223372036854775808", false)]
    [InlineData("decimal", "1.5", true)]
    [InlineData("float", "1e39", false)]
    [InlineData("double", "1.5", true)]
    public void OpenApi_formats_are_checked(string format, string json, bool valid)
    {
        var registry = new FormatRegistry();
        foreach (var f in JsonSchemaSupport.OpenApiFormats())
        {
            registry.Register(f);
        }

        var schema = JsonSchema.FromText($$"""{"format":"{{format}}"}""");
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { RequireFormatValidation = true, FormatRegistry = registry });

        Assert.Equal(valid, result.IsValid);
    }

    [Theory]
    [InlineData("time", "\"09:14:21\"", true)]
    [InlineData("time", "\"23:59:59.9999999\"", true)]
    [InlineData("time", "\"09:14:21Z\"", false)]
    [InlineData("time", "\"24:00:00\"", false)]
    [InlineData("time", "\"9:14:21\"", false)]
    [InlineData("duration", "\"P1DT2H3M4.5S\"", true)]
    [InlineData("duration", "\"PT0S\"", true)]
    [InlineData("duration", "\"-PT1H\"", true)]
    [InlineData("duration", "\"P1Y\"", false)]
    [InlineData("duration", "\"P1W\"", false)]
    [InlineData("duration", "\"PT\"", false)]
    [InlineData("duration", "\"P\"", false)]
    public void Sdk_formats_are_checked_as_the_sdk_reads_them(string format, string json, bool valid)
    {
        var registry = new FormatRegistry();
        foreach (var f in JsonSchemaSupport.SdkFormats())
        {
            registry.Register(f);
        }

        var schema = JsonSchema.FromText($$"""{"format":"{{format}}"}""");
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { RequireFormatValidation = true, FormatRegistry = registry });

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Formats_used_are_found_at_any_depth()
    {
        var doc = JsonNode.Parse("""{"a":{"format":"int32","b":[{"format":"uuid"}]},"format":7}""");

        Assert.Equal(new[] { "int32", "uuid" }, JsonSchemaSupport.FormatsUsedIn(doc).OrderBy(f => f));
    }
}
