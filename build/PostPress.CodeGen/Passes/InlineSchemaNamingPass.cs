using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Pass 1 (spec → spec): gives every inline schema that needs a C# type a name from its operation and location, moves
/// it to <c>#/components/schemas</c> and leaves a <c>$ref</c> in its place, so the later passes only see components.
/// <list type="table">
/// <listheader><term>inline schema at</term><description>component name</description></listheader>
/// <item><term>parameter schema: a string enum (2+ values), or an array of one</term><description><c>{OperationId}{Param}</c> (<c>labelChat</c> + <c>mode</c> → <c>LabelChatMode</c>)</description></item>
/// <item><term>request body: an object or a union</term><description><c>{OperationId}Request</c>; items of an inline array body: <c>{OperationId}RequestItem</c></description></item>
/// <item><term>2xx response: an object or a union</term><description><c>{OperationId}Response</c>; the object items of an inline array response: <c>{OperationId}Item</c> (the response itself stays a list, <c>IList&lt;{OperationId}Item&gt;</c>)</description></item>
/// <item><term>other responses: an object or a union</term><description><c>{OperationId}{Status}Response</c></description></item>
/// <item><term>property of a named schema: an object, a union or a string enum (2+ values)</term><description><c>{Parent}{Property}</c>; object items of an inline array property: <c>{Parent}{Property}Item</c></description></item>
/// </list>
/// Names are PascalCased (<see cref="Naming.PascalCase"/> for operation ids, <see cref="Naming.PropertyName"/> for
/// properties and parameters). Left inline: single-value enums (constants), enums in <c>allOf</c> members (narrowings,
/// discriminators) and on union discriminator properties, <c>[X, {type: 'null'}]</c> wrappers (their X is named).
/// A name that is already taken, an inline union whose branches are not <c>$ref</c>s, an operation without
/// <c>operationId</c> that needs one, or a union as a parameter fail with <c>PPCG001</c> naming the JSON pointer.
/// The original pointers are kept in <see cref="SpecModel.InlineNames"/> so <see cref="SpecModel.TypeNameAt"/> answers
/// for them.
/// </summary>
internal sealed class InlineSchemaNamingPass
{
    private readonly SpecModel _m;
    private readonly HashSet<string> _discriminators = new(StringComparer.Ordinal);
    private JsonObject _schemas = new();

    public InlineSchemaNamingPass(SpecModel model)
    {
        _m = model;
    }

    public void Run()
    {
        var doc = _m.Document;
        if (doc["components"] is not JsonObject components)
        {
            components = new JsonObject();
            doc["components"] = components;
        }

        if (components["schemas"] is not JsonObject schemas)
        {
            schemas = new JsonObject();
            components["schemas"] = schemas;
        }

        _schemas = schemas;
        _m.RefreshSchemas();
        CollectDiscriminators(doc);

        if (doc["paths"] is JsonObject paths)
        {
            foreach (var (path, item) in paths)
            {
                string ptr = "#/paths/" + Escape(path);
                if (item is not JsonObject pathItem)
                {
                    continue;
                }

                if (pathItem["parameters"] is JsonArray shared)
                {
                    for (int i = 0; i < shared.Count; i++)
                    {
                        if (shared[i] is JsonObject up && up["schema"] is JsonObject us && IsInlineUnion(us))
                        {
                            up["schema"] = ScalarUnionParameter(us, $"{ptr}/parameters/{i}/schema");
                        }

                        if (shared[i] is JsonObject p && p["schema"] is JsonObject s && NeedsName(s, allowUnion: false))
                        {
                            throw new SpecException($"{ptr}/parameters/{i}/schema: an inline enum on a path-level parameter has no operation to be named after; move the parameter into each operation or declare the enum as a component.");
                        }
                    }
                }

                foreach (var (method, node) in pathItem)
                {
                    if (node is JsonObject operation && method is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace")
                    {
                        NameOperation(operation, $"{ptr}/{method}");
                    }
                }
            }
        }

        // Parameters declared once under components (a union of scalars there is a string too).
        if (components["parameters"] is JsonObject sharedParameters)
        {
            foreach (var (name, node) in sharedParameters)
            {
                if (node is JsonObject p && p["schema"] is JsonObject s && IsInlineUnion(s))
                {
                    p["schema"] = ScalarUnionParameter(s, $"#/components/parameters/{Escape(name)}/schema");
                }
            }
        }

        // Properties of every component (including the ones named above, appended while iterating).
        for (int i = 0; i < _schemas.Count; i++)
        {
            var (name, node) = _schemas.GetAt(i);
            if (node is JsonObject schema)
            {
                NameProperties(schema, name, SchemaRefPrefix + name, variantOrMixin: IsVariantOrMixin(name));
            }
        }
    }

    private void NameOperation(JsonObject operation, string ptr)
    {
        string? opName = null;
        string OpName(string at) => opName ??= operation["operationId"] is JsonValue v && v.TryGetValue(out string? id) && Naming.PascalCase(id) is string pascal
            ? pascal
            : throw new SpecException($"{at}: an inline schema is named after its operation, and this operation has no usable operationId; add one or declare the schema as a component.");

        if (operation["parameters"] is JsonArray parameters)
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] is not JsonObject parameter || parameter["schema"] is not JsonObject schema)
                {
                    continue;
                }

