using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// NSwag dialect: <c>components</c>. Enums become excluded placeholders, unions abstract bases with <c>allOf</c> variants,
/// allOf-only mixins are dropped (unless still referenced), every other schema is normalised.
/// </summary>
internal sealed class ComponentsDialectPass
{
    private readonly SpecModel _m;
    private readonly SchemaNormalizer _n;
    private readonly OperationPartsCheckPass _operations;

    public ComponentsDialectPass(SpecModel model, SchemaNormalizer normalizer, OperationPartsCheckPass operations)
    {
        _m = model;
        _n = normalizer;
        _operations = operations;
    }

    public JsonObject TransformComponents(JsonObject components)
    {
        var result = new JsonObject();
        foreach (var (key, value) in components)
        {
            var section = value as JsonObject ?? throw new SpecException($"#/components/{key} must be an object.");
            switch (key)
            {
                case "schemas":
                    result["schemas"] = TransformSchemas();
                    break;
                // The operation parts are checked, not written: NSwag generates models only (see OperationPartsCheckPass).
                case "parameters":
                    foreach (var (n, p) in section)
                    {
                        _operations.CheckParameter(p, $"#/components/parameters/{n}");
                    }

                    break;
                case "responses":
                    foreach (var (n, r) in section)
                    {
                        _operations.CheckResponse(r, $"#/components/responses/{n}");
                    }

                    break;
                case "requestBodies":
                    foreach (var (n, r) in section)
                    {
                        _operations.CheckRequestBody(r, $"#/components/requestBodies/{n}");
                    }

                    break;
                case "headers":
                    foreach (var (n, h) in section)
                    {
                        _operations.CheckHeader(h, $"#/components/headers/{n}");
                    }

                    break;
                case "securitySchemes":
                case "examples":
                case "links":
                    result[key] = section.DeepClone();
                    break;
                case "pathItems":
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = section.DeepClone();
                        break;
                    }

                    throw new SpecException($"#/components/{key} is not supported.");
            }
        }

