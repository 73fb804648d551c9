using System;
using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>
/// The operations pass beyond JSON: header parameters, responses without a body or with a binary body, and request
/// bodies in multipart, form, octet-stream and text forms.
/// </summary>
public class OperationContentTests
{
    private const string Schemas = """
        Thing: {type: object, required: [id], properties: {id: {type: string}}}
        Color: {type: string, enum: [RED, BLUE]}
        """;

    private static SurfaceModel Surface(string paths, string schemas = Schemas) =>
        new OperationSurfaceBuilder(Spec.Generate(Spec.Doc(schemas, paths))).Build();

    private static OperationModel Single(string paths) => Surface(paths).Resources.Single().Operations.Single();

    private const string HeaderOperation = """
        /things/{thing_id}:
          put:
            operationId: putThing
            tags: [Things]
            parameters:
              - {name: thing_id, in: path, required: true, schema: {type: string}}
              - {name: Idempotency-Key, in: header, required: true, schema: {type: string, maxLength: 64}}
              - {name: X-Color, in: header, schema: {$ref: '#/components/schemas/Color'}}
              - {name: X-Retry-Count, in: header, schema: {type: integer, minimum: 0}}
              - {name: X-Dry-Run, in: header, schema: {type: boolean}}
              - {name: If-Unmodified-Since, in: header, schema: {type: string, format: date-time}}
              - {name: verbose, in: query, schema: {type: boolean}}
            requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
        """;

    [Fact]
    public void Header_parameters_are_typed_like_query_parameters_and_ordered_required_first()
    {
        var op = Single(HeaderOperation);

        Assert.Equal(new[] { "thingId", "idempotencyKey", "xColor", "xRetryCount", "xDryRun", "ifUnmodifiedSince", "verbose" }, op.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "path", "header", "header", "header", "header", "header", "query" }, op.Parameters.Select(p => p.In));
        Assert.Equal(new[] { "string", "string", "global::PostPress.Models.Color", "int", "bool", "global::System.DateTimeOffset", "bool" }, op.Parameters.Select(p => p.Type));
        Assert.True(op.Parameters[1].Required);
        Assert.False(op.Parameters[2].Required);
        Assert.Equal(64, op.Parameters[1].Rules.MaxLength);
        Assert.True(op.UsesRequest);
    }

    [Fact]
    public void Header_parameters_are_validated_and_carried_on_the_operation_request()
    {
        var code = OperationEmitter.Emit(Surface(HeaderOperation));

        Assert.Contains("PutThingAsync(string thingId, string idempotencyKey, global::PostPress.Models.Thing request, global::PostPress.Models.Color? xColor = null, int? xRetryCount = null, bool? xDryRun = null, global::System.DateTimeOffset? ifUnmodifiedSince = null, bool? verbose = null,", code, StringComparison.Ordinal);
        Assert.Contains("Validate.Text(idempotencyKey, \"idempotencyKey\", \"idempotencyKey\", minLength: null, maxLength: 64, pattern: null, inUrl: false, pathSegment: false);", code, StringComparison.Ordinal);
        Assert.Contains("Validate.HeaderValue(\"Idempotency-Key\", idempotencyKey, \"idempotencyKey\");", code, StringComparison.Ordinal);
        Assert.Contains("Validate.Range((long?)xRetryCount, \"xRetryCount\", \"xRetryCount\", 0L, null, false, false);", code, StringComparison.Ordinal);
        Assert.Contains("call.Header(\"Idempotency-Key\", idempotencyKey);", code, StringComparison.Ordinal);
        Assert.Contains("call.Header(\"X-Color\", valueXColor.ToString());", code, StringComparison.Ordinal);
        Assert.Contains("call.Header(\"X-Dry-Run\", RequestUrl.Format(valueXDryRun));", code, StringComparison.Ordinal);
        Assert.Contains("call.Header(\"If-Unmodified-Since\", RequestUrl.Format(valueIfUnmodifiedSince));", code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendAsync<global::PostPress.Models.Thing>(PutThingOperation, PutThingRequest(thingId, idempotencyKey, request, xColor, xRetryCount, xDryRun, ifUnmodifiedSince, verbose), cancellationToken);", code, StringComparison.Ordinal);
        Assert.Contains("call.JsonBody = request;", code, StringComparison.Ordinal);

        // Headers never reach the URL.
        Assert.DoesNotContain("AppendQuery(\"Idempotency-Key\"", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"verbose\"", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-API-KEY")]
    [InlineData("accept")]
    [InlineData("Content-Type")]
    [InlineData("Content-Length")]
    [InlineData("Host")]
    [InlineData("User-Agent")]
    public void Reserved_header_names_fail_with_PPCG001(string name)
    {
        var e = Spec.Fails(
            () => Surface("/x:\n  get: {operationId: getX, tags: [T], parameters: [{name: " + name + ", in: header, schema: {type: string}}], responses: {'204': {description: ok}}}"),
            "#/paths/~1x/get/parameters/0/name");
        Assert.Contains("set by the SDK itself", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{name: 'X Bad', in: header, schema: {type: string}}", "/name", "not a valid HTTP header name")]
    [InlineData("{name: X-Ids, in: header, schema: {type: array, items: {type: string}}}", "/schema", "array-typed header")]
    [InlineData("{name: X-Obj, in: header, schema: {type: string}, style: form}", "/style", "style: simple")]
    public void Unsupported_header_parameters_fail_with_PPCG001(string parameter, string pointer, string says)
    {
        var e = Spec.Fails(
            () => Surface("/x:\n  get: {operationId: getX, tags: [T], parameters: [" + parameter + "], responses: {'204': {description: ok}}}"),
            "#/paths/~1x/get/parameters/0" + pointer);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_and_a_query_parameter_with_the_same_CSharp_name_fail()
    {
        Spec.Fails(
            () => Surface("""
                /x:
                  get: {operationId: getX, tags: [T], parameters: [{name: trace, in: header, schema: {type: string}}, {name: trace, in: query, schema: {type: string}}], responses: {'204': {description: ok}}}
                """),
            "#/paths/~1x/get/parameters");
    }
}
