using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PostPress.Spec;

/// <summary>
/// The one YAML → JSON loader of the repository (the generator, the sandbox and the tests compile this file; see
/// build/README.md, "One spec reader"). It follows the YAML 1.2 core schema, the one js-yaml (and so Redocly and Spectral)
/// uses: plain <c>true</c>/<c>false</c> (also <c>True</c>, <c>TRUE</c>...) become JSON booleans; plain <c>null</c>,
/// <c>~</c> and empty become JSON null; plain decimal, <c>0x</c> hexadecimal and <c>0o</c> octal integers and plain floats
/// become JSON numbers; everything else, and every quoted, literal (<c>|</c>) or folded (<c>&gt;</c>) scalar or one
/// tagged <c>!!str</c> or <c>!</c>, stays a string (so <c>'200'</c>, <c>"true"</c>, <c>yes</c>, <c>2024-01-31</c> are
/// strings). Mapping keys are always strings (<c>200:</c> is <c>"200"</c>). Anchors and aliases are expanded (each alias
/// becomes a copy). Refused with a <see cref="SpecException"/> naming the JSON pointer and the line: duplicate keys,
/// non-scalar keys, YAML merge keys (<c>&lt;&lt;</c>), tags other than the core ones, infinities and NaN (JSON has none),
/// more or less than one document, nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>The deepest nesting accepted (a self-referencing alias would otherwise recurse without end).</summary>
    public const int MaxDepth = 256;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Reads a YAML (or, by its <c>.json</c> extension, JSON) file whose root is a mapping.</summary>
    /// <exception cref="SpecException">The file is not valid YAML/JSON, or its root is not a mapping.</exception>
    public static JsonObject Load(string path)
    {
        string text = File.ReadAllText(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new SpecException($"{path}: JSON error at line {e.LineNumber + 1}: {e.Message}", e);
            }

            return node as JsonObject ?? throw new SpecException($"{path}: the document root must be an object.");
        }

        return Parse(text);
    }

    /// <summary>Parses YAML text (JSON is YAML too) whose root is a mapping.</summary>
    /// <exception cref="SpecException">The text is not valid YAML, or its root is not a mapping.</exception>
    public static JsonObject Parse(string text) =>
        ParseNode(text) as JsonObject ?? throw new SpecException("#: the document root must be a mapping.");

    /// <summary>Parses YAML text holding exactly one document, whatever its root.</summary>
    /// <exception cref="SpecException">The text is not valid YAML or holds something JSON cannot represent.</exception>
    public static JsonNode? ParseNode(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecException($"YAML error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet reports some duplicate mapping keys this way.
            throw new SpecException($"YAML error: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new SpecException($"expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode, "#", 0);
    }

    private static JsonNode? Convert(YamlNode node, string pointer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SpecException($"{pointer}: nested more than {MaxDepth} levels deep (line {node.Start.Line}).");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is not YamlScalarNode keyNode)
                    {
                        throw new SpecException($"{pointer}: mapping keys must be scalars (line {entry.Key.Start.Line}).");
                    }

                    string key = keyNode.Value ?? string.Empty;
                    if (key == "<<" && keyNode.Style == ScalarStyle.Plain)
                    {
                        throw new SpecException($"{pointer}: YAML merge keys ('<<') are not supported (line {keyNode.Start.Line}).");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw new SpecException($"{pointer}: duplicate key '{key}' (line {keyNode.Start.Line}).");
                    }

                    obj[key] = Convert(entry.Value, pointer + "/" + key.Replace("~", "~0").Replace("/", "~1"), depth + 1);
                }

                return obj;

            case YamlSequenceNode sequence:
                var array = new JsonArray();
                int i = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1));
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
        string? tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;

        if (tag is not null and not "!" and not "?")
        {
            string shortTag = tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? tag.Substring(CoreTagPrefix.Length) : tag.TrimStart('!');
            return shortTag switch
            {
                "str" => JsonValue.Create(value),
                "null" => null,
                "bool" => ParseBool(value) ?? throw Invalid(scalar, pointer, "!!bool"),
                "int" or "float" => ParseNumber(value) ?? throw Invalid(scalar, pointer, "!!" + shortTag),
                _ => throw new SpecException($"{pointer}: unsupported YAML tag '{tag}' (line {scalar.Start.Line})."),
            };
        }

        // Quoted, literal and folded scalars, and the non-specific tag '!', are always strings.
        if (scalar.Style != ScalarStyle.Plain || tag == "!")
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (ParseBool(value) is { } boolean)
        {
            return boolean;
        }

        if (NumberPattern().IsMatch(value) || HexOrOctalPattern().IsMatch(value))
        {
            return ParseNumber(value) ?? throw Invalid(scalar, pointer, "number");
        }

        if (SpecialFloatPattern().IsMatch(value))
        {
            throw new SpecException($"{pointer}: '{value}' is infinity or NaN, which JSON cannot represent (line {scalar.Start.Line}).");
        }

        return JsonValue.Create(value);
    }

    private static JsonValue? ParseBool(string value) => value switch
    {
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ => null,
    };

    /// <summary>
    /// A JSON number backed by its JSON text, so that every numeric <c>GetValue&lt;T&gt;</c> (int, long, decimal, double)
    /// works on it. Integers keep every digit; other numbers are read as <see cref="decimal"/> (exactly, <c>1e3</c> is
    /// <c>1000</c>), else <see cref="double"/>.
    /// </summary>
    private static JsonNode? ParseNumber(string value)
    {
        BigInteger integer;
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            integer = BigInteger.Parse("0" + value.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            integer = BigInteger.Zero;
            foreach (char digit in value.Substring(2))
            {
                integer = (integer * 8) + (digit - '0');
            }
        }
        else if (IntegerPattern().IsMatch(value))
        {
            integer = BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec))
        {
            return JsonNode.Parse(dec.ToString(CultureInfo.InvariantCulture));
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && double.IsFinite(dbl))
        {
            return JsonNode.Parse(dbl.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            return null;
        }

        return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
    }

    private static SpecException Invalid(YamlScalarNode scalar, string pointer, string expected) =>
        new($"{pointer}: '{scalar.Value}' is not a valid {expected} (line {scalar.Start.Line}).");

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(0x[0-9a-fA-F]+|0o[0-7]+)$")]
    private static partial Regex HexOrOctalPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloatPattern();
}
