using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PostPress.CodeGen;

/// <summary>
/// <c>generate --spec FILE --settings build/nswag.json --out DIR</c>: writes DIR/postpress.nswag.json (NSwag dialect),
/// DIR/Enums.g.cs, DIR/Unions.g.cs, DIR/Operations.g.cs, DIR/Errors.g.cs, and, running NSwag's C# generator in-process,
/// DIR/PostPress.Client.g.cs (models), DIR/ModelFactory.g.cs (<c>PostPressModelFactory</c>) and DIR/ModelSerializers.g.cs and DIR/SystemTextJsonConverters.g.cs.<br/>
/// <c>sandbox-constants --spec FILE --out FILE.g.cs</c>: the constants of PostPress.Testing (<see cref="SandboxConstantsEmitter"/>).
/// </summary>
internal static class Program
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<int> Main(string[] args)
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
                    await Generate(spec, Required(options, "settings"), Required(options, "out")).ConfigureAwait(false);
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

    private static async Task Generate(string spec, string settingsPath, string outDir)
    {
        var model = new Transformer(YamlJson.Load(spec)).Run();

        var settingsJson = JsonNode.Parse(File.ReadAllText(settingsPath)) as JsonObject
            ?? throw new SpecException($"{settingsPath}: not a JSON object.");
        var client = settingsJson["codeGenerators"]?["openApiToCSharpClient"] as JsonObject
            ?? throw new SpecException($"{settingsPath}: missing codeGenerators.openApiToCSharpClient.");
        string ns = client["namespace"]?.GetValue<string>() ?? throw new SpecException($"{settingsPath}: missing 'namespace'.");
        if (client["jsonLibrary"]?.GetValue<string>() is string library && library != "NewtonsoftJson")
        {
            throw new SpecException($"{settingsPath}: the generated unions and enums need jsonLibrary NewtonsoftJson.");
        }

        var settings = NSwagSettings.Read(settingsPath, settingsJson);

        Directory.CreateDirectory(outDir);
        var emitter = new CSharpEmitter(ns);
        Write(Path.Combine(outDir, "postpress.nswag.json"), ToJson(model.NSwagDocument));
        Write(Path.Combine(outDir, "Enums.g.cs"), emitter.EmitEnums(model.Enums));
        Write(Path.Combine(outDir, "Unions.g.cs"), emitter.EmitUnions(model.Unions));
        var surface = new OperationSurfaceBuilder(model).Build();
        Write(Path.Combine(outDir, "Operations.g.cs"), OperationEmitter.Emit(surface));
        var errors = ErrorsEmitter.Collect(model.Spec.Document, model.Spec.Schemas.Select(s => s.Key));
        Write(Path.Combine(outDir, "Errors.g.cs"), ErrorsEmitter.Emit(errors));
        Console.WriteLine($"PostPress.CodeGen: {model.Enums.Count} extensible enums, {model.Unions.Count} unions ({model.Unions.Sum(u => u.Variants.Count)} variants), {surface.Resources.Sum(r => r.Operations.Count)} operations in {surface.Resources.Count} resource groups, {errors.Count} error statuses -> {outDir}");

        // The models: NSwag's C# generator, in-process, on the NSwag-dialect document.
        string clientFile = Path.Combine(outDir, "PostPress.Client.g.cs");
        var nswag = await NSwagModelGenerator.GenerateAsync(model, settings).ConfigureAwait(false);
        Write(clientFile, nswag.Code);

        // The model factory and the model readers/writers come from the same code model (names and types exactly as compiled).
        Write(Path.Combine(outDir, "ModelFactory.g.cs"), ModelFactoryEmitter.Emit(nswag.Classes, model, ns));
        Write(Path.Combine(outDir, "ModelSerializers.g.cs"), ModelSerializerEmitter.Emit(nswag.Classes, model, ns));

        // And the System.Text.Json converters (reflection-free, attached to each model, union and enum by attribute).
        Write(Path.Combine(outDir, "SystemTextJsonConverters.g.cs"), SystemTextJsonEmitter.Emit(nswag.Classes, model, ns));
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
        Console.Error.WriteLine("       PostPress.CodeGen sandbox-constants --spec FILE --out SANDBOX_CONSTANTS_CS");
        return 2;
    }
}
