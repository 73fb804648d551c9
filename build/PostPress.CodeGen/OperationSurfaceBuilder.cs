using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using SpecOperation = PostPress.Spec.OperationModel;
using SpecParameter = PostPress.Spec.ParameterModel;

namespace PostPress.CodeGen;

/// <summary>
/// Pass "operations": reads every operation of the canonical spec into a <see cref="SurfaceModel"/> (resource groups by
/// tag, typed parameters, validation rules from the schema constraints, paging from <c>x-postpress-pagination</c>),
/// which <see cref="OperationEmitter"/> writes as the public operation surface. The operations themselves come from the
/// shared spec reader (<see cref="OpenApiModel"/>, src/Shared/Spec, as the sandbox reads them: the enumeration, the
/// merged path- and operation-level parameters with their <c>$ref</c>s resolved, the request body's media types, the
/// responses and the success response, the deprecation flags); this pass adds only what is the generator's own: C#
/// types and names, validation rules, what it refuses.
/// <para>Spec extensions read here (all optional):</para>
/// <list type="bullet">
/// <item><c>x-postpress-method</c> (operation): the C# method name without <c>Async</c>; default: the operationId PascalCased.</item>
/// <item><c>x-postpress-options</c> (operation): a class name; the optional query parameters become its properties and the
/// method takes one <c>options</c> argument instead.</item>
/// <item><c>x-postpress-body-name</c> (operation): the C# name of the body argument; default <c>request</c>.</item>
/// <item><c>x-postpress-pagination</c> (operation): <c>{cursorParameter, itemsField, nextCursorField, limitParameter?}</c>;
/// adds <c>ListAll…Async</c> returning <c>PostPressAsyncPageable&lt;Item&gt;</c>.</item>
/// <item><c>x-csharp-name</c> (parameter): the PascalCase name (options property; the argument is its camelCase).</item>
/// <item><c>x-postpress-open-enum: true</c> (enum schema): values beyond the listed ones may be sent.</item>
/// <item><c>x-postpress-account-key</c>, <c>x-postpress-cost</c>, <c>x-postpress-duplicate-error</c> (operation): see <see cref="OperationTraits"/>.</item>
/// </list>
/// </summary>
internal sealed class OperationSurfaceBuilder
{
    /// <summary>Headers the SDK sets on every call (or from the body); a header parameter cannot name one.</summary>
    internal static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-API-KEY", "Accept", "Content-Type", "Content-Length", "Host", "User-Agent",
    };

    private readonly JsonObject _spec;
    private readonly GenerationModel _model;
    private readonly JsonObject _schemas;
    private readonly Dictionary<string, ValidatedType> _validated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openEnums = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedEnums = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the normalised document of <paramref name="model"/>: inline enums, objects and unions have already been
    /// named and moved to components by <see cref="InlineSchemaNamingPass"/>, so they are typed like any component.
    /// </summary>
    public OperationSurfaceBuilder(GenerationModel model)
    {
        _spec = model.Spec.Document;
        _model = model;
        _schemas = _spec["components"]?["schemas"] as JsonObject ?? new JsonObject();
    }

    public const string ModelsNamespace = "global::PostPress.Models.";

    public SurfaceModel Build()
    {
        var tagDescriptions = (_spec["tags"] as JsonArray ?? new JsonArray())
            .OfType<JsonObject>()
            .Where(t => t["name"] is JsonValue)
            .ToDictionary(t => t["name"]!.GetValue<string>(), t => t["description"]?.GetValue<string>(), StringComparer.Ordinal);

        OpenApiModel reader;
        try
        {
            reader = OpenApiModel.FromDocument(_spec);
        }
        catch (System.IO.InvalidDataException e)
        {
            throw new SpecException(e.Message, e);
        }

        // TRACE is not generated (the reader lists it for the sandbox).
        var operations = reader.Operations.Where(o => o.Method != "TRACE").Select(ReadOperation).ToList();

        var resources = operations
            .GroupBy(o => o.Tag, StringComparer.Ordinal)
            .Select(g => new ResourceModel
            {
                Tag = g.Key,
                Name = Naming.PascalCase(g.Key) ?? throw new SpecException($"#/tags: tag '{g.Key}' does not give a C# name."),
                Description = tagDescriptions.TryGetValue(g.Key, out var d) ? d : null,
                Operations = g.ToList(),
            })
            .ToList();

        foreach (var resource in resources)
        {
            var clash = resource.Operations
                .SelectMany(o => o.Paging is null ? new[] { o.MethodName } : new[] { o.MethodName, o.Paging.MethodName })
                .GroupBy(n => n, StringComparer.Ordinal)
                .FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
            {
                throw new SpecException($"#/paths: two operations of tag '{resource.Tag}' give the method name '{clash.Key}Async': set x-postpress-method on one.");
            }
        }

        return new SurfaceModel
        {
            Resources = resources,
            Validated = _validated,
            OpenEnums = _openEnums.OrderBy(n => n, StringComparer.Ordinal).ToList(),
            ClosedEnums = _closedEnums.OrderBy(n => n, StringComparer.Ordinal).ToList(),
        };
    }

    private OperationModel ReadOperation(SpecOperation read)
    {
        var op = read.Node;
        var path = read.Path;
        var pointer = "#" + read.Pointer;
        var operationId = op["operationId"]?.GetValue<string>()
            ?? throw new SpecException($"{pointer}: an operation needs an operationId (it names the C# method).");
        var opPascal = Naming.PascalCaseOrPrefixed(operationId, "Operation")
            ?? throw new SpecException($"{pointer}/operationId: '{operationId}' does not give a C# name.");
        var tag = (op["tags"] as JsonArray)?.FirstOrDefault()?.GetValue<string>()
            ?? throw new SpecException($"{pointer}/tags: an operation needs a tag (it names the resource group, e.g. client.Users).");
        var methodName = op["x-postpress-method"]?.GetValue<string>() ?? opPascal;
        if (!Naming.IsTypeName(methodName))
        {
            throw new SpecException($"{pointer}/x-postpress-method: '{methodName}' is not a valid C# method name.");
        }

        if (read.ParameterProblems.FirstOrDefault() is { } problem)
        {
            throw new SpecException($"#{problem.Pointer}: {problem.Message}");
        }

        var parameters = new List<ParameterModel>();
        foreach (var declared in read.Parameters)
        {
            parameters.Add(ReadParameter(declared, opPascal, parameters.Count));
        }

        // Path parameters in template order first, then required query parameters, then optional ones.
        var templateOrder = PathParameterNames(path);
        foreach (var name in templateOrder)
        {
            if (!parameters.Any(p => p.In == "path" && p.WireName == name))
            {
                throw new SpecException($"{pointer}: the path template names {{{name}}} but no path parameter declares it.");
            }
        }

        string? bodyType = null;
        ValueRules? bodyRules = null;
        bool bodyRequired = false;
        string? bodyDescription = null;
        string bodyKind = "json";
        string? bodyMediaType = null;
        var otherMediaTypes = new List<string>();
        if (read.DeclaresRequestBody)
        {
            var bp = pointer + "/requestBody";
            var body = read.Body ?? throw new SpecException(op["requestBody"] is JsonObject
                ? $"{bp}: no content (a request body needs a 'content' with at least one media type, and a $ref here must lead to one)."
                : $"{bp}: not an object.");
            var content = body.Content;
            bodyRequired = body.Required;
            bodyDescription = body.Description;
            if (content.FirstOrDefault(c => c.Name == "application/json")?.Node?["schema"] is JsonObject json)
            {
                // JSON wins when offered; the other media types are named in the XML doc.
                otherMediaTypes.AddRange(content.Select(c => c.Name).Where(k => k != "application/json"));
                (bodyType, bodyRules) = TypeOf(json, bp + "/content/application~1json/schema", opPascal + "Request", forRequest: true);
            }
            else
            {
                var chosen = content.FirstOrDefault(c => BodyKindOf(c.Name) is not null)
                    ?? throw new SpecException($"{bp}/content: no supported media type (application/json, multipart/form-data, application/x-www-form-urlencoded, text/plain, or a concrete binary type such as application/octet-stream).");
                var (mediaType, media) = (chosen.Name, chosen.Node);

                otherMediaTypes.AddRange(content.Select(c => c.Name).Where(k => k != mediaType));
                bodyKind = BodyKindOf(mediaType)!;
                bodyMediaType = mediaType;
                var mp = bp + "/content/" + Pointer.Escape(mediaType);
                switch (bodyKind)
                {
                    case "multipart":
                    case "form":
                        foreach (var field in ReadFields(media, mp, opPascal, bodyKind, bodyRequired, parameters.Count))
                        {
                            parameters.Add(field);
                        }

                        break;
                    case "binary":
                        bodyType = "global::System.IO.Stream";
                        bodyRules = new ValueRules("none");
                        break;
                    default:
                        bodyType = "string";
                        bodyRules = new ValueRules("none");
                        break;
                }
            }
        }

        var (responseType, responseDescription, streamMediaType) = ReadResponse(read, pointer, opPascal);

        var optionsClass = op["x-postpress-options"]?.GetValue<string>();
        if (optionsClass is not null && !Naming.IsTypeName(optionsClass))
        {
            throw new SpecException($"{pointer}/x-postpress-options: '{optionsClass}' is not a valid C# class name.");
        }

        var paging = ReadPaging(read, pointer, methodName, parameters, responseType);
        var ordered = parameters.Where(p => p.In == "path").OrderBy(p => templateOrder.IndexOf(p.WireName))
            .Concat(parameters.Where(p => p.In != "path" && p.Required))
            .Concat(parameters.Where(p => p.In != "path" && !p.Required && p.WireName != paging?.CursorParameter))
            .Concat(parameters.Where(p => p.In != "path" && !p.Required && p.WireName == paging?.CursorParameter))
            .ToList();
        var duplicate = ordered.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SpecException($"{pointer}/parameters: two parameters give the C# name '{duplicate.Key}'; set x-csharp-name on one.");
        }

        var bodyName = op["x-postpress-body-name"]?.GetValue<string>() ?? bodyKind switch { "binary" => "content", "text" => "text", _ => "request" };
        if (ordered.Any(p => p.Name == bodyName || p.Name == "cancellationToken" || p.Name == "options"))
        {
            throw new SpecException($"{pointer}/parameters: a parameter's C# name clashes with 'cancellationToken', 'options' or the body argument '{bodyName}'.");
        }

        return new OperationModel
        {
            OperationId = operationId,
            HttpMethod = read.Method,
            Path = path,
            Tag = tag,
            MethodName = methodName,
            Summary = op["summary"]?.GetValue<string>(),
            Description = op["description"]?.GetValue<string>(),
            Deprecated = read.Deprecated ? Naming.DeprecationMessage(op) : null,
            Parameters = ordered,
            BodyType = bodyType,
            BodyRequired = bodyRequired,
            BodyName = bodyName,
            BodyDescription = bodyDescription,
            BodyRules = bodyRules,
            BodyKind = bodyKind,
            BodyMediaType = bodyMediaType,
            OtherBodyMediaTypes = otherMediaTypes,
            ResponseType = responseType,
            ResponseDescription = responseDescription,
            ResponseMediaType = streamMediaType,
            OptionsClass = optionsClass,
            Paging = paging,
            Pointer = pointer,
            Traits = OperationTraits.Read(op, pointer, tag, parameters), // x-postpress-account-key, -cost, -duplicate-error
        };
    }

    private ParameterModel ReadParameter(SpecParameter declared, string opPascal, int index)
    {
        var p = declared.Node;
        var pointer = "#" + declared.Pointer;
        var name = declared.Name;
        var location = declared.In;
        if (location != "path" && location != "query" && location != "header")
        {
            throw new SpecException($"{pointer}/in: '{location}' parameters are not supported by the generator (path, query and header are).");
        }

        if (location == "header")
        {
            if (!IsToken(name))
            {
                throw new SpecException($"{pointer}/name: '{name}' is not a valid HTTP header name.");
            }

            if (ReservedHeaders.Contains(name))
            {
                throw new SpecException($"{pointer}/name: the header '{name}' is set by the SDK itself (reserved: {string.Join(", ", ReservedHeaders.OrderBy(h => h, StringComparer.Ordinal))}); remove the parameter.");
            }

            if (declared.Style != "simple")
            {
                throw new SpecException($"{pointer}/style: only style: simple header parameters are supported.");
            }
        }

        if (p["content"] is not null)
        {
            throw new SpecException($"{pointer}/content: parameters with 'content' are not supported; use 'schema'.");
        }

        if (location == "query" && (declared.Style != "form" || !declared.Explode))
        {
            throw new SpecException($"{pointer}: only style: form, explode: true query parameters are supported.");
        }

        var pascal = p["x-csharp-name"]?.GetValue<string>() ?? Naming.PascalCaseOrPrefixed(name, "Value")
            ?? throw new SpecException($"{pointer}/name: '{name}' does not give a C# name; set x-csharp-name.");
        var required = declared.Required;
        var schema = p["schema"] as JsonObject ?? throw new SpecException($"{pointer}/schema: missing.");
        var (type, rules) = TypeOf(schema, pointer + "/schema", opPascal + pascal, forRequest: true);
        bool isArray = rules.Kind == "array";
        if (rules.Kind == "model" || (isArray && rules.Items!.Kind is "model" or "array") || type.StartsWith("global::System.Collections.Generic.IDictionary<", StringComparison.Ordinal))
        {
            throw new SpecException(ErrorCodes.ObjectParameter, $"{pointer}/schema: object-typed parameters are not supported; use scalars, enums or arrays of them.");
        }

        if (location == "header" && isArray)
        {
            throw new SpecException(ErrorCodes.ParameterStyle, $"{pointer}/schema: array-typed header parameters are not supported; use a string, integer, number, boolean, enum or date-time.");
        }

        return new ParameterModel
        {
            WireName = name,
            In = location,
            Required = required,
            Name = Camel(pascal),
            PropertyName = pascal,
            Type = type,
            IsValueType = IsValueType(type, rules),
            IsArray = isArray,
            ItemType = isArray ? type.Substring("global::System.Collections.Generic.IEnumerable<".Length).TrimEnd('>') : null,
            Rules = rules,
            Description = p["description"]?.GetValue<string>(),
            Deprecated = (declared.Deprecated ? Naming.DeprecationMessage(p) : null) ?? Naming.DeprecationMessage(p["schema"] as JsonObject),
            Pointer = pointer,
            SpecIndex = index,
        };
    }

    /// <summary>
    /// The first 2xx response: no content (the method returns <c>PostPressResponse</c>), JSON (typed by its schema), or
    /// any other media type (octet-stream, pdf, images, text, a <c>format: binary</c> string): streamed to the caller as
    /// <c>PostPressFileResponse</c>, with <c>Accept</c> set to its media types.
    /// </summary>
    private (string? Type, string? Description, string? StreamMediaType) ReadResponse(SpecOperation read, string pointer, string opPascal)
    {
        var (_, rp, description, content) = SuccessResponse(read, pointer);
        if (content.Count == 0)
        {
            return (null, description, null);
        }

        if (content.FirstOrDefault(c => c.Name == "application/json")?.Node?["schema"] is not JsonObject schema)
        {
            // No application/json with a schema: the body is streamed as it comes (PostPressFileResponse), whatever
            // its media types (octet-stream, pdf, text, XML with a schema, a +json type, application/json without
            // a schema); Accept lists them all.
            foreach (var media in content)
            {
                if (!System.Net.Http.Headers.MediaTypeWithQualityHeaderValue.TryParse(media.Name, out _))
                {
                    throw new SpecException($"{rp}/content/{Pointer.Escape(media.Name)}: not a media type.");
                }
            }

            return (null, description, string.Join(", ", content.Select(c => c.Name)));
        }

        // application/json is read; the other media types the response offers are named in the <returns> doc.
        var others = content.Select(c => c.Name).Where(k => k != "application/json").ToList();
        if (others.Count > 0)
        {
            description = (description is null ? string.Empty : description.TrimEnd() + " ")
                + $"The operation also offers {string.Join(", ", others)}; the SDK asks for and reads application/json.";
        }

        var (type, _) = TypeOf(schema, rp + "/content/application~1json/schema", opPascal + "Response", forRequest: false);

        // A list response is deserialized into a list (the models use IList<T> for arrays too).
        const string enumerable = "global::System.Collections.Generic.IEnumerable<";
        if (type.StartsWith(enumerable, StringComparison.Ordinal))
        {
            type = "global::System.Collections.Generic.IList<" + type.Substring(enumerable.Length);
        }

        return (type, description, null);
    }

    /// <summary>
    /// The success response as the shared reader reads it for the sandbox (<see cref="SpecOperation.SuccessResponse"/>:
    /// the lowest numeric 2xx status), with the pointer where it is declared.
    /// </summary>
    private static (JsonObject Response, string Pointer, string? Description, IReadOnlyList<MediaTypeModel> Content) SuccessResponse(SpecOperation read, string pointer)
    {
        if (read.Node["responses"] is not JsonObject)
        {
            throw new SpecException($"{pointer}/responses: missing.");
        }

        var success = read.SuccessResponse ?? throw new SpecException(ErrorCodes.NoSuccessResponse, $"{pointer}/responses: the operation documents no 2xx response (2XX and default are not read); the method needs a success to return: add one (e.g. 204 without content).");
        var rp = "#" + success.Pointer;
        var response = success.Node ?? throw new SpecException($"{rp}: not a response object, or its $ref leads nowhere.");
        return (response, rp, success.Description, success.Content);
    }

    /// <summary>How a request body of a media type is sent: multipart, form, binary (a Stream), text (a string); null: not supported.</summary>
    internal static string? BodyKindOf(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        if (bare == "multipart/form-data")
        {
            return "multipart";
        }

        if (bare == "application/x-www-form-urlencoded")
        {
            return "form";
        }

        if (bare.Contains('*') || IsJsonMediaType(bare) || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(bare, out _))
        {
            return null;
        }

        return bare.StartsWith("text/", StringComparison.Ordinal) ? "text" : "binary";
    }

    /// <summary>
    /// The properties of a multipart or form body as method arguments (like query parameters): scalars, enums, arrays
    /// of them, and for multipart files (<c>format: binary</c> → <c>PostPressFile</c>, arrays of them →
    /// <c>IEnumerable&lt;PostPressFile&gt;</c>) with the part's <c>encoding.contentType</c>.
    /// </summary>
    private IEnumerable<ParameterModel> ReadFields(JsonObject? media, string pointer, string opPascal, string kind, bool bodyRequired, int firstIndex)
    {
        var sp = pointer + "/schema";
        if (media?["schema"] is not JsonObject schema)
        {
            throw new SpecException($"{sp}: a {(kind == "multipart" ? "multipart/form-data" : "form")} body needs an object schema (its properties are the fields).");
        }

        if (schema["$ref"] is not null && kind == "multipart")
        {
            throw new SpecException($"{sp}: write a multipart/form-data schema inline (a component would also become a model, and files are not model properties).");
        }

        var flat = Flatten(schema);
        if (flat["properties"] is not JsonObject properties || properties.Count == 0)
        {
            throw new SpecException($"{sp}: a {(kind == "multipart" ? "multipart/form-data" : "form")} body needs an object schema with properties (its fields).");
        }

        var required = (flat["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        var encoding = media["encoding"] as JsonObject;
        int index = firstIndex;
        foreach (var (name, node) in properties)
        {
            var pp = sp + "/properties/" + Pointer.Escape(name);
            if (node is not JsonObject property)
            {
                throw new SpecException($"{pp}: expected a schema.");
            }

            var pascal = property["x-csharp-name"]?.GetValue<string>() ?? Naming.PascalCaseOrPrefixed(name, "Value")
                ?? throw new SpecException($"{pp}: '{name}' does not give a C# name; set x-csharp-name.");
            var stripped = StripNull(property);
            string type;
            ValueRules rules;
            bool isArray = false;
            string? itemType = null;
            if (IsBinary(stripped))
            {
                type = "global::PostPress.PostPressFile";
                rules = new ValueRules("file");
            }
            else if (stripped["type"]?.GetValue<string>() == "array" && stripped["items"] is JsonObject items && IsBinary(StripNull(items)))
            {
                type = "global::System.Collections.Generic.IEnumerable<global::PostPress.PostPressFile>";
                itemType = "global::PostPress.PostPressFile";
                isArray = true;
                rules = new ValueRules("array", MinLength: Int(stripped["minItems"]), MaxLength: Int(stripped["maxItems"]), Items: new ValueRules("file"));
            }
            else
            {
                var itemsSchema = stripped["items"] as JsonObject;
                if (IsEnum(stripped) && stripped["enum"] is JsonArray { Count: > 1 } || itemsSchema is not null && IsEnum(StripNull(itemsSchema)) && StripNull(itemsSchema)["enum"] is JsonArray { Count: > 1 })
                {
                    throw new SpecException($"{pp}: an enum field of a form or multipart body must be a $ref to an enum component (inline enums there get no type).");
                }

                (type, rules) = TypeOf(property, pp, opPascal + pascal, forRequest: true);
                isArray = rules.Kind == "array";
                if (rules.Kind == "model" || (isArray && rules.Items!.Kind is "model" or "array") || type.StartsWith("global::System.Collections.Generic.IDictionary<", StringComparison.Ordinal))
                {
                    throw new SpecException(ErrorCodes.ObjectParameter, $"{pp}: object-typed fields are not supported in a form or multipart body; use scalars, enums, arrays of them or files.");
                }

                itemType = isArray ? type.Substring("global::System.Collections.Generic.IEnumerable<".Length).TrimEnd('>') : null;
            }

            if (kind == "form" && rules.Kind == "file" || kind == "form" && rules.Items?.Kind == "file")
            {
                throw new SpecException($"{pp}: files need multipart/form-data, not application/x-www-form-urlencoded.");
            }

            var partType = encoding?[name]?["contentType"]?.GetValue<string>();
            if (partType is not null && (partType.Contains(',') || partType.Contains('*') || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(partType, out _)))
            {
                throw new SpecException($"{pointer}/encoding/{Pointer.Escape(name)}/contentType: name one concrete media type.");
            }

            yield return new ParameterModel
            {
                WireName = name,
                In = kind == "multipart" ? "multipart" : "form",
                Required = bodyRequired && required.Contains(name),
                Name = Camel(pascal),
                PropertyName = pascal,
                Type = type,
                IsValueType = IsValueType(type, rules),
                IsArray = isArray,
                ItemType = itemType,
                Rules = rules,
                Description = property["description"]?.GetValue<string>(),
                Deprecated = Naming.DeprecationMessage(property as JsonObject),
                Pointer = pp,
                SpecIndex = index++,
                PartContentType = partType,
            };
        }
    }

    private static bool IsBinary(JsonObject schema) =>
        schema["type"]?.GetValue<string>() == "string" && schema["format"]?.GetValue<string>() == "binary";

    /// <summary>JSON media types (<c>application/json</c>, <c>*+json</c>).</summary>
    private static bool IsJsonMediaType(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim();
        return bare.Equals("application/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private PagingModel? ReadPaging(SpecOperation read, string pointer, string methodName, List<ParameterModel> parameters, string? responseType)
    {
        if (read.Node["x-postpress-pagination"] is not JsonObject paging)
        {
            return null;
        }

        var pp = pointer + "/x-postpress-pagination";
        string Field(string name) => paging[name]?.GetValue<string>() ?? throw new SpecException($"{pp}/{name}: missing.");
        var cursor = Field("cursorParameter");
        var items = Field("itemsField");
        var next = Field("nextCursorField");
        var limit = paging["limitParameter"]?.GetValue<string>();
        var cursorParameter = parameters.FirstOrDefault(p => p.WireName == cursor && p.In == "query")
            ?? throw new SpecException($"{pp}/cursorParameter: '{cursor}' is not a query parameter of the operation.");
        if (cursorParameter.Required || cursorParameter.Type != "string")
        {
            throw new SpecException($"{pp}/cursorParameter: '{cursor}' must be an optional string query parameter.");
        }

        if (limit is not null && parameters.FirstOrDefault(p => p.WireName == limit && p.In == "query") is not { Required: false, Type: "int" or "long" })
        {
            throw new SpecException($"{pp}/limitParameter: '{limit}' must be an optional integer query parameter.");
        }

        if (responseType is null)
        {
            throw new SpecException($"{pp}: a paged operation needs a JSON response.");
        }

        var responseSchema = Flatten((JsonObject)SuccessResponse(read, pointer).Content.First(c => c.Name == "application/json").Node!["schema"]!);
        var itemsSchema = responseSchema["properties"]?[items] as JsonObject
            ?? throw new SpecException($"{pp}/itemsField: the response has no property '{items}'.");
        if (responseSchema["properties"]?[next] is null)
        {
            throw new SpecException($"{pp}/nextCursorField: the response has no property '{next}'.");
        }

        var (itemsType, itemsRules) = TypeOf(itemsSchema, pp + "/itemsField", responseType.Replace(ModelsNamespace, string.Empty) + Naming.PropertyName(items), forRequest: false);
        if (itemsRules.Kind != "array")
        {
            throw new SpecException($"{pp}/itemsField: '{items}' is not an array.");
        }

        var itemType = itemsType.Substring("global::System.Collections.Generic.IEnumerable<".Length).TrimEnd('>');
        var listName = methodName.StartsWith("List", StringComparison.Ordinal) ? "ListAll" + methodName.Substring(4) : methodName + "All";
        return new PagingModel
        {
            CursorParameter = cursor,
            LimitParameter = limit,
            ItemsProperty = Naming.PropertyName(items),
            NextCursorProperty = Naming.PropertyName(next),
            ItemType = itemType,
            MethodName = paging["method"]?.GetValue<string>() ?? listName,
        };
    }

    /// <summary>
    /// The C# type of a schema and how a value of it is validated before sending. Inline enums, objects and unions take
    /// the name the models pass gives them: <paramref name="inlineName"/> (operation + location).
    /// </summary>
    private (string Type, ValueRules Rules) TypeOf(JsonObject schema, string pointer, string inlineName, bool forRequest)
    {
        schema = StripNull(schema);
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = ComponentName(reference, pointer);
            var component = _schemas[name] as JsonObject ?? throw new SpecException($"{pointer}/$ref: '{reference}' does not exist.");
            var resolved = StripNull(component);
            if (IsEnum(resolved))
            {
                Track(name, resolved);
                var enumName = CSharpName(name);
                return (ModelsNamespace + enumName, new ValueRules("enum", EnumType: ModelsNamespace + enumName, OpenEnum: IsOpen(resolved)));
            }

            if (IsScalar(resolved) || resolved["type"]?.GetValue<string>() == "array"
                || (resolved["type"]?.GetValue<string>() == "object" && resolved["properties"] is null && resolved["additionalProperties"] is JsonObject))
            {
                // A component that is a scalar, a list (Pets: {type: array, items: Pet}) or a map: typed like its schema.
                return TypeOf(resolved, "#/components/schemas/" + Pointer.Escape(name), inlineName, forRequest);
            }

            var typeName = CSharpName(name);
            if (forRequest)
            {
                RegisterValidated(typeName, name, component, "#/components/schemas/" + Pointer.Escape(name));
            }

            return (ModelsNamespace + typeName, new ValueRules("model", ModelType: ModelsNamespace + typeName));
        }

        if (IsEnum(schema))
        {
            if (schema["enum"] is JsonArray { Count: 1 } single && schema["type"]?.GetValue<string>() == "string")
            {
                return ("string", new ValueRules("string", Const: single[0]!.GetValue<string>()));
            }

            Track(inlineName, schema);
            return (ModelsNamespace + inlineName, new ValueRules("enum", EnumType: ModelsNamespace + inlineName, OpenEnum: IsOpen(schema)));
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "string":
                if (schema["format"]?.GetValue<string>() is "date-time")
                {
                    return ("global::System.DateTimeOffset", new ValueRules("none"));
                }

                if (schema["format"]?.GetValue<string>() is "binary")
                {
                    throw new SpecException($"{pointer}/format: binary strings are not supported by the generator.");
                }

                switch (schema["format"]?.GetValue<string>())
                {
                    // As NSwag types model properties (build/README.md, "Formats"); no validation rule: a model property's
                    // converter checks it, a parameter is formatted by RequestUrl.Format.
                    case "uuid":
                        return ("global::System.Guid", new ValueRules("none"));
                    case "date":
                        return ("global::System.DateTime", new ValueRules("none"));
                    case "duration":
                        return ("global::System.TimeSpan", new ValueRules("none"));
                    case "uri":
                        return ("global::System.Uri", new ValueRules("none"));
                    case "time" or "byte":
                        // A time of day shares TimeSpan with durations; a parameter keeps its text (HH:MM:SS, base64).
                        return ("string", new ValueRules("none"));
                }

                return ("string", new ValueRules(
                    "string",
                    MinLength: Int(schema["minLength"]),
                    MaxLength: Int(schema["maxLength"]),
                    Pattern: schema["pattern"]?.GetValue<string>(),
                    Const: schema["const"]?.GetValue<string>()));
            case "integer":
                return (schema["format"]?.GetValue<string>() == "int64" ? "long" : "int", NumberRules("integer", schema));
            case "number":
                return ("double", NumberRules("number", schema));
            case "boolean":
                return ("bool", new ValueRules("none"));
            case "array":
                var items = schema["items"] as JsonObject ?? throw new SpecException($"{pointer}/items: an array needs items.");
                var (itemType, itemRules) = TypeOf(items, pointer + "/items", inlineName + "Item", forRequest);
                return ("global::System.Collections.Generic.IEnumerable<" + itemType + ">", new ValueRules("array", MinLength: Int(schema["minItems"]), MaxLength: Int(schema["maxItems"]), Items: itemRules));
            case "object" when schema["properties"] is null && schema["additionalProperties"] is JsonObject values:
                // A map (string keys): IDictionary<string, T>, as the models type it; its values are not validated.
                var (valueType, _) = TypeOf(values, pointer + "/additionalProperties", inlineName + "Value", forRequest);
                return ("global::System.Collections.Generic.IDictionary<string, " + valueType.Replace("global::System.Collections.Generic.IEnumerable<", "global::System.Collections.Generic.IList<") + ">", new ValueRules("none"));
            case "object" or null when schema["properties"] is not null || schema["oneOf"] is not null || schema["allOf"] is not null:
                // An inline object or union: the models pass names it from its location.
                return (ModelsNamespace + inlineName, new ValueRules("model", ModelType: ModelsNamespace + inlineName));
            default:
                throw new SpecException($"{pointer}: schema type '{type ?? "(none)"}' is not supported here.");
        }
    }

    private static ValueRules NumberRules(string kind, JsonObject schema)
    {
        decimal? min = Dec(schema["minimum"]);
        decimal? max = Dec(schema["maximum"]);
        bool exMin = false, exMax = false;
        if (Dec(schema["exclusiveMinimum"]) is { } em)
        {
            min = em;
            exMin = true;
        }

        if (Dec(schema["exclusiveMaximum"]) is { } eM)
        {
            max = eM;
            exMax = true;
        }

        return new ValueRules(kind, Minimum: min, Maximum: max, ExclusiveMinimum: exMin, ExclusiveMaximum: exMax);
    }

    /// <summary>Records a schema reachable from a request body, and what its validator checks.</summary>
    private void RegisterValidated(string name, string componentName, JsonObject component, string pointer)
    {
        if (_validated.ContainsKey(name))
        {
            return;
        }

        var union = _model.Unions.FirstOrDefault(u => u.Name == componentName || u.Name == name);
        if (union is not null)
        {
            var validated = new ValidatedType
            {
                TypeName = ModelsNamespace + name,
                Variants = union.Variants.Select(v => (ModelsNamespace + v.Name, v.Values)).ToList(),
                DiscriminatorProperty = union.DiscriminatorProperty is null ? null : Naming.PropertyName(union.DiscriminatorProperty),
                DiscriminatorJson = union.DiscriminatorProperty,
                UnknownVariant = ModelsNamespace + union.UnknownName,
            };
            _validated[name] = validated;
            foreach (var variant in union.Variants)
            {
                RegisterObject(variant.Name, variant.Flat, pointer, skip: union.DiscriminatorProperty);
            }

            return;
        }

        RegisterObject(name, Flatten(component), pointer, skip: null);
    }

    private void RegisterObject(string name, JsonObject flat, string pointer, string? skip)
    {
        if (_validated.ContainsKey(name))
        {
            return;
        }

        var validated = new ValidatedType { TypeName = ModelsNamespace + name };
        _validated[name] = validated;
        if (skip is not null)
        {
            validated.DeclaredJson.Add(skip);
        }
        var required = (flat["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        if (flat["properties"] is JsonObject properties)
        {
            // The C# names as NSwagModelGenerator gives them: in schema order, a repeated name gets 2, 3…
            var csharpNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (json, value) in properties)
            {
                string csharp = Naming.PropertyName(json);
                string baseName = csharp;
                for (int n = 2; !csharpNames.Add(csharp) || csharp == name; n++)
                {
                    csharp = baseName + n.ToString(CultureInfo.InvariantCulture);
                }

                validated.DeclaredJson.Add(json);
                if (json == skip || value is not JsonObject propertySchema)
                {
                    continue;
                }

                var (_, rules) = TypeOf(propertySchema, pointer + "/properties/" + Pointer.Escape(json), name + Naming.PropertyName(json), forRequest: true);
                validated.Properties.Add((json, csharp, required.Contains(json), rules));
            }
        }
    }

    /// <summary>Merges <c>allOf</c> members (properties and required) into one object schema.</summary>
    private JsonObject Flatten(JsonObject schema)
    {
        schema = StripNull(schema);
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Flatten((JsonObject)_schemas[ComponentName(reference, "(ref)")]!);
        }

        if (schema["allOf"] is not JsonArray allOf)
        {
            return schema;
        }

        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var member in allOf.OfType<JsonObject>().Select(Flatten).Append(schema))
        {
            if (member["properties"] is JsonObject ps)
            {
                foreach (var (k, v) in ps)
                {
                    properties[k] = v?.DeepClone();
                }
            }

            foreach (var r in member["required"] as JsonArray ?? new JsonArray())
            {
                required.Add(r!.GetValue<string>());
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
    }

    /// <summary>The C# name of a component (a union variant used under another name keeps that name).</summary>
    private string CSharpName(string component) =>
        _model.Spec.TypeNameAt("#/components/schemas/" + Pointer.Escape(component)).Replace("global::PostPress.Models.", string.Empty);

    private void Track(string name, JsonObject schema)
    {
        (IsOpen(schema) ? _openEnums : _closedEnums).Add(name);
    }

    private static bool IsOpen(JsonObject schema) => schema["x-postpress-open-enum"]?.GetValue<bool>() == true;

    private static bool IsEnum(JsonObject schema) => schema["enum"] is JsonArray && schema["type"]?.GetValue<string>() is "string" or null;

    private static bool IsScalar(JsonObject schema) =>
        schema["type"]?.GetValue<string>() is "string" or "integer" or "number" or "boolean" && schema["enum"] is null && schema["properties"] is null;

    private static bool IsValueType(string type, ValueRules rules) =>
        type is "int" or "long" or "double" or "bool" or "global::System.DateTimeOffset" or "global::System.Guid" or "global::System.DateTime" or "global::System.TimeSpan" || rules.Kind == "enum";

    /// <summary><c>type: [X, 'null']</c> and <c>oneOf/anyOf: [S, {type: 'null'}]</c> → the non-null part.</summary>
    private static JsonObject StripNull(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            if (rest.Count == 1)
            {
                var copy = (JsonObject)schema.DeepClone();
                copy["type"] = rest[0];
                return copy;
            }
        }

        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is JsonArray branches && branches.Count == 2 &&
                branches.OfType<JsonObject>().Count(b => b["type"]?.GetValue<string>() == "null") == 1)
            {
                return (JsonObject)branches.OfType<JsonObject>().First(b => b["type"]?.GetValue<string>() != "null");
            }
        }

        return schema;
    }

    private static string ComponentName(string reference, string pointer)
    {
        const string prefix = "#/components/schemas/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new SpecException($"{pointer}/$ref: only references to #/components/schemas are supported in schemas.");
        }

        return Pointer.Unescape(reference.Substring(prefix.Length));
    }

    private static List<string> PathParameterNames(string path)
    {
        var names = new List<string>();
        int i = 0;
        while ((i = path.IndexOf('{', i)) >= 0)
        {
            int end = path.IndexOf('}', i);
            names.Add(path.Substring(i + 1, end - i - 1));
            i = end + 1;
        }

        return names;
    }

    internal static string Camel(string pascal)
    {
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Naming.IsIdentifier(camel) ? camel : "@" + camel;
    }

    /// <summary>An RFC 9110 token (a header name).</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c < 127 && (char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0));

    private static int? Int(JsonNode? node) => Dec(node) is { } d ? (int)d : null;

    private static decimal? Dec(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;
}

/// <summary>JSON pointer escaping (RFC 6901).</summary>
internal static class Pointer
{
    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    public static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");
}
