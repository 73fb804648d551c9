using System.Text.Json.Nodes;
using Xunit;
using PostPress.Testing.Internal;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// Proves the checking machinery can fail: wrong instances are reported invalid against the real document's schemas,
/// and YAML scalars are converted to the right JSON types.
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

    [Fact]
    public void Yaml_scalars_become_the_right_json_types()
    {
        const string yaml = """
            plainTrue: true
            quotedTrue: "true"
            plainInt: 100
            quotedInt: '100'
            negative: -7
            plainFloat: 1.5
            exponent: 1e3
            plainNull: null
            tilde: ~
            empty:
            quotedNull: "null"
            text: hello world
            yes: yes
            date: 2024-01-31
            literal: |
              100
            tagged: !!str 42
            list: [1, "1", false]
            200: status code key
            """;

        var json = YamlToJson.Convert(yaml)!.ToJsonString();

        Assert.Equal(
            """{"plainTrue":true,"quotedTrue":"true","plainInt":100,"quotedInt":"100","negative":-7,"plainFloat":1.5,"exponent":1000,"plainNull":null,"tilde":null,"empty":null,"quotedNull":"null","text":"hello world","yes":"yes","date":"2024-01-31","literal":"100\n","tagged":"42","list":[1,"1",false],"200":"status code key"}""",
            json);
    }

    [Fact]
    public void Yaml_duplicate_keys_are_rejected()
    {
        Assert.ThrowsAny<System.Exception>(() => YamlToJson.Convert("a: 1\na: 2\n"));
    }
}
