using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>Pass 2 (spec → normalised model): records which components are referenced directly, through allOf, or only as union branches.</summary>
internal sealed class ReferenceScanPass
{
    private readonly SpecModel _m;

    public ReferenceScanPass(SpecModel model)
    {
        _m = model;
    }

    public void Run() => ScanReferences();

    /// <summary>Records which components are referenced directly, through allOf, or only as union branches.</summary>
    private void ScanReferences()
    {
        foreach (var (_, node) in _m.Schemas)
        {
            if (node is JsonObject schema && schema.ContainsKey("oneOf"))
            {
                foreach (var (key, value) in schema)
                {
                    if (key == "oneOf")
                    {
                        // Union branches ($ref) are not direct references; anything else inside is scanned.
                        foreach (var branch in value as JsonArray ?? new JsonArray())
                        {
                            if (branch is JsonObject b && !b.ContainsKey("$ref"))
                            {
                                Scan(b, null, isNameMap: false);
                            }
                        }
                    }
                    else if (key != "discriminator" && !key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Scan(value, key, isNameMap: false);
                    }
                }
            }
            else
            {
                Scan(node, null, isNameMap: false);
            }
        }

        foreach (var (key, value) in _m.Document)
        {
            if (key == "components" && value is JsonObject components)
            {
                foreach (var (section, content) in components)
                {
                    if (section != "schemas" && !section.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Scan(content, section, isNameMap: true);
                    }
                }
            }
            else if (key == "paths")
            {
                Scan(value, key, isNameMap: true);
            }
        }
    }

    private void Scan(JsonNode? node, string? parentKey, bool isNameMap)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!isNameMap && obj["$ref"] is JsonValue refValue && refValue.TryGetValue(out string? reference)
                    && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                {
                    (parentKey == "allOf" ? _m.AllOfRefs : _m.DirectRefs).Add(reference.Substring(SchemaRefPrefix.Length));
                }

                foreach (var (key, value) in obj)
                {
                    if (isNameMap)
                    {
                        // Keys are names (properties, status codes, media types...), values are objects.
                        Scan(value, null, isNameMap: false);
                        continue;
                    }

                    if (key is "example" or "examples" or "discriminator" || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    bool childIsNameMap = key is "properties" or "patternProperties" or "$defs" or "responses" or "content"
                        or "headers" or "links" or "callbacks" or "encoding";
                    Scan(value, key, childIsNameMap);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scan(item, parentKey, isNameMap: false);
                }

                break;
        }
    }
}
