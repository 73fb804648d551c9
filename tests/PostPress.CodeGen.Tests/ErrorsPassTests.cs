using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The errors pass: the status → exception mapping generated from the statuses the spec documents.</summary>
public class ErrorsPassTests
{
    private const string Schemas = """
        Problem: {type: object, properties: {type: {type: string}, title: {type: string}}}
        """;

    private const string Paths = """
        /things/{id}:
          get:
            operationId: getThing
            tags: [Things]
            responses:
              '200': {description: ok}
              '404': {description: gone, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}
              '409': {description: conflict}
              '418': {description: teapot}
              '4XX': {description: any other client error}
              default: {description: anything}
          put:
            operationId: putThing
            tags: [Things]
            responses:
              '204': {description: done}
              '409': {$ref: '#/components/responses/Conflict'}
              '502': {description: bad gateway, x-postpress-exception: UpstreamBrokeException}
        """;

    private static System.Text.Json.Nodes.JsonObject Doc(string paths = Paths)
    {
        var doc = Spec.Doc(Schemas, paths);
        doc["components"]!["responses"] = new System.Text.Json.Nodes.JsonObject { ["Conflict"] = new System.Text.Json.Nodes.JsonObject { ["description"] = "conflict" } };
        return doc;
    }

    [Fact]
    public void Every_documented_error_status_gets_its_class_from_the_convention_the_extension_or_its_code()
    {
        var statuses = ErrorsEmitter.Collect(Doc());

        Assert.Equal(new[] { 404, 409, 418, 502 }, statuses.Select(s => s.Status));
        Assert.Equal(new[] { "NotFoundException", "ConflictException", "Status418Exception", "UpstreamBrokeException" }, statuses.Select(s => s.ClassName));
        Assert.Equal(new[] { "getThing", "putThing" }, statuses.Single(s => s.Status == 409).OperationIds);
    }

    [Fact]
    public void The_emitted_map_creates_each_class_and_the_base_for_anything_else()
    {
        var code = ErrorsEmitter.Emit(ErrorsEmitter.Collect(Doc()));

        Assert.Contains("public partial class ConflictException : PostPressApiException", code);
        Assert.Contains("public ConflictException(PostPressErrorDetails details) : base(details) { }", code);
        Assert.Contains("409 => new ConflictException(details),", code);
        Assert.Contains("418 => new Status418Exception(details),", code);
        Assert.Contains("_ => new PostPressApiException(details),", code);
        Assert.Contains("/// Documented by <c>getThing</c>, <c>putThing</c>.", code);
        Assert.DoesNotContain("4XX", code);
    }

    [Fact]
    public void The_real_spec_keeps_the_ten_exception_types_of_the_first_release()
    {
        var statuses = ErrorsEmitter.Collect(YamlJson.Load("openapi/postpress.yaml"));
        Assert.Equal(
            new[]
            {
                "BadRequestException", "PostPressAuthenticationException", "PermissionDeniedException", "NotFoundException",
                "UnprocessableEntityException", "RateLimitException", "InternalServerException", "FeatureNotImplementedException",
                "ServiceUnavailableException", "GatewayTimeoutException",
            },
            statuses.Select(s => s.ClassName));
    }

    [Fact]
    public void Conflicting_or_clashing_names_fail_with_the_pointer()
    {
        Spec.Fails(() => ErrorsEmitter.Collect(Doc(Paths.Replace("'418': {description: teapot}", "'418': {description: teapot, x-postpress-exception: ConflictException}"))), "#/paths/~1things~1{id}/get/responses/418");
        Spec.Fails(() => ErrorsEmitter.Collect(Doc(Paths.Replace("x-postpress-exception: UpstreamBrokeException", "x-postpress-exception: upstream"))), "#/paths/~1things~1{id}/put/responses/502/x-postpress-exception");
        Spec.Fails(() => ErrorsEmitter.Collect(Doc(Paths.Replace("x-postpress-exception: UpstreamBrokeException", "x-postpress-exception: PostPressTimeoutException"))), "#/paths/~1things~1{id}/put/responses/502");
        Spec.Fails(() => ErrorsEmitter.Collect(Doc(), new[] { "ConflictException" }), "#/paths/~1things~1{id}/get/responses/409");
    }
}
