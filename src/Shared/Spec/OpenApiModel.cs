using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace PostPress.Spec;

/// <summary>
/// The one spec reader of the repository (the sandbox, the generator and the tests compile this file; see
/// build/README.md, "One spec reader"): the parts of an OpenAPI 3.1 document that are read the same way everywhere,
/// namely operations (method, path, parameters, body, responses, examples, documented error statuses and codes, the
/// <c>x-postpress-*</c> extensions), the document-wide error codes, the server base path and the API key header, plus
/// JSON Pointer and local <c>$ref</c> helpers over the JSON tree <see cref="YamlJson"/> loads. Read generically from the
/// document, never from per-operation code.
/// </summary>
internal sealed class OpenApiModel
{
    public const string PaginationExtension = "x-postpress-pagination";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private OpenApiModel(JsonObject root)
    {
        Root = root;
        BasePath = ReadBasePath(root);
        ApiKeyHeader = ReadApiKeyHeader(root);
        GlobalCodes = ReadGlobalCodes(root);
        Operations = ReadOperations().ToList();
    }

    public JsonObject Root { get; }

    /// <summary>The path of the first server URL (<c>/api/v1</c>), under which every operation is served.</summary>
    public string BasePath { get; }

    /// <summary>The header of the <c>apiKey</c> security scheme (<c>X-API-KEY</c>), or null when none is documented.</summary>
    public string? ApiKeyHeader { get; }

    /// <summary>Every <c>errors/...</c> code of the <c>ErrorType</c> component with the status its description names.</summary>
    public IReadOnlyList<ErrorCode> GlobalCodes { get; }

    public IReadOnlyList<OperationModel> Operations { get; }

    /// <summary>Reads a YAML or JSON document (see <see cref="YamlJson"/>).</summary>
    /// <exception cref="InvalidDataException">The text is not valid YAML/JSON, has no <c>paths</c> or cannot be read.</exception>
    public static OpenApiModel Load(string yamlOrJson)
    {
        JsonNode? root;
        try
        {
            root = YamlJson.ParseNode(yamlOrJson);
        }
        catch (SpecException e)
        {
            throw new InvalidDataException("The OpenAPI document is not valid YAML/JSON: " + e.Message, e);
        }

        if (root is not JsonObject obj || obj["paths"] is not JsonObject)
        {
            throw new InvalidDataException("The OpenAPI document has no 'paths' object.");
        }

        return FromDocument(obj);
    }

    /// <summary>Reads a document already loaded as JSON (the generator passes its normalised document).</summary>
    /// <exception cref="InvalidDataException">The document cannot be read.</exception>
    public static OpenApiModel FromDocument(JsonObject document)
    {
        try
        {
            return new OpenApiModel(document);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("The OpenAPI document could not be read: " + e.Message, e);
        }
    }

    /// <summary>The node at a JSON Pointer (<c>/components/schemas/X</c>, also as a fragment <c>#/components/schemas/X</c>), or null.</summary>
    public JsonNode? At(string pointer) => TryAt(pointer, out var node) ? node : null;

    /// <summary>
    /// Whether a JSON Pointer (RFC 6901; <c>""</c> is the root, a leading <c>#</c> is allowed) names a member of the
    /// document; <paramref name="node"/> is that member, which may be JSON null.
    /// </summary>
    public bool TryAt(string pointer, out JsonNode? node)
    {
        node = Root;
        if (pointer.StartsWith('#'))
        {
            pointer = pointer.Substring(1);
        }

        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            node = null;
            return false;
        }

