using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// Proves the checking machinery can fail: wrong instances are reported invalid against the real document's schemas.
/// (The YAML loader's cases are tested once, in tests/PostPress.Testing.Tests/SpecReaderTests.cs.)
/// </summary>
public sealed class ValidationMachineryTests
{
    private static readonly string ProblemDetailsPointer = SpecDocument.Pointer("components", "schemas", SpecDocument.ProblemDetailsName);

    [Fact]
    public void ProblemDetails_without_title_is_invalid()
    {
        var instance = JsonNode.Parse("""{ "type": "about:blank", "status": 400, "detail": "no title here" }""");

        var errors = SchemaValidator.Instance.Validate(instance, ProblemDetailsPointer);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains("title", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"a string is not an object\"")]
    [InlineData("42")]
    [InlineData("[]")]
    public void Non_object_is_not_a_ProblemDetails(string json)
    {
        var errors = SchemaValidator.Instance.Validate(JsonNode.Parse(json), ProblemDetailsPointer);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Example_for_an_unknown_schema_pointer_fails_loudly()
    {
        Assert.ThrowsAny<System.Exception>(() => SchemaValidator.Instance.Validate(JsonNode.Parse("{}"), "/components/schemas/__does_not_exist__"));
    }

    [Fact]
    public void Refs_between_components_are_resolved()
    {
        // A schema built only from a $ref to the document must reject what ProblemDetails rejects: the wrapper does
        // not accept everything (which an unresolved or ignored $ref would do).
        var schemaPointer = SpecDocument.Pointer("components", "schemas", SpecDocument.ProblemDetailsName);
        Assert.NotEmpty(SchemaValidator.Instance.Validate(JsonValue.Create(true), schemaPointer));
    }
}
