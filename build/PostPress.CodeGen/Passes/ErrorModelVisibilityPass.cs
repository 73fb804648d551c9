using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Pass (spec → normalised model): object components reachable only from error (non-2xx) responses, e.g.
/// <c>ProblemDetails</c>, become <see cref="SpecModel.InternalTypes"/>. The SDK surfaces error bodies as
/// <c>PostPressApiException</c>, so such classes would only clash with common names (ASP.NET Core's
/// <c>ProblemDetails</c>). Enums stay public (<c>ErrorType</c> is part of the exception API), and so do unions.
/// </summary>
internal sealed class ErrorModelVisibilityPass
{
    private readonly SpecModel _m;

    public ErrorModelVisibilityPass(SpecModel model)
    {
        _m = model;
    }

    public void Run()
    {
        var publicRoots = new List<JsonNode?>();
        var errorRoots = new List<JsonNode?>();
        foreach (var (_, item) in _m.Document["paths"] as JsonObject ?? new JsonObject())
        {
            foreach (var (key, node) in item as JsonObject ?? new JsonObject())
            {
                if (key == "parameters")
                {
                    publicRoots.Add(node);
                    continue;
                }

                if (node is not JsonObject operation)
                {
                    continue;
                }

                foreach (var (part, value) in operation)
                {
                    if (part != "responses")
                    {
                        publicRoots.Add(value);
                        continue;
                    }

                    foreach (var (status, response) in value as JsonObject ?? new JsonObject())
                    {
                        (status.StartsWith('2') || status == "default" ? publicRoots : errorRoots).Add(response);
                    }
                }
            }
        }

        var reachablePublic = Closure(publicRoots);
        foreach (string name in Closure(errorRoots))
        {
            if (!reachablePublic.Contains(name) && !_m.Enums.ContainsKey(name) && !_m.Unions.ContainsKey(name) && !_m.VariantSources.Contains(name))
            {
                _m.InternalTypes.Add(name);
            }
        }
    }

    /// <summary>Component schema names reachable from the roots (through component responses, bodies and schemas).</summary>
    private HashSet<string> Closure(IEnumerable<JsonNode?> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>(roots);
        var visitedRefs = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (string reference in AllRefs(node))
            {
                if (!visitedRefs.Add(reference))
                {
                    continue;
                }

                if (reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                {
                    string name = reference.Substring(SchemaRefPrefix.Length);
                    seen.Add(name);
                    pending.Push(_m.Schemas[name]);
                }
                else if (reference.StartsWith("#/components/", StringComparison.Ordinal))
                {
                    var parts = reference.Substring("#/components/".Length).Split('/');
                    pending.Push(parts.Length == 2 ? _m.Document["components"]?[parts[0]]?[parts[1]] : null);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<string> AllRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue v && v.TryGetValue(out string? reference))
                {
                    yield return reference;
                }

                foreach (var (key, value) in obj)
                {
                    if (key is "example" or "examples")
                    {
                        continue;
                    }

                    foreach (string r in AllRefs(value))
                    {
                        yield return r;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (string r in AllRefs(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }
}
