using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// NSwag dialect: <c>paths</c> and the operation parts (parameters, bodies, responses, headers) also used by
/// <c>components</c>. Enum parameters become strings; narrowing allOf error bodies collapse to their base.
/// </summary>
internal sealed class PathsDialectPass
{
    private readonly SpecModel _m;
    private readonly SchemaNormalizer _n;

    public PathsDialectPass(SpecModel model, SchemaNormalizer normalizer)
    {
        _m = model;
        _n = normalizer;
    }

    public JsonObject TransformPaths(JsonObject paths)
    {
        var result = new JsonObject();
        foreach (var (path, node) in paths)
        {
            string ptr = "#/paths/" + path.Replace("~", "~0").Replace("/", "~1");
            var item = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
            var outItem = new JsonObject();
            foreach (var (key, value) in item)
            {
                if (HttpMethods.Contains(key))
                {
                    outItem[key] = TransformOperation(value as JsonObject ?? throw new SpecException($"{ptr}/{key}: expected an object."), $"{ptr}/{key}");
                }
                else if (key == "parameters")
                {
                    outItem[key] = TransformParameters(value, $"{ptr}/parameters");
                }
                else if (key is "summary" or "description" or "servers" || key.StartsWith("x-", StringComparison.Ordinal))
                {
                    outItem[key] = value?.DeepClone();
                }
                else
                {
                    throw new SpecException($"{ptr}: '{key}' is not supported on a path item.");
                }
            }

            result[path] = outItem;
        }

        return result;
    }

    private JsonObject TransformOperation(JsonObject operation, string ptr)
    {
        var result = new JsonObject();
        foreach (var (key, value) in operation)
        {
            switch (key)
            {
                case "parameters":
                    result[key] = TransformParameters(value, ptr + "/parameters");
                    break;
                case "requestBody":
                    result[key] = TransformRequestBody(value, ptr + "/requestBody");
                    break;
                case "responses":
                    result[key] = MapObject(value as JsonObject ?? throw new SpecException($"{ptr}/responses must be an object."),
                        (status, response) => TransformResponse(response, $"{ptr}/responses/{status}"));
                    break;
                case "tags" or "summary" or "description" or "operationId" or "externalDocs" or "deprecated" or "security" or "servers":
                    result[key] = value?.DeepClone();
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = value?.DeepClone();
                        break;
                    }

                    throw new SpecException($"{ptr}: '{key}' is not supported on an operation.");
            }
        }