                string sptr = $"{ptr}/parameters/{i}/schema";
                if (IsInlineUnion(schema))
                {
                    parameter["schema"] = ScalarUnionParameter(schema, sptr);
                    continue;
                }

                string paramName = parameter["name"]?.GetValue<string>() ?? throw new SpecException($"{ptr}/parameters/{i}: missing 'name'.");
                string typeName = OpName(sptr) + Pascal(paramName, sptr);
                if (IsInlineEnum(schema))
                {
                    parameter["schema"] = Hoist(schema, typeName, sptr);
                }
                else if (schema["items"] is JsonObject items && IsInlineEnum(items))
                {
                    schema["items"] = Hoist(items, typeName, sptr + "/items");
                }
            }
        }

        if (operation["requestBody"] is JsonObject body)
        {
            NameMedia(body, $"{ptr}/requestBody", () => OpName($"{ptr}/requestBody") + "Request", () => OpName($"{ptr}/requestBody") + "RequestItem");
        }

        if (operation["responses"] is JsonObject responses)
        {
            foreach (var (status, node) in responses)
            {
                if (node is JsonObject response)
                {
                    string rptr = $"{ptr}/responses/{status}";
                    bool success = status.StartsWith('2');
                    NameMedia(response, rptr,
                        () => OpName(rptr) + (success ? "Response" : Pascal(status, rptr) + "Response"),
                        () => OpName(rptr) + (success ? "Item" : Pascal(status, rptr) + "Item"),
                        success);
                }
            }
        }
    }

    private void NameMedia(JsonObject owner, string ptr, Func<string> name, Func<string> itemName, bool success = true)
    {
        if (owner["content"] is not JsonObject content)
        {
            return;
        }

        foreach (var (mediaType, node) in content.ToList())
        {
            if (node is not JsonObject media || media["schema"] is not JsonObject schema || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Non-JSON bodies (multipart, form, binary, text) are read by the operations pass; they are not models.
                continue;
            }

            string sptr = $"{ptr}/content/{Escape(mediaType)}/schema";
            if (IsInlineObject(schema) || IsInlineUnion(schema) || (success && IsInlineComposition(schema)))
            {
                media["schema"] = Hoist(schema, name(), sptr);
            }
            else if (IsArray(schema) && schema["items"] is JsonObject items && (IsInlineObject(items) || IsInlineUnion(items)))
            {
                schema["items"] = Hoist(items, itemName(), sptr + "/items");
            }
        }
    }

    private void NameProperties(JsonObject schema, string parent, string ptr, bool variantOrMixin)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (prop, node) in properties.ToList())
            {
                if (node is not JsonObject propSchema)
                {
                    continue;
                }

                string pptr = $"{ptr}/properties/{Escape(prop)}";
                bool enumAllowed = !(variantOrMixin && _discriminators.Contains(prop));
                if (IsInlineObject(propSchema) || IsInlineUnion(propSchema) || (enumAllowed && IsInlineEnum(propSchema)) || IsObjectComposition(propSchema))
                {
                    properties[prop] = Hoist(propSchema, parent + Pascal(prop, pptr), pptr);
                }
                else if (IsArray(propSchema) && propSchema["items"] is JsonObject items && (IsInlineObject(items) || IsInlineUnion(items)))
                {
                    propSchema["items"] = Hoist(items, parent + Pascal(prop, pptr) + "Item", pptr + "/items");
                }
                else if (NullableWrapped(propSchema) is (JsonArray branches, int index) && branches[index] is JsonObject inner
                    && (IsInlineObject(inner) || (enumAllowed && IsInlineEnum(inner))))
                {
                    branches[index] = Hoist(inner, parent + Pascal(prop, pptr), $"{pptr}/{(propSchema.ContainsKey("oneOf") ? "oneOf" : "anyOf")}/{index}");
                }
            }
        }

        // Objects declared inside inline allOf members belong to the parent (enums there are narrowings: left alone).
        if (schema["allOf"] is JsonArray members)
        {
            for (int i = 0; i < members.Count; i++)
            {
                if (members[i] is JsonObject member && !member.ContainsKey("$ref") && member["properties"] is JsonObject memberProps)
                {
                    foreach (var (prop, node) in memberProps.ToList())
                    {
                        string pptr = $"{ptr}/allOf/{i}/properties/{Escape(prop)}";
                        if (node is JsonObject propSchema && (IsInlineObject(propSchema) || IsInlineUnion(propSchema) || IsObjectComposition(propSchema)))
                        {
                            memberProps[prop] = Hoist(propSchema, parent + Pascal(prop, pptr), pptr);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A parameter whose schema is a union of scalars (<c>oneOf: [{type: string}, {type: integer}]</c>): on the wire it is
    /// text either way, so it becomes a <c>string</c> parameter whose description names the branches. A branch that is
    /// an object (or a reference to one) is an object-typed parameter: <c>PPCG015</c>.
    /// </summary>
    private JsonObject ScalarUnionParameter(JsonObject schema, string ptr)
    {
        string keyword = schema.ContainsKey("oneOf") ? "oneOf" : "anyOf";
        var branches = (JsonArray)schema[keyword]!;
        var kinds = new List<string>();
        bool nullable = false;
        for (int i = 0; i < branches.Count; i++)
        {
            var branch = branches[i] as JsonObject ?? throw new SpecException($"{ptr}/{keyword}/{i}: expected a schema.");
            var resolved = branch["$ref"] is JsonValue r && r.TryGetValue(out string? reference) && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
                ? _schemas[reference.Substring(SchemaRefPrefix.Length)] as JsonObject ?? branch
                : branch;
            if (IsNullSchema(resolved))
            {
                nullable = true;
                continue;
            }

            string? type = resolved["type"] is JsonValue t && t.TryGetValue(out string? ts) ? ts : null;
            if (type is not ("string" or "integer" or "number" or "boolean"))
            {
                throw new SpecException(ErrorCodes.ObjectParameter, $"{ptr}/{keyword}/{i}: a parameter union's branches must be scalars (string, integer, number, boolean), which are sent as text; an object or array branch has no query/path/header form.");
            }

            string kind = resolved["format"] is JsonValue f && f.TryGetValue(out string? format) ? $"{type} ({format})" : resolved.ContainsKey("enum") ? $"{type} (enum)" : type;
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        string note = $"One of: {string.Join(", ", kinds)}; sent as the text given.";
        var result = new JsonObject { ["type"] = nullable ? new JsonArray("string", "null") : "string" };
        string? description = schema["description"] is JsonValue d && d.TryGetValue(out string? ds) ? ds : null;
        result["description"] = description is null ? note : description.TrimEnd() + " " + note;
        return result;
    }

    /// <summary>
    /// The C# name of an inline (non-<c>$ref</c>) object branch of the inline union <paramref name="union"/>: the union's
    /// name plus the branch's discriminator value (its <c>const</c>, or an <c>enum</c> with one value, PascalCased), else
    /// plus its 1-based index.
    /// </summary>
    internal static string BranchName(string union, JsonObject unionSchema, JsonObject branch, int index)
    {
        string? property = unionSchema["discriminator"]?["propertyName"] is JsonValue p && p.TryGetValue(out string? name) ? name : null;
        if (property is not null && branch["properties"]?[property] is JsonObject discriminator)
        {
            string? value = discriminator["const"] is JsonValue c && c.TryGetValue(out string? cs) ? cs
                : discriminator["enum"] is JsonArray { Count: 1 } single && single[0] is JsonValue e && e.TryGetValue(out string? es) ? es
                : null;
            if (value is not null && Naming.PascalCase(value) is { Length: > 0 } pascal && Naming.IsTypeName(union + pascal))
            {
                return union + pascal;
            }
        }

        return union + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Moves an inline schema to the components under <paramref name="name"/> and returns the reference to use in its place.</summary>
    private JsonObject Hoist(JsonObject schema, string name, string ptr)
    {
        if (!Naming.IsTypeName(name))
        {
            throw new SpecException($"{ptr}: the generated type name '{name}' is not a valid C# type name; declare the schema as a component.");
        }

        if (_schemas.ContainsKey(name))
        {
            throw new SpecException($"{ptr}: this inline schema would be named '{name}', which is already a component; declare it as a component with another name and $ref it.");
        }

        if (IsInlineUnion(schema))
        {
            string keyword = schema.ContainsKey("oneOf") ? "oneOf" : "anyOf";
            var branches = (JsonArray)schema[keyword]!;
            if (keyword == "anyOf")
            {
                throw new SpecException(ErrorCodes.AnyOfUnion, $"{ptr}: an inline anyOf with several branches is not supported; use oneOf with a discriminator.");
            }

            // Inline object branches become components of their own ({Union}{Value} or {Union}{Index}), like $ref variants.
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < branches.Count; i++)
            {
                if (branches[i] is not JsonObject b || b.ContainsKey("$ref") || IsNullSchema(b))
                {
                    continue;
                }

                if (!IsInlineObject(b) && !(b.ContainsKey("allOf") && !b.ContainsKey("oneOf") && !b.ContainsKey("anyOf")))
                {
                    throw new SpecException(ErrorCodes.ScalarUnion, $"{ptr}/{keyword}/{i}: a union branch must be an object (inline, or a $ref to a component object schema) or {{type: 'null'}}; a scalar or array branch has no C# model shape.");
                }

                string branchName = BranchName(name, schema, b, i);
                if (!taken.Add(branchName))
                {
                    branchName = name + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var variantRef = Hoist(b, branchName, $"{ptr}/{keyword}/{i}");
                variantRef.Remove("description"); // a variant is a plain $ref; the description stays on the component
                branches[i] = variantRef;
            }
        }

        var component = (JsonObject)schema.DeepClone();
        bool nullableObject = false;
        if (IsInlineObject(component) && component["type"] is JsonArray types)
        {
            // type: [object, 'null'] → the component is an object; the reference carries the null.
            nullableObject = types.Any(t => t?.GetValue<string>() == "null");
            component["type"] = "object";
        }

        _schemas[name] = component;
        _m.InlineNames[ptr] = name;

        var reference = new JsonObject { ["$ref"] = SchemaRefPrefix + name };
        if (nullableObject)
        {
            return new JsonObject { ["oneOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) };
        }

        if (schema["description"] is JsonNode description)
        {
            // Kept on the property too (a $ref sibling), so the property's documentation does not change.
            reference["description"] = description.DeepClone();
        }

        return reference;
    }

    private static string Pascal(string name, string ptr)
    {
        // A part that starts with a digit is fine after the operation or parent name ('2nd.value' → '2ndValue').
        string? pascal = Naming.PascalCase(name) ?? Naming.PascalCase("x_" + name)?.Substring(1);
        if (pascal is null || pascal.Length == 0 || !Naming.IsIdentifier("X" + pascal))
        {
            throw new SpecException($"{ptr}: '{name}' cannot be turned into part of a C# type name; declare the inline schema as a component.");
        }

        return pascal;
    }

    /// <summary>An object schema with its own properties (not a reference, not a composition, not a map).</summary>
    internal static bool IsInlineObject(JsonObject schema) =>
        !schema.ContainsKey("$ref") && !schema.ContainsKey("allOf") && !schema.ContainsKey("oneOf") && !schema.ContainsKey("anyOf")
        && schema["properties"] is JsonObject { Count: > 0 }
        && (schema["type"] is null || HasType(schema, "object"));

    /// <summary>
    /// An inline <c>allOf</c> composition (<c>allOf: [{$ref: A}, {properties: …}]</c>) as a request body or 2xx response:
    /// named like an inline object (its members are merged). Error responses keep theirs: there,
    /// <c>allOf: [{$ref: Problem}, {narrowing}]</c> only lists the problem types of the base model.
    /// </summary>
    internal static bool IsInlineComposition(JsonObject schema) =>
        !schema.ContainsKey("$ref") && !schema.ContainsKey("oneOf") && !schema.ContainsKey("anyOf")
        && schema["allOf"] is JsonArray { Count: > 1 } && (schema["type"] is null || HasType(schema, "object"));

    /// <summary>
    /// An inline <c>allOf</c> of objects as a property (<c>links: {allOf: [{$ref: LinksSelf}, {$ref: LinksPagination}]}</c>):
    /// its merged form is an object with properties of its own, so it is named like an inline object
    /// (<c>{Parent}{Property}</c>) instead of reaching NSwag inline. Every member must be an object: a reference to a
    /// component with properties or an allOf of its own, or an inline object; a composition that narrows an enum or adds
    /// only a description stays as it is.
    /// </summary>
    private bool IsObjectComposition(JsonObject schema)
    {
        if (!IsInlineComposition(schema))
        {
            return false;
        }

        foreach (var member in (JsonArray)schema["allOf"]!)
        {
            if (member is not JsonObject m)
            {
                return false;
            }

            var target = m["$ref"] is JsonValue r && r.TryGetValue(out string? reference) && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
                ? _schemas[reference.Substring(SchemaRefPrefix.Length)] as JsonObject
                : m.ContainsKey("$ref") ? null : m;
            if (target is null || target.ContainsKey("enum") || target.ContainsKey("const") || target.ContainsKey("oneOf") || target.ContainsKey("anyOf")
                || !(IsInlineObject(target) || target.ContainsKey("allOf")))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A string enum with at least two non-null values.</summary>
    internal static bool IsInlineEnum(JsonObject schema) =>
        !schema.ContainsKey("$ref") && schema["enum"] is JsonArray values && values.Count(v => v is not null) >= 2
        && !schema.ContainsKey("properties");

    /// <summary>A <c>oneOf</c>/<c>anyOf</c> with at least two non-null branches.</summary>
    internal static bool IsInlineUnion(JsonObject schema)
    {
        var branches = schema["oneOf"] as JsonArray ?? schema["anyOf"] as JsonArray;
        return branches is not null && branches.Count(b => b is not JsonObject o || !IsNullSchema(o)) >= 2;
    }

    private static bool NeedsName(JsonObject schema, bool allowUnion) =>
        IsInlineEnum(schema) || (schema["items"] is JsonObject items && IsInlineEnum(items)) || (allowUnion && IsInlineUnion(schema));

    private static bool IsArray(JsonObject schema) => HasType(schema, "array");

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() == type,
        JsonArray a => a.Any(t => t?.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == type),
        _ => false,
    };

    /// <summary>For <c>oneOf/anyOf: [X, {type: 'null'}]</c>: the branches and the index of X.</summary>
    private static (JsonArray Branches, int Index)? NullableWrapped(JsonObject schema)
    {
        var branches = schema["oneOf"] as JsonArray ?? schema["anyOf"] as JsonArray;
        if (branches is null || branches.Count != 2)
        {
            return null;
        }

        for (int i = 0; i < 2; i++)
        {
            if (branches[1 - i] is JsonObject other && IsNullSchema(other) && branches[i] is JsonObject)
            {
                return (branches, i);
            }
        }

        return null;
    }

    private void CollectDiscriminators(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["discriminator"] is JsonObject d && d["propertyName"] is JsonValue p && p.TryGetValue(out string? name))
                {
                    _discriminators.Add(name);
                }

                foreach (var (key, value) in obj)
                {
                    if (key is not ("example" or "examples"))
                    {
                        CollectDiscriminators(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectDiscriminators(item);
                }

                break;
        }
    }

    /// <summary>Whether the component is a union branch or an allOf member somewhere (its discriminator enums stay inline).</summary>
    private bool IsVariantOrMixin(string name)
    {
        string reference = SchemaRefPrefix + name;
        foreach (var (_, node) in _schemas)
        {
            if (node is JsonObject schema)
            {
                foreach (string keyword in new[] { "oneOf", "anyOf", "allOf" })
                {
                    if (schema[keyword] is JsonArray branches && branches.Any(b => b?["$ref"] is JsonValue v && v.TryGetValue(out string? r) && r == reference))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    internal static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
