using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace PostPress.CodeGen;

/// <summary>
/// Reads <c>build/nswag.json</c> (an NSwag settings document, <c>codeGenerators.openApiToCSharpClient</c>) into NSwag's
/// own <see cref="CSharpClientGeneratorSettings"/>, the way the NSwag command line maps it: each key is the camel-cased
/// name of a writable property of the client settings, else of <see cref="CSharpClientGeneratorSettings.CSharpGeneratorSettings"/>
/// (<c>typeAccessModifier</c> sets both the DTOs' and the client interfaces' modifier, as NSwag's command does;
/// <c>operationGenerationMode</c> picks the operation name generator). The command-level keys (<c>output</c>,
/// <c>newLineBehavior</c>) are not settings; any other unknown key fails the build, so a setting is never silently ignored.
/// </summary>
internal static class NSwagSettings
{
    /// <summary>Keys of the NSwag command itself, not of the generator (the generator runs in-process: no output file).</summary>
    private static readonly HashSet<string> CommandKeys = new(StringComparer.Ordinal) { "output", "newLineBehavior" };

    /// <summary>Reads the settings file.</summary>
    /// <param name="settingsPath">The path of build/nswag.json (for messages).</param>
    /// <param name="settings">Its content.</param>
    /// <returns>The generator settings and the C# namespace.</returns>
    public static CSharpClientGeneratorSettings Read(string settingsPath, JsonObject settings)
    {
        var client = settings["codeGenerators"]?["openApiToCSharpClient"] as JsonObject
            ?? throw new SpecException($"{settingsPath}: missing codeGenerators.openApiToCSharpClient.");
        var result = new CSharpClientGeneratorSettings();
        foreach (var (key, value) in client)
        {
            if (CommandKeys.Contains(key) || value is null)
            {
                continue;
            }

            string name = char.ToUpperInvariant(key[0]) + key.Substring(1);
            switch (name)
            {
                case "OperationGenerationMode":
                    result.OperationNameGenerator = value.GetValue<string>() switch
                    {
                        "SingleClientFromOperationId" => new SingleClientFromOperationIdOperationNameGenerator(),
                        "MultipleClientsFromOperationId" => new MultipleClientsFromOperationIdOperationNameGenerator(),
                        "MultipleClientsFromPathSegments" => new MultipleClientsFromPathSegmentsOperationNameGenerator(),
                        "MultipleClientsFromFirstTagAndPathSegments" => new MultipleClientsFromFirstTagAndPathSegmentsOperationNameGenerator(),
                        "MultipleClientsFromFirstTagAndOperationId" => new MultipleClientsFromFirstTagAndOperationIdGenerator(),
                        "MultipleClientsFromFirstTagAndOperationName" => new MultipleClientsFromFirstTagAndOperationNameGenerator(),
                        string other => throw new SpecException($"{settingsPath}: unknown operationGenerationMode '{other}'."),
                    };
                    continue;
                case "TypeAccessModifier":
                    result.CSharpGeneratorSettings.TypeAccessModifier = value.GetValue<string>();
                    result.ClientInterfaceAccessModifier = value.GetValue<string>();
                    continue;
            }

            object target = result;
            var property = Writable(typeof(CSharpClientGeneratorSettings), name);
            if (property is null)
            {
                target = result.CSharpGeneratorSettings;
                property = Writable(result.CSharpGeneratorSettings.GetType(), name);
            }

            if (property is null)
            {
                throw new SpecException($"{settingsPath}: codeGenerators.openApiToCSharpClient.{key} is not a setting of NSwag's C# generator {typeof(CSharpClientGeneratorSettings).Assembly.GetName().Version}.");
            }

            try
            {
                property.SetValue(target, Convert(value, property.PropertyType));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
            {
                throw new SpecException($"{settingsPath}: codeGenerators.openApiToCSharpClient.{key}: {e.Message}");
            }
        }

        return result;
    }

    private static PropertyInfo? Writable(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } p && p.GetSetMethod() is not null ? p : null;

    private static object? Convert(JsonNode value, Type type)
    {
        if (type.IsEnum)
        {
            return Enum.Parse(type, value.GetValue<string>(), ignoreCase: false);
        }

        if (type == typeof(string[]))
        {
            return (value as JsonArray ?? throw new FormatException("expected an array of strings.")).Select(n => n!.GetValue<string>()).ToArray();
        }

        return value.Deserialize(type);
    }
}
