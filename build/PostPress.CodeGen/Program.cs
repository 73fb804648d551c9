using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// <c>generate --spec FILE --settings build/nswag.json --out DIR</c>: writes DIR/postpress.nswag.json (NSwag dialect),
/// DIR/postpress.nswag (the NSwag settings with excludedTypeNames filled in), DIR/Enums.g.cs and DIR/Unions.g.cs.<br/>
/// <c>postprocess --spec FILE --client DIR/PostPress.Client.g.cs</c>: fixes up NSwag's output in place and writes
/// DIR/ModelFactory.g.cs (<c>PostPressModelFactory</c>).<br/>
/// <c>sandbox-constants --spec FILE --out FILE.g.cs</c>: the constants of PostPress.Testing (<see cref="SandboxConstantsEmitter"/>).
/// </summary>
internal static class Program
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static int Main(string[] args)
    {
        string spec = "(spec)";
        try
        {
            if (args.Length == 0)
            {
                return Usage();
            }

            var options = ParseOptions(args.Skip(1).ToArray());
            spec = Required(options, "spec");
            switch (args[0])
            {
                case "generate":
                    Generate(spec, Required(options, "settings"), Required(options, "out"));
                    return 0;
                case "postprocess":
                    PostProcess(spec, Required(options, "client"));
                    return 0;
                case "sandbox-constants":
                    SandboxConstants(spec, Required(options, "out"));
                    return 0;
                default:
                    return Usage();
            }
        }
        catch (SpecException e)
        {
            // Canonical MSBuild error format: the Exec task reports it as a build error.
            Console.Error.WriteLine(e.ToBuildError(spec));
            return 1;
        }
    }

    private static void Generate(string spec, string settingsPath, string outDir)
    {
        var model = new Transformer(YamlJson.Load(spec)).Run();

        var settings = JsonNode.Parse(File.ReadAllText(settingsPath)) as JsonObject
            ?? throw new SpecException($"{settingsPath}: not a JSON object.");
        var client = settings["codeGenerators"]?["openApiToCSharpClient"] as JsonObject
            ?? throw new SpecException($"{settingsPath}: missing codeGenerators.openApiToCSharpClient.");
        string ns = client["namespace"]?.GetValue<string>() ?? throw new SpecException($"{settingsPath}: missing 'namespace'.");
        if (client["jsonLibrary"]?.GetValue<string>() is string library && library != "NewtonsoftJson")
        {
            throw new SpecException($"{settingsPath}: the generated unions and enums need jsonLibrary NewtonsoftJson.");
        }

        // NSwag's /variables cannot carry a list (values are split on ',' and JSON-escaped), so the effective settings
        // file is written here: build/nswag.json plus the extensible enums in excludedTypeNames.
        var excluded = (client["excludedTypeNames"] as JsonArray ?? new JsonArray())
            .Select(n => n!.GetValue<string>())
            .Concat(model.Enums.Select(e => e.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        client["excludedTypeNames"] = new JsonArray(excluded.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());

        Directory.CreateDirectory(outDir);
        var emitter = new CSharpEmitter(ns);
        Write(Path.Combine(outDir, "postpress.nswag.json"), ToJson(model.NSwagDocument));
        Write(Path.Combine(outDir, "postpress.nswag"), ToJson(settings));
        Write(Path.Combine(outDir, "Enums.g.cs"), emitter.EmitEnums(model.Enums));
        Write(Path.Combine(outDir, "Unions.g.cs"), emitter.EmitUnions(model.Unions));
        var surface = new OperationSurfaceBuilder(model).Build();
        Write(Path.Combine(outDir, "Operations.g.cs"), OperationEmitter.Emit(surface));
        var errors = ErrorsEmitter.Collect(model.Spec.Document, model.Spec.Schemas.Select(s => s.Key));
        Write(Path.Combine(outDir, "Errors.g.cs"), ErrorsEmitter.Emit(errors));
        Console.WriteLine($"PostPress.CodeGen: {model.Enums.Count} extensible enums, {model.Unions.Count} unions ({model.Unions.Sum(u => u.Variants.Count)} variants), {surface.Resources.Sum(r => r.Operations.Count)} operations in {surface.Resources.Count} resource groups, {errors.Count} error statuses -> {outDir}");
    }

    private static void PostProcess(string spec, string clientFile)
    {
        var model = new Transformer(YamlJson.Load(spec)).Run();
        string code = NSwagPostProcessor.Process(File.ReadAllText(clientFile), model, clientFile);
        Write(clientFile, code);

        // The model factory is derived from the final models (names and types exactly as compiled).
        var ns = System.Text.RegularExpressions.Regex.Match(code, @"^namespace (?<ns>[\w.]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        if (!ns.Success)
        {
            throw new SpecException($"{clientFile}: no namespace declaration found.");
        }

        string factory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(clientFile))!, "ModelFactory.g.cs");
        Write(factory, ModelFactoryEmitter.Emit(code, model, ns.Groups["ns"].Value));

        // So are the model readers (one JSON reader per model, no reflection on the per-call path).
        Write(Path.Combine(Path.GetDirectoryName(factory)!, "ModelSerializers.g.cs"), ModelSerializerEmitter.Emit(code, model, ns.Groups["ns"].Value));
    }

    /// <summary>The constants of PostPress.Testing (operation ids, error codes, union variants): OUT is the .g.cs file.</summary>
    private static void SandboxConstants(string spec, string outFile)
    {
        var model = new Transformer(YamlJson.Load(spec)).Run();
        var names = SandboxConstantsEmitter.Collect(model);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        Write(outFile, SandboxConstantsEmitter.Emit(names));
        Console.WriteLine($"PostPress.CodeGen: sandbox constants: {names.Operations.Count} operations, {names.Errors.Count} error codes, {names.Unions.Count} unions ({names.Unions.Sum(u => u.Variants.Count)} variants) -> {outFile}");
    }

    private static string ToJson(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>Always writes (even when unchanged) so MSBuild's Inputs/Outputs timestamps stay consistent.</summary>
    private static void Write(string path, string content) => File.WriteAllText(path, content.Replace("\r\n", "\n"), Utf8NoBom);

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new SpecException($"bad argument '{args[i]}'.");
            }

            options[args[i].Substring(2)] = args[++i];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? value) ? value : throw new SpecException($"missing --{name}.");

    private static int Usage()
    {
        Console.Error.WriteLine("usage: PostPress.CodeGen generate --spec FILE --settings NSWAG_JSON --out DIR");
        Console.Error.WriteLine("       PostPress.CodeGen postprocess --spec FILE --client CLIENT_CS");
        Console.Error.WriteLine("       PostPress.CodeGen sandbox-constants --spec FILE --out SANDBOX_CONSTANTS_CS");
        return 2;
    }
}
