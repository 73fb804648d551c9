using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// Pass 0 (spec, read only): the constructs the SDK deliberately does not support, each failing the build with its own
/// code (<see cref="ErrorCodes"/>, build/README.md "Error codes") and the JSON pointer of the first occurrence, before
/// any other pass could report them as a generic <c>PPCG001</c>:
/// <list type="bullet">
/// <item><c>callbacks</c> on an operation (PPCG010), <c>links</c> on a response (PPCG011);</item>
/// <item>parameters <c>in: cookie</c> (PPCG012), with <c>content</c> (PPCG013), or with a style other than exploded
/// <c>form</c> (query) or <c>simple</c> (path, header) (PPCG014);</item>
/// <item>request bodies whose media types are all unsupported (PPCG016), operations without a 2xx response (PPCG017);</item>
/// <item>external <c>$ref</c>s (PPCG018), <c>servers</c> on a path item or operation (PPCG019);</item>
/// <item>schema keywords without a C# shape (PPCG020) and non-string enums (PPCG021), in any schema the document holds.</item>
/// </list>
/// Only what operations reach is checked for operations (paths, and the components their <c>$ref</c>s name); schemas
/// are checked everywhere (every component schema becomes a model).
/// </summary>
internal static class ScopePass
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "patch", "head", "options", "trace" };

    /// <summary>JSON Schema keywords the generator gives no C# shape (PPCG020).</summary>
    internal static readonly string[] UnshapedKeywords =
    {
        "not", "if", "then", "else", "prefixItems", "patternProperties", "dependentSchemas", "dependentRequired",
        "unevaluatedProperties", "unevaluatedItems", "contains", "propertyNames",
    };

    /// <summary>Schema identifiers and dynamic references (PPCG024).</summary>
    internal static readonly string[] IdentifierKeywords = { "$id", "$anchor", "$defs", "$dynamicRef", "$dynamicAnchor" };

    public static void Run(JsonObject document)
    {
        CheckReferences(document, "#");
        if (document["paths"] is JsonObject paths)
        {
            foreach (var (path, node) in paths)
            {
                if (node is not JsonObject item)
                {
                    continue;
                }

                string ptr = "#/paths/" + Pointer.Escape(path);
                if (item.ContainsKey("servers"))
                {
                    throw new SpecException(ErrorCodes.OperationServers, $"{ptr}/servers: a path-level base URL is not supported (the client has one base URL); remove 'servers' or move the operations to a client of their own.");
                }

                CheckParameters(document, item["parameters"] as JsonArray, ptr + "/parameters");
                foreach (var method in Methods)
                {
                    if (item[method] is JsonObject operation)
                    {
                        CheckOperation(document, operation, $"{ptr}/{method}");
                    }
                }
            }
        }

        if (document["components"]?["schemas"] is JsonObject schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                CheckSchema(document, schema, "#/components/schemas/" + Pointer.Escape(name));
            }
        }
    }

    private static void CheckOperation(JsonObject document, JsonObject operation, string ptr)
    {
        if (operation.ContainsKey("callbacks"))
        {
            throw new SpecException(ErrorCodes.Callbacks, $"{ptr}/callbacks: callbacks are not supported (the SDK makes calls, it does not receive them); remove them, or describe the callback's payload as a component schema.");
        }

        if (operation.ContainsKey("servers"))
        {
            throw new SpecException(ErrorCodes.OperationServers, $"{ptr}/servers: an operation-level base URL is not supported (the client has one base URL); remove 'servers'.");
        }

        CheckParameters(document, operation["parameters"] as JsonArray, ptr + "/parameters");

        if (operation["requestBody"] is JsonObject bodyNode)
        {
            var (body, bodyPtr) = Resolve(document, bodyNode, ptr + "/requestBody");
            if (body["content"] is JsonObject content && content.Count > 0
                && !content.Any(c => c.Key.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) || OperationSurfaceBuilder.BodyKindOf(c.Key) is not null))
            {
                throw new SpecException(ErrorCodes.BodyMediaType, $"{bodyPtr}/content: none of the media types ({string.Join(", ", content.Select(c => c.Key))}) is supported for a request body (application/json, multipart/form-data, application/x-www-form-urlencoded, text/*, or a concrete binary type such as application/octet-stream; +json types and ranges such as image/* are not).");
            }

            CheckSchemasIn(document, body["content"], bodyPtr + "/content");
        }

        if (operation["responses"] is not JsonObject responses)
        {
            throw new SpecException(ErrorCodes.NoSuccessResponse, $"{ptr}: the operation has no 'responses'; the method needs a 2xx response to return (e.g. 204 without content).");
        }

        {
            bool success = false;
            foreach (var (status, node) in responses)
            {
                if (node is not JsonObject responseNode)
                {
                    continue;
                }

                success |= status.Length == 3 && status[0] == '2' && char.IsAsciiDigit(status[1]) && char.IsAsciiDigit(status[2]); // 2XX is not read (OpenApiModel.SuccessResponse)
                var (response, responsePtr) = Resolve(document, responseNode, $"{ptr}/responses/{Pointer.Escape(status)}");
                if (response["links"] is JsonObject { Count: > 0 })
                {
                    throw new SpecException(ErrorCodes.Links, $"{responsePtr}/links: links are not supported (they describe how to call another operation; the SDK gives no shape to that); remove them.");
                }

                CheckSchemasIn(document, response["content"], responsePtr + "/content");
            }

            if (!success)
            {
                throw new SpecException(ErrorCodes.NoSuccessResponse, $"{ptr}/responses: the operation documents no 2xx response (2XX and default are not read); the method needs a success to return: add one (e.g. 204 without content).");
            }
        }
    }

    private static void CheckParameters(JsonObject document, JsonArray? parameters, string ptr)
    {
        if (parameters is null)
        {
            return;
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is not JsonObject node)
            {
                continue;
            }

            var (p, pp) = Resolve(document, node, $"{ptr}/{i}");
            string? location = p["in"] is JsonValue l && l.TryGetValue(out string? s) ? s : null;
            if (location == "cookie")
            {
                throw new SpecException(ErrorCodes.CookieParameter, $"{pp}: cookie parameters are not supported (the SDK sends no cookies); remove the parameter, or make it a header or query parameter.");
            }

            if (p.ContainsKey("content"))
            {
                throw new SpecException(ErrorCodes.ContentParameter, $"{pp}/content: parameters described by a media type ('content') are not supported; describe the value with 'schema'.");
            }

            string? style = p["style"] is JsonValue st && st.TryGetValue(out string? sv) ? sv : null;
            bool? explode = p["explode"] is JsonValue ex && ex.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? ex.GetValue<bool>() : null;
            string expected = location == "query" ? "form" : "simple";
            bool styleOk = style is null || style == expected;
            bool explodeOk = location != "query" || explode != false;
            if (location is "query" or "path" or "header" && (!styleOk || !explodeOk))
            {
                throw new SpecException(ErrorCodes.ParameterStyle, $"{pp}: {location} parameters are sent as style: {expected}{(location == "query" ? ", explode: true" : string.Empty)} only (found style: {style ?? expected}{(explode is bool e ? ", explode: " + (e ? "true" : "false") : string.Empty)}); change the style or remove the parameter.");
            }

            CheckSchema(document, p["schema"], pp + "/schema", parameter: true);
        }
    }

    private static void CheckSchemasIn(JsonObject document, JsonNode? content, string ptr)
    {
        if (content is not JsonObject media)
        {
            return;
        }

        foreach (var (type, node) in media)
        {
            CheckSchema(document, node?["schema"], $"{ptr}/{Pointer.Escape(type)}/schema");
        }
    }

    /// <summary>
    /// PPCG020 to PPCG023 in a schema and every schema nested in it. A parameter's own schema may be a union of scalars
    /// (it becomes a <c>string</c> argument, see <see cref="InlineSchemaNamingPass"/>).
    /// </summary>
    internal static void CheckSchema(JsonObject document, JsonNode? node, string ptr, bool parameter = false)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray union)
            {
                continue;
            }

            var branches = union.Select((b, i) => (Schema: b is JsonObject o ? Resolve(document, o, $"{ptr}/{keyword}/{i}").Node : null, Index: i))
                .Where(b => b.Schema is not null && !SchemaFacts.IsNullSchema(b.Schema))
                .ToList();
            if (branches.Count < 2)
            {
                continue;
            }

            if (keyword == "anyOf" && !parameter)
            {
                throw new SpecException(ErrorCodes.AnyOfUnion, $"{ptr}/anyOf: an anyOf with {branches.Count} branches is not generated (several may match at once); use oneOf, with a discriminator or a required property unique to each branch.");
            }

            var scalar = branches.FirstOrDefault(b => !IsObjectLike(document, b.Schema!));
            if (scalar.Schema is not null && !parameter)
            {
                throw new SpecException(ErrorCodes.ScalarUnion, $"{ptr}/{keyword}/{scalar.Index}: a union branch that is not an object (a string, number, boolean or array) has no C# model shape; use one type, or wrap each value in an object. (A parameter may be such a union: it is sent as text.)");
            }
        }

        foreach (var keyword in IdentifierKeywords)
        {
            if (schema.ContainsKey(keyword))
            {
                throw new SpecException(ErrorCodes.SchemaIdentifiers, $"{ptr}/{keyword}: '{keyword}' is not supported (the generator resolves only local '#/components/schemas/...' references; dynamic references, i.e. schema generics, have no C# shape); use a plain $ref to a component.");
            }
        }

        foreach (var keyword in UnshapedKeywords)
        {
            if (schema.ContainsKey(keyword))
            {
                throw new SpecException(ErrorCodes.SchemaKeyword, $"{ptr}/{keyword}: the JSON Schema keyword '{keyword}' has no C# shape in the generated models; remove it (describe the rule in 'description').");
            }
        }

        if (schema["enum"] is JsonArray values && values.Any(v => v is not null && v.GetValueKind() != JsonValueKind.String))
        {
            throw new SpecException(ErrorCodes.NonStringEnum, $"{ptr}/enum: only string enums are supported (extensible enums are strings); use type: string, or drop 'enum' and document the values.");
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            CheckSchema(document, schema[key], $"{ptr}/{key}");
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                CheckSchema(document, property, $"{ptr}/properties/{Pointer.Escape(name)}");
            }
        }

        foreach (var key in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema[key] is JsonArray branches)
            {
                for (int i = 0; i < branches.Count; i++)
                {
                    CheckSchema(document, branches[i], $"{ptr}/{key}/{i}", parameter && key != "allOf");
                }
            }
        }
    }

    /// <summary>An object schema: properties, allOf, a union of objects, or <c>type: object</c>.</summary>
    private static bool IsObjectLike(JsonObject document, JsonObject schema)
    {
        var (resolved, _) = Resolve(document, schema, "#");
        var type = resolved["type"] switch
        {
            JsonValue v when v.TryGetValue(out string? t) => t,
            JsonArray a => a.Select(t => t is JsonValue tv && tv.TryGetValue(out string? s) ? s : null).FirstOrDefault(t => t is not null and not "null"),
            _ => null,
        };
        return type == "object" || (type is null && (resolved.ContainsKey("properties") || resolved.ContainsKey("allOf") || resolved.ContainsKey("oneOf") || resolved.ContainsKey("anyOf")));
    }

    /// <summary>PPCG018: any <c>$ref</c> that does not start with <c>#</c> (examples' values are skipped).</summary>
    private static void CheckReferences(JsonNode? node, string ptr)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue r && r.TryGetValue(out string? reference) && !reference.StartsWith('#'))
                {
                    throw new SpecException(ErrorCodes.ExternalReference, $"{ptr}/$ref: '{reference}' is in another document; bundle the document first (e.g. redocly bundle) so every $ref is local.");
                }

                foreach (var (key, value) in obj)
                {
                    if (key is not ("example" or "examples" or "value"))
                    {
                        CheckReferences(value, $"{ptr}/{Pointer.Escape(key)}");
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    CheckReferences(array[i], $"{ptr}/{i}");
                }

                break;
        }
    }

    /// <summary>Follows a local <c>$ref</c> (parameters, request bodies, responses); the pointer of what it names.</summary>
    private static (JsonObject Node, string Pointer) Resolve(JsonObject document, JsonObject node, string ptr)
    {
        for (int i = 0; i < 8 && node["$ref"] is JsonValue v && v.TryGetValue(out string? reference) && reference.StartsWith("#/", StringComparison.Ordinal); i++)
        {
            JsonNode? target = document;
            foreach (var part in reference.Substring(2).Split('/'))
            {
                target = target?[Pointer.Unescape(part)];
            }

            if (target is not JsonObject resolved)
            {
                return (node, ptr);
            }

            node = resolved;
            ptr = reference;
        }

        return (node, ptr);
    }
}
