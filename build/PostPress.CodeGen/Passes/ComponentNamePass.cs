using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// Pass 0 (spec → spec): gives every component schema a C# type name. A name that is already PascalCase
/// (<c>[A-Z][A-Za-z0-9]*</c>) is kept; any other is PascalCased (<c>odd-names.model</c> → <c>OddNamesModel</c>,
/// <c>sign_value</c> → <c>SignValue</c>, <c>lowercase</c> → <c>Lowercase</c>), prefixed with <c>Schema</c> when it would
/// start with a digit (<c>3d-model</c> → <c>Schema3dModel</c>) or spell nothing, and suffixed with <c>Model</c> when it is
/// a root namespace or a common runtime type (<c>System</c> → <c>SystemModel</c>, <c>Task</c> → <c>TaskModel</c>,
/// <c>String</c> → <c>StringModel</c>; the list is <see cref="RootNamespaces"/>). A result that clashes with another component gets <c>2</c>, <c>3</c>… in document
/// order. Every <c>#/components/schemas/…</c> string of the document (<c>$ref</c>s, discriminator mappings) is rewritten.
/// Component names never reach the wire, so renaming changes only the C# type names.
/// </summary>
internal static class ComponentNamePass
{
    /// <summary>
    /// Names a component may not keep: the root namespaces the generated code names unqualified, and the runtime types
    /// the SDK's code and its callers name unqualified (<c>PostPress.Models</c> is a global using of the package, and
    /// implicit usings bring System, System.IO, System.Linq, System.Net.Http, System.Threading and
    /// System.Threading.Tasks): a model named <c>Task</c> would make every <c>async Task</c> ambiguous (CS0104).
    /// </summary>
    private static readonly HashSet<string> RootNamespaces = new(StringComparer.Ordinal)
    {
        "System", "Newtonsoft", "PostPress", "Microsoft", "Models",
        "Task", "ValueTask", "Object", "String", "Exception", "Type", "Uri", "Guid", "DateTime", "DateTimeOffset", "TimeSpan",
        "Stream", "Action", "Func", "Attribute", "Enum", "Array", "Math", "Console", "Environment", "Nullable", "Version",
        "Buffer", "Random", "Tuple", "File", "Path", "Directory", "Thread", "Timer", "Monitor", "Index", "Range", "Convert",
        "Delegate", "Activator", "Lazy", "Decimal", "Double", "Single", "Boolean", "Byte", "Char", "Int16", "Int32", "Int64",
        "UInt16", "UInt32", "UInt64", "IntPtr", "Void", "Span", "Memory", "CancellationToken", "HttpClient", "Enumerable",
        "GC", "Int128", "Half", "DateOnly", "TimeOnly",
    };

    public static void Run(JsonObject document)
    {
        if (document["components"]?["schemas"] is not JsonObject schemas)
        {
            return;
        }

        var names = schemas.Select(p => p.Key).ToList();
        var taken = new HashSet<string>(names.Where(n => Naming.IsTypeName(n) && !RootNamespaces.Contains(n)), StringComparer.Ordinal);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Naming.IsTypeName(name) && !RootNamespaces.Contains(name))
            {
                continue;
            }

            string baseName = TypeName(name);
            string unique = baseName;
            for (int n = 2; !taken.Add(unique); n++)
            {
                unique = baseName + n.ToString(CultureInfo.InvariantCulture);
            }

            renames[name] = unique;
        }

        if (renames.Count == 0)
        {
            return;
        }

        var renamed = new JsonObject();
        foreach (var (name, schema) in schemas.ToList())
        {
            schemas.Remove(name);
            renamed[renames.TryGetValue(name, out var to) ? to : name] = schema;
        }

        document["components"]!["schemas"] = renamed;
        Rewrite(document, renames);
    }

    /// <summary>The C# type name of a component name that is not one.</summary>
    public static string TypeName(string name)
    {
        string? pascal = Naming.PascalCase(name) ?? Naming.PascalCase("x_" + name)?.Substring(1);
        if (string.IsNullOrEmpty(pascal) || !Naming.IsIdentifier("X" + pascal))
        {
            return "Schema" + string.Concat(name.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
        }

        if (char.IsDigit(pascal[0]))
        {
            return "Schema" + pascal;
        }

        return RootNamespaces.Contains(pascal) ? pascal + "Model" : pascal;
    }

    private static void Rewrite(JsonNode? node, Dictionary<string, string> renames)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue(out string? text) && Target(text, renames) is { } target)
                    {
                        obj[key] = target;
                    }
                    else
                    {
                        Rewrite(value, renames);
                    }
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue(out string? text) && Target(text, renames) is { } target)
                    {
                        array[i] = target;
                    }
                    else
                    {
                        Rewrite(array[i], renames);
                    }
                }

                break;
        }
    }

    private static string? Target(string text, Dictionary<string, string> renames)
    {
        const string prefix = "#/components/schemas/";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = text.Substring(prefix.Length);
        int slash = rest.IndexOf('/');
        string name = Pointer.Unescape(slash < 0 ? rest : rest.Substring(0, slash));
        return renames.TryGetValue(name, out var to) ? prefix + Pointer.Escape(to) + (slash < 0 ? string.Empty : rest.Substring(slash)) : null;
    }
}
