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
        Assert.Contains("return Pipeline.SendAsync<global::PostPress.Models.Thing>(PutThingOperation, PutThingRequest(thingId, idempotencyKey, request, xColor, xRetryCount, xDryRun, ifUnmodifiedSince, verbose), null, cancellationToken);", code, StringComparison.Ordinal);
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
    [InlineData("{name: 'X Bad', in: header, schema: {type: string}}", "/name", "not a valid HTTP header name", "PPCG001")]
    [InlineData("{name: X-Ids, in: header, schema: {type: array, items: {type: string}}}", "/schema", "array-typed header", "PPCG014")]
    [InlineData("{name: X-Obj, in: header, schema: {type: string}, style: form}", "", "style: simple", "PPCG014")]
    public void Unsupported_header_parameters_fail_with_their_code(string parameter, string pointer, string says, string code)
    {
        var e = Spec.Fails(
            () => Surface("/x:\n  get: {operationId: getX, tags: [T], parameters: [" + parameter + "], responses: {'204': {description: ok}}}"),
            "#/paths/~1x/get/parameters/0" + pointer);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Equal(code, e.Code);
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
    [Fact]
    public void Responses_without_a_body_return_PostPressResponse_for_201_202_and_204()
    {
        var surface = Surface("""
            /things:
              post: {operationId: createThing, tags: [Things], responses: {'201': {description: created}}}
              put: {operationId: queueThing, tags: [Things], responses: {'202': {description: accepted}}}
              delete: {operationId: deleteThing, tags: [Things], responses: {'204': {description: gone}, '404': {description: missing}}}
            """);
        Assert.All(surface.Resources.Single().Operations, op => Assert.Null(op.ResponseType));
        Assert.All(surface.Resources.Single().Operations, op => Assert.False(op.StreamsResponse));

        var code = OperationEmitter.Emit(surface);
        Assert.Contains("global::System.Threading.Tasks.Task<PostPressResponse> DeleteThingAsync(global::System.Threading.CancellationToken cancellationToken = default)", code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendNoContentAsync(DeleteThingOperation, DeleteThingPath(), null, null, cancellationToken);", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_operation_gets_an_overload_with_request_options_before_the_token_and_keeps_its_signature()
    {
        var surface = Surface("""
            /things:
              get:
                operationId: listThings
                tags: [Things]
                parameters: [{name: filter, in: query, schema: {type: string}}]
                responses: {'204': {description: ok}}
            """);

        var code = OperationEmitter.Emit(surface);

        // The existing signature, unchanged, passes no options.
        Assert.Contains("ListThingsAsync(string? filter = null, global::System.Threading.CancellationToken cancellationToken = default)", code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendNoContentAsync(ListThingsOperation, ListThingsPath(filter), null, null, cancellationToken);", code, StringComparison.Ordinal);

        // The overload: required requestOptions before the token (so the optional parameter before it has no default).
        const string overload = "ListThingsAsync(string? filter, PostPressRequestOptions? requestOptions, global::System.Threading.CancellationToken cancellationToken = default)";
        Assert.Equal(2, CountOf(code, overload)); // the interface and the class
        Assert.Equal(2, CountOf(code, "ListThingsWithResponseAsync(string? filter, PostPressRequestOptions? requestOptions, global::System.Threading.CancellationToken cancellationToken = default)"));
        Assert.Contains("public virtual global::System.Threading.Tasks.Task<PostPressResponse> " + overload, code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendNoContentAsync(ListThingsOperation, ListThingsPath(filter), null, requestOptions, cancellationToken);", code, StringComparison.Ordinal);
        Assert.Contains("/// <param name=\"requestOptions\">", code, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData("application/octet-stream: {schema: {type: string, format: binary}}", "application/octet-stream")]
    [InlineData("application/pdf: {schema: {type: string, format: binary}}", "application/pdf")]
    [InlineData("'image/*': {}", "image/*")]
    [InlineData("text/plain: {schema: {type: string}}", "text/plain")]
    [InlineData("{image/png: {}, image/jpeg: {}}", "image/png, image/jpeg")]
    public void Non_JSON_responses_are_streamed_as_PostPressFileResponse_accepting_their_media_types(string content, string accept)
    {
        var body = content.StartsWith("{", StringComparison.Ordinal) ? content : "{" + content + "}";
        var surface = Surface("""
            /things/{thing_id}/file:
              get:
                operationId: downloadThing
                tags: [Things]
                parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
                responses: {'200': {description: The file., content: CONTENT}}
            """.Replace("CONTENT", body, StringComparison.Ordinal));
        var op = surface.Resources.Single().Operations.Single();
        Assert.True(op.StreamsResponse);
        Assert.Equal(accept, op.ResponseMediaType);
        Assert.Null(op.ResponseType);

        var code = OperationEmitter.Emit(surface);
        Assert.Contains("global::System.Threading.Tasks.Task<PostPressFileResponse> DownloadThingAsync(string thingId, global::System.Threading.CancellationToken cancellationToken = default)", code, StringComparison.Ordinal);
        Assert.Contains("global::System.Threading.Tasks.Task<PostPressFileResponse> DownloadThingWithResponseAsync(string thingId,", code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendStreamAsync(DownloadThingOperation, DownloadThingRequest(thingId), null, cancellationToken);", code, StringComparison.Ordinal);
        Assert.Contains("call.Accept = " + Naming.CSharpString(accept) + ";", code, StringComparison.Ordinal);
        Assert.Contains("is streamed, unread", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/problem+json: {schema: {type: object}}", "application/problem+json")]
    [InlineData("application/octet-stream: {schema: {type: object, properties: {a: {type: string}}}}", "application/octet-stream")]
    [InlineData("application/json: {example: {a: 1}}, text/plain: {schema: {type: string}}", "application/json, text/plain")]
    [InlineData("application/xml: {schema: {type: object, properties: {a: {type: string}}}}", "application/xml")]
    public void Responses_without_an_application_json_schema_are_streamed_with_every_media_type_accepted(string content, string accept)
    {
        var surface = Surface("/x:\n  get: {operationId: getX, tags: [T], responses: {'200': {description: ok, content: {" + content + "}}}}");

        var op = surface.Resources.Single().Operations.Single();
        Assert.True(op.StreamsResponse);
        Assert.Equal(accept, op.ResponseMediaType);
    }

    [Fact]
    public void A_JSON_response_that_also_offers_other_media_types_reads_JSON_and_names_the_others()
    {
        var surface = Surface("""
            /x:
              get:
                operationId: getX
                tags: [T]
                responses:
                  '200':
                    description: The thing.
                    content:
                      application/xml: {schema: {$ref: '#/components/schemas/Thing'}}
                      application/json: {schema: {$ref: '#/components/schemas/Thing'}}
            """);

        var op = surface.Resources.Single().Operations.Single();
        Assert.False(op.StreamsResponse);
        Assert.Equal("global::PostPress.Models.Thing", op.ResponseType);
        Assert.Contains("also offers application/xml; the SDK asks for and reads application/json", op.ResponseDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_with_an_unparsable_media_type_fails_with_PPCG001()
    {
        var e = Spec.Fails(
            () => Surface("/x:\n  get: {operationId: getX, tags: [T], responses: {'200': {description: ok, content: {'not a type': {}}}}}"),
            "#/paths/~1x/get/responses/200/content");
        Assert.Equal(ErrorCodes.Unsupported, e.Code);
    }
    private const string UploadOperation = """
        /documents:
          post:
            operationId: uploadDocument
            tags: [Documents]
            parameters: [{name: folder, in: query, schema: {type: string}}]
            requestBody:
              required: true
              content:
                multipart/form-data:
                  schema:
                    type: object
                    required: [file, title]
                    properties:
                      file: {type: string, format: binary}
                      attachments: {type: array, maxItems: 5, items: {type: string, format: binary}}
                      title: {type: string, minLength: 1}
                      color: {$ref: '#/components/schemas/Color'}
                      pages: {type: integer, minimum: 1}
                      tags: {type: array, items: {type: string}}
                  encoding: {file: {contentType: application/pdf}}
            responses: {'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
        """;

    [Fact]
    public void Multipart_fields_and_files_become_arguments_and_parts()
    {
        var surface = Surface(UploadOperation);
        var op = surface.Resources.Single().Operations.Single();
        Assert.Equal("multipart", op.BodyKind);
        Assert.Null(op.BodyType);
        Assert.Equal(new[] { "file", "title", "folder", "attachments", "color", "pages", "tags" }, op.Parameters.Select(p => p.Name));
        Assert.Equal("application/pdf", op.Parameters[0].PartContentType);

        var code = OperationEmitter.Emit(surface);
        Assert.Contains("UploadDocumentAsync(global::PostPress.PostPressFile file, string title, string? folder = null, global::System.Collections.Generic.IEnumerable<global::PostPress.PostPressFile>? attachments = null, global::PostPress.Models.Color? color = null, int? pages = null, global::System.Collections.Generic.IEnumerable<string>? tags = null,", code, StringComparison.Ordinal);
        Assert.Contains("Validate.NotNull(file, \"file\");", code, StringComparison.Ordinal);
        Assert.Contains("Validate.Count(list", code, StringComparison.Ordinal);
        Assert.Contains("Validate.Text(title, \"title\", \"title\", minLength: 1, maxLength: null, pattern: null, inUrl: false, pathSegment: false);", code, StringComparison.Ordinal);
        Assert.Contains("parts.File(\"file\", file, \"application/pdf\");", code, StringComparison.Ordinal);
        Assert.Contains("parts.Files(\"attachments\", attachments, null);", code, StringComparison.Ordinal);
        Assert.Contains("parts.Field(\"title\", title, null);", code, StringComparison.Ordinal);
        Assert.Contains("parts.Field(\"pages\", RequestUrl.Format(valuePages), null);", code, StringComparison.Ordinal);
        Assert.Contains("parts.Field(\"tags\", item, null);", code, StringComparison.Ordinal);
        Assert.Contains("call.Content = parts;", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"folder\"", code, StringComparison.Ordinal);
        Assert.DoesNotContain("url.AppendQuery(\"title\"", code, StringComparison.Ordinal);
        Assert.Contains("The body is sent as multipart/form-data", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Multipart_bodies_generate_no_model()
    {
        var model = Spec.Generate(Spec.Doc(Schemas, UploadOperation));
        Assert.False(((System.Text.Json.Nodes.JsonObject)model.Spec.Document["components"]!["schemas"]!).ContainsKey("UploadDocumentRequest"));
    }

    [Fact]
    public void Form_bodies_send_their_properties_as_fields()
    {
        var surface = Surface("""
            /sessions:
              post:
                operationId: createSession
                tags: [Sessions]
                requestBody:
                  required: true
                  content:
                    application/x-www-form-urlencoded:
                      schema: {type: object, required: [username], properties: {username: {type: string}, remember: {type: boolean}, scopes: {type: array, items: {type: string}}}}
                responses: {'204': {description: ok}}
            """);
        var op = surface.Resources.Single().Operations.Single();
        Assert.Equal("form", op.BodyKind);
        Assert.Equal(new[] { "username", "remember", "scopes" }, op.Parameters.Select(p => p.Name));

        var code = OperationEmitter.Emit(surface);
        Assert.Contains("CreateSessionAsync(string username, bool? remember = null, global::System.Collections.Generic.IEnumerable<string>? scopes = null,", code, StringComparison.Ordinal);
        Assert.Contains("fields.Add(new global::System.Collections.Generic.KeyValuePair<string, string?>(\"username\", username));", code, StringComparison.Ordinal);
        Assert.Contains("fields.Add(new global::System.Collections.Generic.KeyValuePair<string, string?>(\"remember\", RequestUrl.Format(valueRemember)));", code, StringComparison.Ordinal);
        Assert.Contains("call.Content = RequestContent.Form(fields);", code, StringComparison.Ordinal);
        Assert.Contains("return Pipeline.SendNoContentAsync(CreateSessionOperation, CreateSessionRequest(username, remember, scopes), null, cancellationToken);", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/octet-stream", "global::System.IO.Stream", "content", "Stream")]
    [InlineData("image/png", "global::System.IO.Stream", "content", "Stream")]
    [InlineData("text/plain", "string", "text", "Text")]
    public void Binary_and_text_bodies_take_a_stream_or_a_string(string mediaType, string type, string name, string factory)
    {
        var surface = Surface("""
            /blobs:
              put:
                operationId: putBlob
                tags: [Blobs]
                requestBody: {required: true, content: {'MEDIA': {schema: {type: string, format: binary}}}}
                responses: {'204': {description: ok}}
            """.Replace("MEDIA", mediaType, StringComparison.Ordinal));
        var op = surface.Resources.Single().Operations.Single();
        Assert.Equal(type, op.BodyType);
        Assert.Equal(name, op.BodyName);

        var code = OperationEmitter.Emit(surface);
        Assert.Contains($"PutBlobAsync({type} {name}, global::System.Threading.CancellationToken cancellationToken = default)", code, StringComparison.Ordinal);
        Assert.Contains($"Validate.NotNull({name}, \"{name}\");", code, StringComparison.Ordinal);
        Assert.Contains($"call.Content = RequestContent.{factory}({name}, \"{mediaType}\");", code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_offering_JSON_and_others_is_sent_as_JSON_and_documents_the_others()
    {
        var surface = Surface("""
            /things:
              post:
                operationId: createThing
                tags: [Things]
                requestBody:
                  required: true
                  content:
                    multipart/form-data: {schema: {type: object, properties: {id: {type: string}}}}
                    application/json: {schema: {$ref: '#/components/schemas/Thing'}}
                responses: {'201': {description: created}}
            """);
        var op = surface.Resources.Single().Operations.Single();
        Assert.Equal("json", op.BodyKind);
        Assert.Equal("global::PostPress.Models.Thing", op.BodyType);
        Assert.Equal(new[] { "multipart/form-data" }, op.OtherBodyMediaTypes);
        Assert.False(op.UsesRequest);
        Assert.Contains("the API also accepts multipart/form-data, which this method does not send.", OperationEmitter.Emit(surface), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded: {schema: {type: object, properties: {f: {type: string, format: binary}}}}", "files need multipart/form-data", "PPCG001")]
    [InlineData("multipart/form-data: {schema: {type: object, properties: {o: {type: object, properties: {a: {type: string}}}}}}", "object-typed fields", "PPCG015")]
    [InlineData("multipart/form-data: {schema: {$ref: '#/components/schemas/Thing'}}", "inline", "PPCG001")]
    [InlineData("multipart/form-data: {schema: {type: object, properties: {c: {type: string, enum: [a, b]}}}}", "$ref to an enum component", "PPCG001")]
    [InlineData("'image/*': {}", "is supported for a request body", "PPCG016")]
    [InlineData("multipart/form-data: {schema: {type: object, properties: {f: {type: string, format: binary}}}, encoding: {f: {contentType: 'image/png, image/jpeg'}}}", "one concrete media type", "PPCG001")]
    public void Unsupported_bodies_fail_with_their_code(string content, string says, string code)
    {
        var e = Spec.Fails(
            () => Surface("/x:\n  post: {operationId: postX, tags: [T], requestBody: {content: {" + content + "}}, responses: {'204': {description: ok}}}"),
            "#/paths/~1x/post/requestBody");
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Equal(code, e.Code);
    }
    [Fact]
    public void NSwag_never_sees_non_JSON_media_types_so_it_generates_no_file_types()
    {
        var doc = Spec.Generate(Spec.Doc(Schemas, UploadOperation + """

            /documents/{id}/content:
              get:
                operationId: downloadDocument
                tags: [Documents]
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                responses: {'200': {description: ok, content: {application/pdf: {schema: {type: string, format: binary}}}}}
            """)).NSwagDocument;
        var text = doc.ToJsonString();
        Assert.DoesNotContain("multipart/form-data", text, StringComparison.Ordinal);
        Assert.DoesNotContain("application/pdf", text, StringComparison.Ordinal);
        Assert.DoesNotContain("binary", text, StringComparison.Ordinal);
    }
    [Fact]
    public void Optional_header_parameters_join_an_options_class_like_optional_query_parameters()
    {
        var code = OperationEmitter.Emit(Surface("""
            /things:
              get:
                operationId: listThings
                tags: [Things]
                x-postpress-options: ListThingsOptions
                parameters:
                  - {name: X-Trace-Id, in: header, required: true, schema: {type: string}}
                  - {name: X-Locale, in: header, schema: {type: string, maxLength: 10}}
                  - {name: q, in: query, schema: {type: string}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
            """));

        Assert.Contains("ListThingsAsync(string xTraceId, ListThingsOptions? options = null,", code, StringComparison.Ordinal);
        Assert.Contains("public string? XLocale { get; set; }", code, StringComparison.Ordinal);
        Assert.Contains("Validate.HeaderValue(\"X-Locale\", options?.XLocale, \"options.XLocale\");", code, StringComparison.Ordinal);
        Assert.Contains("if (options?.XLocale is { } valueXLocale)", code, StringComparison.Ordinal);
        Assert.Contains("call.Header(\"X-Locale\", valueXLocale);", code, StringComparison.Ordinal);
        Assert.Contains("The <c>X-Locale</c> header parameter.", code, StringComparison.Ordinal);
    }
}