        foreach (var raw in pointer.Substring(1).Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            switch (node)
            {
                case JsonObject o when o.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                    node = a[i];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Follows local <c>$ref</c>s; returns the target (null when a reference leads nowhere) and its pointer.
    /// </summary>
    /// <exception cref="InvalidDataException">A reference is not local (<c>#/...</c>), or the references form a cycle.</exception>
    public (JsonNode? Node, string Pointer) Resolve(JsonNode? node, string pointer)
    {
        HashSet<string>? seen = null;
        while (node is JsonObject o && o["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference))
        {
            if (!reference.StartsWith('#'))
            {
                throw new InvalidDataException($"Only local references are supported: '{reference}' at {pointer}.");
            }

            if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(pointer))
            {
                throw new InvalidDataException($"Circular $ref chain at '{pointer}'.");
            }

            pointer = Uri.UnescapeDataString(reference.Substring(1));
            node = At(pointer);
        }

        return (node, pointer);
    }

    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    public static string? GetString(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private IEnumerable<OperationModel> ReadOperations()
    {
        foreach (var (path, pathItemNode) in Root["paths"] as JsonObject ?? new JsonObject())
        {
            var pathPointer = "/paths/" + Escape(path);
            var (pathItem, resolvedPathPointer) = Resolve(pathItemNode, pathPointer);
            if (pathItem is not JsonObject item)
            {
                continue;
            }

            foreach (var method in Methods)
            {
                if (item[method] is JsonObject op)
                {
                    yield return ReadOperation(path, method, op, resolvedPathPointer + "/" + method, item, resolvedPathPointer);
                }
            }
        }
    }

    private OperationModel ReadOperation(string path, string method, JsonObject op, string pointer, JsonObject pathItem, string pathPointer)
    {
        var operationId = GetString(op, "operationId") ?? (method.ToUpperInvariant() + " " + path);
        // Path-level parameters first, then the operation's; one declared again (same name and location) replaces the
        // earlier one and takes its own place in the order (as the generator orders the method's arguments).
        var parameters = new List<ParameterModel>();
        var problems = new List<SpecProblem>();
        void AddParameters(JsonNode? list, string listPointer)
        {
            if (list is not JsonArray array)
            {
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var declaredPointer = listPointer + "/" + i.ToString(CultureInfo.InvariantCulture);
                if (array[i] is not JsonObject)
                {
                    problems.Add(new SpecProblem(declaredPointer, "not an object."));
                    continue;
                }

                var (p, pPointer) = Resolve(array[i], declaredPointer);
                if (p is not JsonObject param)
                {
                    problems.Add(new SpecProblem(declaredPointer + "/$ref", $"'{GetString(array[i], "$ref")}' does not exist."));
                    continue;
                }

                if (GetString(param, "name") is not { } name)
                {
                    problems.Add(new SpecProblem(declaredPointer + "/name", "missing."));
                    continue;
                }

                if (GetString(param, "in") is not { } location)
                {
                    problems.Add(new SpecProblem(declaredPointer + "/in", "missing."));
                    continue;
                }

                var (schema, schemaPointer) = Resolve(param["schema"], pPointer + "/schema");
                parameters.RemoveAll(x => x.Name == name && x.In == location);
                parameters.Add(new ParameterModel(
                    name,
                    location,
                    param["required"]?.GetValue<bool>() == true || location == "path",
                    schema as JsonObject,
                    schema is null ? null : schemaPointer,
                    GetString(param, "style") ?? (location is "query" or "cookie" ? "form" : "simple"),
                    param["explode"] is JsonValue ev && ev.TryGetValue<bool>(out var explode) ? explode : (GetString(param, "style") ?? "form") == "form")
                {
                    Node = param,
                    Pointer = declaredPointer,
                    Deprecated = IsTrue(param["deprecated"]),
                });
            }
        }

        AddParameters(pathItem["parameters"], pathPointer + "/parameters");
        AddParameters(op["parameters"], pointer + "/parameters");

        RequestBodyModel? body = null;
        var (requestBody, bodyPointer) = Resolve(op["requestBody"], pointer + "/requestBody");
        if (requestBody is JsonObject rb && rb["content"] is JsonObject content && content.Count > 0)
        {
            var required = rb["required"]?.GetValue<bool>() == true;
            var mediaTypes = content.Select(c => c.Key).ToList();
            var media = content.Select(c => new MediaTypeModel(c.Key, c.Value as JsonObject, bodyPointer + "/content/" + Escape(c.Key))).ToList();
            var description = GetString(rb, "description");
            var mediaType = content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase));
            if (mediaType.Value is JsonObject jsonMedia)
            {
                var mediaPointer = bodyPointer + "/content/" + Escape(mediaType.Key);
                body = new RequestBodyModel(
                    required,
                    jsonMedia["schema"] is null ? null : mediaPointer + "/schema",
                    ReadExamples(jsonMedia, mediaPointer))
                { MediaTypes = mediaTypes, Content = media, Description = description };
            }
            else
            {
                // Multipart and form bodies: their object schema's properties are the fields (inline or a $ref).
                var form = content.FirstOrDefault(c => c.Key.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) || c.Key.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
                string? formPointer = null;
                JsonObject? formSchema = null;
                if (form.Value is JsonObject formMedia && formMedia["schema"] is not null)
                {
                    var (resolved, resolvedPointer) = Resolve(formMedia["schema"], bodyPointer + "/content/" + Escape(form.Key) + "/schema");
                    formSchema = resolved as JsonObject;
                    formPointer = resolvedPointer;
                }

                body = new RequestBodyModel(required, null, []) { MediaTypes = mediaTypes, Content = media, Description = description, FormSchema = formSchema, FormSchemaPointer = formPointer };
            }
        }

        int? successStatus = null;
        string? successSchema = null;
        string? successMediaType = null;
        string? successFileExample = null;
        IReadOnlyList<NamedExample> successExamples = [];
        var errors = new Dictionary<int, ErrorResponseModel>();
        var responseList = new List<ResponseModel>();
        if (op["responses"] is JsonObject responses)
        {
            foreach (var (statusText, responseNode) in responses)
            {
                var responsePointer = pointer + "/responses/" + Escape(statusText);
                var parsed = int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var status);
                JsonNode? response;
                string resolvedResponsePointer;
                try
                {
                    (response, resolvedResponsePointer) = Resolve(responseNode, responsePointer);
                }
                catch (InvalidDataException) when (!parsed)
                {
                    // A 2XX or default response the sandbox never serves: an unreadable reference there is not fatal.
                    (response, resolvedResponsePointer) = (null, responsePointer);
                }

                responseList.Add(new ResponseModel(
                    statusText,
                    parsed ? status : null,
                    response as JsonObject,
                    responsePointer,
                    GetString(response, "description"),
                    (response as JsonObject)?["content"] is JsonObject responseContent
                        ? responseContent.Select(c => new MediaTypeModel(c.Key, c.Value as JsonObject, resolvedResponsePointer + "/content/" + Escape(c.Key))).ToList()
                        : []));
                if (!parsed)
                {
                    continue;
                }

                var media = (response as JsonObject)?["content"] is JsonObject rc
                    ? rc.FirstOrDefault(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase))
                    : default;
                var mediaPointer = resolvedResponsePointer + "/content/" + (media.Key is null ? string.Empty : Escape(media.Key));
                if (status is >= 200 and < 300)
                {
                    if (successStatus is null || status < successStatus)
                    {
                        successStatus = status;
                        successMediaType = null;
                        successFileExample = null;
                        if (media.Key is null && (response as JsonObject)?["content"] is JsonObject { Count: > 0 } other)
                        {
                            // A binary (or other non-JSON) body: served as an example file of that media type.
                            var first = other.First();
                            successMediaType = first.Key;
                            successFileExample = (first.Value as JsonObject)?["example"] is JsonValue ex && ex.TryGetValue<string>(out var text) ? text : null;
                        }

                        successSchema = media.Value is JsonObject m && m["schema"] is not null ? mediaPointer + "/schema" : null;
                        successExamples = media.Value is JsonObject m2 ? ReadExamples(m2, mediaPointer) : [];
                    }
                }
                else if (status >= 400)
                {
                    var schema = media.Value is JsonObject m ? m["schema"] : null;
                    var codes = new List<ErrorCode>();
                    CollectCodes(schema, mediaPointer + "/schema", status, codes, 0);
                    var examples = media.Value is JsonObject m3 ? ReadExamples(m3, mediaPointer) : [];
                    var exampleTitle = examples.Select(e => GetString(e.Value, "title")).FirstOrDefault(t => t is not null);
                    if (codes.Count == 0)
                    {
                        foreach (var example in examples)
                        {
                            if (GetString(example.Value, "type") is { } type)
                            {
                                codes.Add(new ErrorCode(type, status, GetString(example.Value, "detail")));
                            }
                        }
                    }

                    errors[status] = new ErrorResponseModel(status, codes, exampleTitle, GetString(response, "description"));
                }
            }
        }

        PaginationModel? pagination = null;
        if (op[PaginationExtension] is JsonObject pg)
        {
            pagination = new PaginationModel(
                GetString(pg, "cursorParameter") ?? "cursor",
                GetString(pg, "itemsField") ?? "items",
                GetString(pg, "nextCursorField") ?? "cursor",
                GetString(pg, "limitParameter"));
        }

        var requiresApiKey = ApiKeyHeader is not null
            && !(op["security"] is JsonArray opSecurity && opSecurity.Count == 0)
            && (op["security"] is JsonArray || Root["security"] is JsonArray { Count: > 0 });
        return new OperationModel(
            requiresApiKey,
            operationId,
            method.ToUpperInvariant(),
            path,
            pointer,
            parameters,
            body,
            successStatus ?? 200,
            successSchema,
            successExamples,
            errors,
            pagination,
            op["x-postpress-account-key"] is JsonValue accountKey && accountKey.TryGetValue<string>(out var ak) ? ak : null,
            op["x-postpress-duplicate-error"] is JsonValue duplicate && duplicate.TryGetValue<string>(out var de) ? de : null)
        {
            SuccessMediaType = successMediaType,
            SuccessFileExample = successFileExample,
            Node = op,
            Deprecated = IsTrue(op["deprecated"]),
            Responses = responseList,
            SuccessResponse = responseList.FirstOrDefault(r => r.Status == successStatus),
            DeclaresRequestBody = op.ContainsKey("requestBody"),
            ParameterProblems = problems,
        };
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private IReadOnlyList<NamedExample> ReadExamples(JsonObject media, string mediaPointer)
    {
        var result = new List<NamedExample>();
        if (media["examples"] is JsonObject examples)
        {
            foreach (var (name, exampleNode) in examples)
            {
                var (example, _) = Resolve(exampleNode, mediaPointer + "/examples/" + Escape(name));
                if (example is JsonObject e && e.ContainsKey("value"))
                {
                    result.Add(new NamedExample(name, e["value"], GetString(e, "summary")));
                }
            }
        }

        if (media.ContainsKey("example"))
        {
            result.Add(new NamedExample("example", media["example"], null));
        }

        return result;
    }

    /// <summary>The <c>type</c> codes an error schema narrows to (an <c>enum</c>/<c>const</c> on <c>type</c>, through <c>allOf</c> and references).</summary>
    private void CollectCodes(JsonNode? schemaNode, string pointer, int status, List<ErrorCode> codes, int depth)
    {
        var (schema, _) = Resolve(schemaNode, pointer);
        if (schema is not JsonObject s || depth > 8)
        {
            return;
        }

        if (s["allOf"] is JsonArray all)
        {
            for (var i = 0; i < all.Count; i++)
            {
                CollectCodes(all[i], pointer + "/allOf/" + i.ToString(CultureInfo.InvariantCulture), status, codes, depth + 1);
            }
        }

        if (s["properties"] is JsonObject props && props["type"] is JsonObject type)
        {
            var descriptions = type["x-enum-descriptions"] as JsonArray;
            if (type["enum"] is JsonArray values)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i] is JsonValue v && v.TryGetValue<string>(out var code) && codes.All(c => c.Code != code))
                    {
                        var description = descriptions is not null && i < descriptions.Count ? descriptions[i]?.GetValue<string>() : null;
                        codes.Add(new ErrorCode(code, status, description ?? GlobalCodes.FirstOrDefault(g => g.Code == code)?.Description));
                    }
                }
            }
            else if (GetString(type, "const") is { } constant && codes.All(c => c.Code != constant))
            {
                codes.Add(new ErrorCode(constant, status, GlobalCodes.FirstOrDefault(g => g.Code == constant)?.Description));
            }
        }
    }

    private static string ReadBasePath(JsonObject root)
    {
        var url = root["servers"] is JsonArray servers && servers.Count > 0 ? GetString(servers[0], "url") : null;
        if (url is null)
        {
            return string.Empty;
        }

        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        path = path.TrimEnd('/');
        return path.Length == 0 || path[0] == '/' ? path : "/" + path;
    }

    private static string? ReadApiKeyHeader(JsonObject root)
    {
        if (root["components"]?["securitySchemes"] is not JsonObject schemes)
        {
            return null;
        }

        foreach (var (_, scheme) in schemes)
        {
            if (GetString(scheme, "type") == "apiKey" && GetString(scheme, "in") == "header" && GetString(scheme, "name") is { } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Codes of the <c>ErrorType</c> component: their status is read from descriptions such as "HTTP 400. ...".</summary>
    private static List<ErrorCode> ReadGlobalCodes(JsonObject root)
    {
        var result = new List<ErrorCode>();
        if (root["components"]?["schemas"]?["ErrorType"] is not JsonObject errorType || errorType["enum"] is not JsonArray values)
        {
            return result;
        }

        var descriptions = errorType["x-enum-descriptions"] as JsonArray;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not JsonValue v || !v.TryGetValue<string>(out var code))
            {
                continue;
            }

            var description = descriptions is not null && i < descriptions.Count ? descriptions[i]?.GetValue<string>() : null;
            var status = 0;
            if (description is not null && description.StartsWith("HTTP ", StringComparison.Ordinal) && description.Length >= 8
                && int.TryParse(description.AsSpan(5, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                status = parsed;
                description = description[8..].TrimStart('.', ' ');
            }

            result.Add(new ErrorCode(code, status, description));
        }

        return result;
    }
}

internal sealed record NamedExample(string Name, JsonNode? Value, string? Summary);

internal sealed record ErrorCode(string Code, int Status, string? Description);

internal sealed record ErrorResponseModel(int Status, IReadOnlyList<ErrorCode> Codes, string? Title, string? Description);

internal sealed record ParameterModel(string Name, string In, bool Required, JsonObject? Schema, string? SchemaPointer, string Style, bool Explode)
{
    /// <summary>The parameter object (its <c>$ref</c> resolved), for the members a consumer reads itself (<c>description</c>, extensions).</summary>
    public JsonObject Node { get; init; } = new();

    /// <summary>Where the parameter is declared: <c>/paths/…/parameters/i</c> (path level) or <c>/paths/…/{method}/parameters/i</c>.</summary>
    public string Pointer { get; init; } = string.Empty;

    /// <summary>The parameter itself says <c>deprecated: true</c> (its schema's flag is not read here).</summary>
    public bool Deprecated { get; init; }
}

/// <summary>A declaration the reader skipped (a parameter that is not an object, has no name or no location, or a <c>$ref</c> to nothing).</summary>
internal sealed record SpecProblem(string Pointer, string Message);

/// <summary>One media type of a body: its name as written, its media type object (null when not an object), its pointer.</summary>
internal sealed record MediaTypeModel(string Name, JsonObject? Node, string Pointer);

/// <summary>
/// One entry of an operation's <c>responses</c>, in document order: its key (<c>200</c>, <c>2XX</c>, <c>default</c>), the
/// status when the key is a number, the response object (its <c>$ref</c> resolved; null when the reference leads nowhere),
/// where it is declared, its description and its media types.
/// </summary>
internal sealed record ResponseModel(string StatusText, int? Status, JsonObject? Node, string Pointer, string? Description, IReadOnlyList<MediaTypeModel> Content);

internal sealed record RequestBodyModel(bool Required, string? SchemaPointer, IReadOnlyList<NamedExample> Examples)
{
    /// <summary>Every media type the body is documented with (the request's Content-Type must be one of them).</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = [];

    /// <summary>The object schema of a multipart or form body (its properties are the fields), or null.</summary>
    public JsonObject? FormSchema { get; init; }

    /// <summary>Where <see cref="FormSchema"/> is in the document, for validating field values.</summary>
    public string? FormSchemaPointer { get; init; }

    /// <summary>Every media type with its media type object, in document order.</summary>
    public IReadOnlyList<MediaTypeModel> Content { get; init; } = [];

    /// <summary>The body's <c>description</c>, or null.</summary>
    public string? Description { get; init; }
}

internal sealed record PaginationModel(string CursorParameter, string ItemsField, string NextCursorField, string? LimitParameter);

internal sealed record OperationModel(
    bool RequiresApiKey,
    string OperationId,
    string Method,
    string Path,
    string Pointer,
    IReadOnlyList<ParameterModel> Parameters,
    RequestBodyModel? Body,
    int SuccessStatus,
    string? SuccessSchemaPointer,
    IReadOnlyList<NamedExample> SuccessExamples,
    IReadOnlyDictionary<int, ErrorResponseModel> Errors,
    PaginationModel? Pagination,
    string? AccountKey = null,
    string? DuplicateError = null)
{
    /// <summary>The codes documented for a status, else the document-wide codes of that status.</summary>
    public IReadOnlyList<ErrorCode> CodesFor(int status, OpenApiModel model) =>
        Errors.TryGetValue(status, out var e) && e.Codes.Count > 0 ? e.Codes : model.GlobalCodes.Where(c => c.Status == status).ToList();

    public bool Documents(int status) => Errors.ContainsKey(status);

    /// <summary>The media type of a non-JSON 2xx body (a download), or null.</summary>
    public string? SuccessMediaType { get; init; }

    /// <summary>The string <c>example</c> of that body, or null.</summary>
    public string? SuccessFileExample { get; init; }

    /// <summary>The operation object, for the members a consumer reads itself (<c>summary</c>, <c>tags</c>, extensions).</summary>
    public JsonObject Node { get; init; } = new();

    /// <summary>The operation says <c>deprecated: true</c>.</summary>
    public bool Deprecated { get; init; }

    /// <summary>Every entry of <c>responses</c>, in document order.</summary>
    public IReadOnlyList<ResponseModel> Responses { get; init; } = [];

    /// <summary>The response of <see cref="SuccessStatus"/> (the lowest numeric 2xx), or null when none is documented.</summary>
    public ResponseModel? SuccessResponse { get; init; }

    /// <summary>The operation has a <c>requestBody</c> member (<see cref="Body"/> is null when it has no media type or its <c>$ref</c> leads nowhere).</summary>
    public bool DeclaresRequestBody { get; init; }

    /// <summary>Parameter declarations the reader skipped, with why; a consumer that must not skip them reports them.</summary>
    public IReadOnlyList<SpecProblem> ParameterProblems { get; init; } = [];

    public string Describe() => new StringBuilder(Method).Append(' ').Append(Path).ToString();
}
