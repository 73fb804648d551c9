using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Builds small OpenAPI documents from YAML fragments and runs passes on them.</summary>
internal static class Spec
{
    /// <summary>A 3.1 document with the given <c>components.schemas</c> (YAML, indented as a mapping at column 0) and optional <c>paths</c>.</summary>
    public static JsonObject Doc(string schemas, string? paths = null)
    {
        string yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
            + "paths:" + (paths is null ? " {}\n" : "\n" + Indent(paths, 2))
            + "components:\n  schemas:" + (schemas.Trim().Length == 0 ? " {}\n" : "\n" + Indent(schemas, 4));
        return YamlJson.Parse(yaml);
    }

    /// <summary>Runs the spec → normalised model passes (no NSwag dialect).</summary>
    public static SpecModel Model(JsonObject doc)
    {
        var model = new SpecModel(doc);
        new InlineSchemaNamingPass(model).Run();
        new ReferenceScanPass(model).Run();
        new EnumPass(model).Run();
        new UnionPass(model).Run();
        return model;
    }

    public static GenerationModel Generate(JsonObject doc) => new Transformer(doc).Run();

    /// <summary>Runs NSwag's C# generator in-process on the model's NSwag document with build/nswag.json, as the build does.</summary>
    public static NSwagModelGenerator.Result Models(GenerationModel model)
    {
        string path = System.IO.Path.Combine(System.AppContext.BaseDirectory, "nswag.json");
        var settings = NSwagSettings.Read(path, (JsonObject)JsonNode.Parse(System.IO.File.ReadAllText(path))!);
        return NSwagModelGenerator.GenerateAsync(model, settings).GetAwaiter().GetResult();
    }

    /// <summary>Asserts the action fails with a <see cref="SpecException"/> whose message starts with the JSON pointer.</summary>
    public static SpecException Fails(System.Action action, string pointer)
    {
        var e = Assert.Throws<SpecException>(action);
        Assert.StartsWith(pointer, e.Message, System.StringComparison.Ordinal);
        return e;
    }

    /// <summary>openapi/postpress.yaml with Fixtures/evolution.yaml merged in (paths, component schemas, tag Chats).</summary>
    public static JsonObject Evolved()
    {
        var doc = YamlJson.Load("openapi/postpress.yaml");
        var add = YamlJson.Load("Fixtures/evolution.yaml");
        foreach (var (path, item) in (JsonObject)add["paths"]!)
        {
            ((JsonObject)doc["paths"]!)[path] = item!.DeepClone();
        }

        foreach (var (name, schema) in (JsonObject)add["components"]!["schemas"]!)
        {
            ((JsonObject)doc["components"]!["schemas"]!)[name] = schema!.DeepClone();
        }

        ((JsonArray)doc["tags"]!).Add(new JsonObject { ["name"] = "Chats", ["description"] = "Chats." });
        return doc;
    }

    public static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        var lines = text.Replace("\r\n", "\n").Trim('\n').Split('\n');
        int common = int.MaxValue;
        foreach (var l in lines)
        {
            if (l.Trim().Length > 0)
            {
                common = System.Math.Min(common, l.Length - l.TrimStart().Length);
            }
        }

        var sb = new System.Text.StringBuilder();
        foreach (var l in lines)
        {
            sb.Append(pad).Append(l.Length >= common ? l.Substring(common) : l.TrimStart()).Append('\n');
        }

        return sb.ToString();
    }
}