        return result;
    }

    private JsonArray TransformParameters(JsonNode? parameters, string ptr)
    {
        var array = parameters as JsonArray ?? throw new SpecException($"{ptr} must be an array.");
        var result = new JsonArray();
        for (int i = 0; i < array.Count; i++)
        {
            result.Add(TransformParameter(array[i], $"{ptr}/{i}"));
        }

        return result;
    }

    public JsonObject TransformParameter(JsonNode? node, string ptr)
    {
        var parameter = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (parameter.ContainsKey("$ref"))
        {
            return (JsonObject)parameter.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in parameter)
        {
            switch (key)
            {
                case "schema":
                    result[key] = TransformParameterSchema(value, ptr + "/schema");
                    break;
                case "content":
                    throw new SpecException($"{ptr}: parameters with 'content' are not supported; use 'schema'.");
                case "examples":
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        return result;
    }

    private JsonObject TransformParameterSchema(JsonNode? schema, string ptr)
    {
        // NSwag expands a single object-typed query parameter into its properties, so a single enum parameter is sent
        // as a plain string (callers pass the extensible enum's Value). Arrays of enums stay typed: NSwag formats
        // each item with ToString(), which is the wire value.
        if (schema is JsonObject obj && obj["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && _m.Enums.TryGetValue(reference.Substring(SchemaRefPrefix.Length), out var model))
        {
            var result = new JsonObject { ["type"] = "string" };
            if (model.Description is not null)
            {
                result["description"] = model.Description;
            }

            return result;
        }

        return _n.Normalize(schema, ptr, inSchema: false);
    }

    public JsonObject TransformRequestBody(JsonNode? node, string ptr)
    {
        var body = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (body.ContainsKey("$ref"))
        {
            return (JsonObject)body.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in body)
        {
            result[key] = key == "content" ? TransformContent(value, ptr + "/content") : value?.DeepClone();
        }

        return result;
    }

    public JsonObject TransformResponse(JsonNode? node, string ptr)
    {
        var response = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (response.ContainsKey("$ref"))
        {
            return (JsonObject)response.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in response)
        {
            result[key] = key switch
            {
                "content" => TransformContent(value, ptr + "/content"),
                "headers" => MapObject(value as JsonObject ?? throw new SpecException($"{ptr}/headers must be an object."), (n, h) => TransformHeader(h, $"{ptr}/headers/{n}")),
                _ => value?.DeepClone(),
            };
        }

        return result;
    }

    public JsonObject TransformHeader(JsonNode? node, string ptr)
    {
        var header = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (header.ContainsKey("$ref"))
        {
            return (JsonObject)header.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in header)
        {
            result[key] = key == "schema" ? TransformParameterSchema(value, ptr + "/schema") : value?.DeepClone();
        }

        return result;
    }

    private JsonObject TransformContent(JsonNode? node, string ptr)
    {
        var content = node as JsonObject ?? throw new SpecException($"{ptr} must be an object.");
        var result = new JsonObject();
        foreach (var (mediaType, value) in content)
        {
            string mptr = $"{ptr}/{mediaType.Replace("/", "~1")}";
            var media = value as JsonObject ?? throw new SpecException($"{mptr}: expected an object.");
            var outMedia = new JsonObject();
            if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Multipart, form, binary and text bodies and responses are the operations pass's (fields, files,
                // streams): NSwag does not see them, so it generates no model, FileParameter or FileResponse for them.
                continue;
            }

            foreach (var (key, item) in media)
            {
                outMedia[key] = key == "schema" ? NormalizeMediaSchema(item, mptr + "/schema") : item?.DeepClone();
            }

            result[mediaType] = outMedia;
        }

        return result;
    }

    /// <summary>
    /// Top-level body schema. <c>allOf: [{$ref: X}, {properties: {p: narrowing}}]</c> (used by error responses to list
    /// their problem type codes) collapses to <c>$ref: X</c>: the narrowing only restricts values of X's own properties.
    /// </summary>
    private JsonObject NormalizeMediaSchema(JsonNode? node, string ptr)
    {
        if (node is JsonObject obj && obj["allOf"] is JsonArray members && members.Count >= 2
            && members[0] is JsonObject first && first.Count == 1 && first["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && obj.All(p => p.Key == "allOf" || DocKeywords.Contains(p.Key)))
        {
            string baseName = reference.Substring(SchemaRefPrefix.Length);
            if (!_m.Enums.ContainsKey(baseName) && !_m.Unions.ContainsKey(baseName) && _m.Schemas.ContainsKey(baseName))
            {
                var baseProperties = _m.GetFlat(baseName)["properties"] as JsonObject ?? new JsonObject();
                bool narrowingOnly = members.Skip(1).All(m => m is JsonObject narrowing
                    && narrowing.All(p => p.Key is "properties" or "description" or "title" or "$comment"
                        || (p.Key == "type" && p.Value?.GetValueKind() == JsonValueKind.String && p.Value.GetValue<string>() == "object"))
                    && (narrowing["properties"] as JsonObject ?? new JsonObject()).All(p => baseProperties.ContainsKey(p.Key)));
                if (narrowingOnly)
                {
                    return _n.NormalizeRef(new JsonObject { ["$ref"] = reference }, ptr, inSchema: false);
                }
            }
        }

        return _n.Normalize(node, ptr, inSchema: false);
    }
}
