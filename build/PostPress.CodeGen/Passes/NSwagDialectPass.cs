using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Pass 5 (normalised model → NSwag dialect): writes the OpenAPI 3.0.3 document NSwag reads, section by section.
/// </summary>
internal sealed class NSwagDialectPass
{
    private readonly SpecModel _m;

    public NSwagDialectPass(SpecModel model)
    {
        _m = model;
    }

    public JsonObject Run()
    {
        var normalizer = new SchemaNormalizer(_m);
        var operationsCheck = new OperationPartsCheckPass(_m, normalizer);
        var componentsPass = new ComponentsDialectPass(_m, normalizer, operationsCheck);
        var output = new JsonObject();
        foreach (var (key, value) in _m.Document)
        {
            switch (key)
            {
                case "openapi":
                    output["openapi"] = "3.0.3";
                    break;
                case "info":
                    var info = (JsonObject)value!.DeepClone();
                    info.Remove("summary");
                    (info["license"] as JsonObject)?.Remove("identifier");
                    output["info"] = info;
                    break;
                case "jsonSchemaDialect":
                case "webhooks":
                    break;
                case "servers":
                    // Dropped so NSwag generates the constructor (string baseUrl, HttpClient httpClient) instead of
                    // hard-coding the first server URL: the facade decides the base URL.
                    break;
                case "tags":
                case "security":
                case "externalDocs":
                    output[key] = value?.DeepClone();
                    break;
                case "paths":
                    // NSwag generates the models only (generateClientClasses: false): its output is the same with or
                    // without the operations, which are checked here and read by the operations pass.
                    operationsCheck.CheckPaths(value as JsonObject ?? throw new SpecException("'paths' must be an object."));
                    output["paths"] = new JsonObject();
                    break;
                case "components":
                    output["components"] = componentsPass.TransformComponents(value as JsonObject ?? throw new SpecException("'components' must be an object."));
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        output[key] = value?.DeepClone();
                        break;
                    }

                    throw new SpecException($"unsupported top-level key '{key}'.");
            }
        }

        componentsPass.AddReferencedMixins(output);
        componentsPass.CheckTypeNameCollisions(output, _m.AllEnums());
        return output;
    }
}