        return result;
    }

    private JsonObject TransformSchemas()
    {
        var result = new JsonObject();
        void Add(string name, JsonObject schema)
        {
            if (result.ContainsKey(name))
            {
                throw new SpecException($"two generated schemas are named '{name}' (check x-csharp-variant-names and the discriminator enum names {{Union}}{{Property}}).");
            }

            result[name] = schema;
        }

        foreach (var (name, node) in _m.Schemas)
        {
            var schema = (JsonObject)node!;
            string ptr = SchemaRefPrefix + name;
            if (_m.Enums.TryGetValue(name, out var enumModel))
            {
                Add(name, EnumPlaceholder(enumModel));
            }
            else if (_m.Unions.TryGetValue(name, out var union))
            {
                Add(name, UnionBase(union));
                if (union.DiscriminatorEnum is { Synthesized: true } synthesized)
                {
                    Add(synthesized.Name, EnumPlaceholder(synthesized));
                }

                foreach (var variant in union.Variants)
                {
                    Add(variant.Name, VariantSchema(union, variant));
                }
            }
            else if (_m.VariantSources.Contains(name))
            {
                if (_m.StandaloneVariantSources.Contains(name))
                {
                    Add(name, _n.Normalize(_m.GetFlat(name), ptr, inSchema: false));
                }
            }
            else if (_m.AllOfRefs.Contains(name) && !_m.DirectRefs.Contains(name))
            {
                // A mixin only used through allOf: merged into its users, not generated on its own.
            }
            else
            {
                Add(name, _n.Normalize(schema, ptr, inSchema: false));
            }
        }

        return result;
    }

    private static JsonObject EnumPlaceholder(EnumModel model)
    {
        // An object schema NSwag references by name; excludedTypeNames keeps it from generating a class, so the name
        // resolves to the extensible enum struct of Enums.g.cs. x-abstract makes NSwag initialize required
        // properties with default! instead of new T().
        var placeholder = new JsonObject
        {
            ["type"] = "object",
            ["x-abstract"] = true,
            ["x-postpress-extensible-enum"] = true,
        };
        if (model.Description is not null)
        {
            placeholder["description"] = model.Description;
        }

        return placeholder;
    }

    private JsonObject UnionBase(UnionModel union)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        var first = union.Variants[0].Flat;
        if (union.DiscriminatorProperty is string disc)
        {
            var discProperty = new JsonObject { ["$ref"] = SchemaRefPrefix + union.DiscriminatorEnum!.Name };
            string? description = (first["properties"]?[disc] as JsonObject)?["description"]?.GetValue<string>();
            if (description is not null)
            {
                discProperty["description"] = description;
            }

            properties[disc] = discProperty;
            required.Add(disc);
        }

        foreach (string shared in union.SharedProperties)
        {
            properties[shared] = _n.Normalize(first["properties"]![shared], $"{SchemaRefPrefix}{union.Variants[0].SourceName}/properties/{shared}", inSchema: true);
            if (union.Variants.All(v => RequiredOf(v.Flat).Contains(shared)))
            {
                required.Add(shared);
            }
        }

        var result = new JsonObject { ["type"] = "object", ["x-abstract"] = true };
        if (union.Description is not null)
        {
            result["description"] = union.Description;
        }

        if (required.Count > 0)
        {
            result["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        result["properties"] = properties;
        return result;
    }

    private JsonObject VariantSchema(UnionModel union, VariantModel variant)
    {
        var ownProperties = new JsonObject();
        var ownRequired = new List<string>();
        var required = RequiredOf(variant.Flat);
        foreach (var (prop, schema) in (variant.Flat["properties"] as JsonObject) ?? new JsonObject())
        {
            if (prop == union.DiscriminatorProperty || union.SharedProperties.Contains(prop))
            {
                continue;
            }

            ownProperties[prop] = _n.Normalize(schema, $"{SchemaRefPrefix}{variant.SourceName}/properties/{prop}", inSchema: true);
            if (required.Contains(prop))
            {
                ownRequired.Add(prop);
            }
        }

        var own = new JsonObject { ["type"] = "object" };
        if (ownRequired.Count > 0)
        {
            own["required"] = new JsonArray(ownRequired.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        own["properties"] = ownProperties;
        var result = new JsonObject();
        if (variant.Description is not null)
        {
            result["description"] = variant.Description;
        }

        result["allOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaRefPrefix + union.Name }, own);
        return result;
    }

    /// <summary>
    /// Mixins (components only used through allOf) are not emitted, unless the output still references them, e.g. an
    /// error response whose narrowing allOf collapsed to <c>$ref: ProblemDetails</c>.
    /// </summary>
    public void AddReferencedMixins(JsonObject output)
    {
        var schemas = (output["components"] as JsonObject)?["schemas"] as JsonObject;
        if (schemas is null)
        {
            return;
        }

        // Also what the operations reference (they are not in the NSwag document): a mixin used directly by a body or a
        // response is still a model the operations pass types it with.
        var components = _m.Document["components"] as JsonObject;
        var pending = new Queue<string>(CollectRefs(output)
            .Concat(CollectRefs(_m.Document["paths"]))
            .Concat(new[] { "parameters", "responses", "requestBodies", "headers" }.SelectMany(k => CollectRefs(components?[k]))));
        while (pending.Count > 0)
        {
            string name = pending.Dequeue();
            if (schemas.ContainsKey(name) || !_m.Schemas.ContainsKey(name))
            {
                continue;
            }

            var schema = _n.Normalize(_m.Schemas[name], SchemaRefPrefix + name, inSchema: false);
            schemas[name] = schema;
            foreach (string nested in CollectRefs(schema))
            {
                pending.Enqueue(nested);
            }
        }
    }

    public void CheckTypeNameCollisions(JsonObject output, List<EnumModel> enums)
    {
        var schemas = (output["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
        var names = new HashSet<string>(schemas.Select(p => p.Key), StringComparer.Ordinal);
        foreach (var union in _m.Unions.Values)
        {
            if (!names.Add(union.UnknownName))
            {
                throw new SpecException($"{SchemaRefPrefix}{union.Name}: the fallback class name '{union.UnknownName}' is already taken by a component.");
            }
        }

        foreach (var model in enums)
        {
            if (!schemas.ContainsKey(model.Name))
            {
                throw new SpecException($"internal error: enum placeholder '{model.Name}' missing from the NSwag document.");
            }
        }
    }
}
