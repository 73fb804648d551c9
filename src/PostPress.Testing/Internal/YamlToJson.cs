using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PostPress.Testing.Internal;

/// <summary>
/// Converts YAML to <see cref="JsonNode"/> following the YAML 1.2 core schema (the one js-yaml, and so Redocly, uses):
/// plain <c>true</c>/<c>false</c> become JSON booleans, plain <c>null</c>/<c>~</c>/empty become JSON null, plain
/// numerals become JSON numbers, and every quoted, literal or folded scalar (or one tagged <c>!!str</c>) stays a string.
/// Mapping keys are always strings (so <c>200:</c> becomes <c>"200"</c>).
/// </summary>
internal static partial class YamlToJson
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
        {
            throw new InvalidOperationException($"Expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => ConvertSequence(sequence),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new NotSupportedException($"Unsupported YAML node {node.GetType().Name} at {node.Start}."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode keyScalar)
            {
                throw new NotSupportedException($"Only scalar mapping keys can be converted to JSON ({keyNode.Start}).");
            }

            var key = keyScalar.Value ?? string.Empty;
            if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
            {
                throw new NotSupportedException($"YAML merge keys ('<<') are not supported ({keyNode.Start}).");
            }

            if (result.ContainsKey(key))
            {
                throw new InvalidOperationException($"Duplicate mapping key '{key}' at {keyNode.Start}.");
            }

            result.Add(key, Convert(valueNode));
        }

        return result;
    }

    private static JsonArray ConvertSequence(YamlSequenceNode sequence)
    {
        var result = new JsonArray();
        foreach (var item in sequence.Children)
        {
            result.Add(Convert(item));
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;

        if (tag is not null && tag != "!")
        {
            var shortTag = tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal) ? tag[YamlTagPrefix.Length..] : tag.TrimStart('!');
            return shortTag switch
            {
                "str" => JsonValue.Create(value),
                "null" => null,
                "bool" => ParseBool(value) ?? throw Invalid(scalar, "!!bool"),
                "int" or "float" => ParseNumber(value) ?? throw Invalid(scalar, "!!" + shortTag),
                _ => throw new NotSupportedException($"Unsupported YAML tag '{tag}' at {scalar.Start}."),
            };
        }

        // Quoted, literal and folded scalars (and the non-specific tag '!') are always strings.
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
            return ParseNumber(value) ?? throw Invalid(scalar, "number");
        }

        if (SpecialFloatPattern().IsMatch(value))
        {
            throw new NotSupportedException($"YAML scalar '{value}' ({scalar.Start}) is infinity/NaN, which JSON cannot represent.");
        }

        return JsonValue.Create(value);
    }

    private static JsonValue? ParseBool(string value) => value switch
    {
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ => null,
    };

    private static JsonNode? ParseNumber(string value)
    {
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return JsonNode.Parse(BigInteger.Parse("0" + value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }

        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            var octal = BigInteger.Zero;
            foreach (var digit in value[2..])
            {
                octal = (octal * 8) + (digit - '0');
            }

            return JsonNode.Parse(octal.ToString(CultureInfo.InvariantCulture));
        }

        if (IntegerPattern().IsMatch(value))
        {
            return JsonNode.Parse(BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec))
        {
            return JsonValue.Create(dec);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && double.IsFinite(dbl))
        {
            return JsonValue.Create(dbl);
        }

        return null;
    }

    private static InvalidOperationException Invalid(YamlScalarNode scalar, string expected) =>
        new($"YAML scalar '{scalar.Value}' at {scalar.Start} is not a valid {expected}.");

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(0x[0-9a-fA-F]+|0o[0-7]+)$")]
    private static partial Regex HexOrOctalPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloatPattern();
}
