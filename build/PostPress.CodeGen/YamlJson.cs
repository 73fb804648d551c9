using System;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PostPress.CodeGen;

/// <summary>Loads a YAML (or JSON) document into a <see cref="JsonNode"/> tree, resolving plain scalars with the YAML 1.2 core schema.</summary>
internal static partial class YamlJson
{
    public static JsonObject Load(string path)
    {
        string text = File.ReadAllText(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new SpecException($"{path}: the document root must be an object.");
        }

        return Parse(text);
    }

    /// <summary>Parses YAML text (a superset of JSON) into a JSON object.</summary>
    public static JsonObject Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecException($"YAML error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports duplicate mapping keys this way.
            throw new SpecException($"YAML error: {e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new SpecException($"expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode, "#") as JsonObject
            ?? throw new SpecException("the document root must be a mapping.");
    }

    private static JsonNode? Convert(YamlNode node, string pointer)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var entry in map.Children)
                {
                    if (entry.Key is not YamlScalarNode keyNode || keyNode.Value is null)
                    {
                        throw new SpecException($"{pointer}: mapping keys must be scalars (line {entry.Key.Start.Line}).");
                    }

                    string key = keyNode.Value;
                    if (key == "<<")
                    {
                        throw new SpecException($"{pointer}: YAML merge keys ('<<') are not supported (line {keyNode.Start.Line}).");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw new SpecException($"{pointer}: duplicate key '{key}' (line {keyNode.Start.Line}).");
                    }

                    obj[key] = Convert(entry.Value, pointer + "/" + key.Replace("~", "~0").Replace("/", "~1"));
                }

                return obj;

            case YamlSequenceNode seq:
                var array = new JsonArray();
                int i = 0;
                foreach (var item in seq.Children)
                {
                    array.Add(Convert(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture)));
                    i++;
                }

                return array;

            case YamlScalarNode scalar:
                return ConvertScalar(scalar, pointer);

            default:
                throw new SpecException($"{pointer}: unsupported YAML node {node.NodeType} (line {node.Start.Line}).");
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar, string pointer)
    {
        string value = scalar.Value ?? string.Empty;
        string tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        if (tag == "tag:yaml.org,2002:str" || scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (tag.Length != 0 && tag != "?" && tag != "!")
        {
            throw new SpecException($"{pointer}: unsupported YAML tag '{tag}' (line {scalar.Start.Line}).");
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntRegex().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return JsonValue.Create(l);
        }

        if (FloatRegex().IsMatch(value))
        {
            if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d))
            {
                return JsonValue.Create(d);
            }

            return JsonValue.Create(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (value is ".inf" or "-.inf" or "+.inf" or ".nan" or ".NaN" or ".Inf" or ".INF" or ".NAN")
        {
            throw new SpecException($"{pointer}: YAML infinities/NaN cannot be represented in JSON (line {scalar.Start.Line}).");
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntRegex();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatRegex();
}
