using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The operation extensions for the per-call policies (<see cref="OperationTraits"/>) and the OperationInfo they give.</summary>
public class OperationTraitsTests
{
    private const string Schemas = """
        Thing: {type: object, required: [id], properties: {id: {type: string}}}
        Act: {type: object, required: [account_id], properties: {account_id: {type: string}}}
        """;

    private static SurfaceModel Surface(string paths) =>
        new OperationSurfaceBuilder(Spec.Generate(Spec.Doc(Schemas, paths.Replace("OK_RESPONSES", Ok, System.StringComparison.Ordinal)))).Build();

    private const string Ok = "responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}";

    [Fact]
    public void The_account_key_cost_class_and_duplicate_error_reach_the_operation_info()
    {
        var code = OperationEmitter.Emit(Surface("""
            /things:
              get:
                operationId: listThings
                tags: [Things]
                x-postpress-account-key: account_id
                x-postpress-cost: heavy
                parameters: [{name: account_id, in: query, required: true, schema: {type: string}}]
                OK_RESPONSES
              post:
                operationId: actOnThing
                tags: [Things]
                x-postpress-account-key: account_id
                x-postpress-duplicate-error: errors/action_already_performed
                requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Act'}}}}
                OK_RESPONSES
            /plain:
              get:
                operationId: getPlain
                tags: [Things]
                OK_RESPONSES
            """));

        Assert.Contains("new(\"listThings\", \"GET\", \"/things\") { Tag = \"Things\", AccountKey = \"account_id\", CostClass = \"heavy\" };", code);
        Assert.Contains("new(\"actOnThing\", \"POST\", \"/things\") { Tag = \"Things\", AccountKey = \"account_id\", AccountKeyInBody = true, DuplicateError = \"errors/action_already_performed\" };", code);
        Assert.Contains("new(\"getPlain\", \"GET\", \"/plain\") { Tag = \"Things\" };", code);
    }

    [Theory]
    [InlineData("x-postpress-account-key: account_id", "x-postpress-account-key", "neither a query parameter")]
    [InlineData("x-postpress-account-key: ''", "x-postpress-account-key", "non-empty string")]
    [InlineData("x-postpress-duplicate-error: {a: 1}", "x-postpress-duplicate-error", "non-empty string")]
    [InlineData("x-postpress-cost: 5", "x-postpress-cost", "non-empty string")]
    public void A_bad_extension_fails_naming_its_pointer(string extension, string name, string says)
    {
        var e = Spec.Fails(() => Surface("""
            /x:
              get:
                operationId: getX
                tags: [T]
                EXTENSION
                OK_RESPONSES
            """.Replace("EXTENSION", extension, System.StringComparison.Ordinal)), "#/paths/~1x/get/" + name);
        Assert.Contains(says, e.Message, System.StringComparison.Ordinal);
    }
}
