using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.Testing.Internal;

/// <summary>Turns the text of a path/query/header parameter into the JSON its schema describes, for validation.</summary>
internal static class ParameterValues
{
    public static JsonNode? ToJson(JsonObject? schema, string[] raw)
    {
        var type = TypeOf(schema);
        if (type == "array")
        {
            var itemSchema = schema?["items"] as JsonObject;
            var array = new JsonArray();
            foreach (var value in raw)
            {
                array.Add(Scalar(itemSchema, value));
            }

            return array;
        }

        return Scalar(schema, raw[^1]);
    }

    private static JsonNode? Scalar(JsonObject? schema, string value)
    {
        if ((schema?["oneOf"] ?? schema?["anyOf"]) is JsonArray branches)
        {
            // A union of scalars (a parameter the SDK types as string): the first branch type the text reads as,
            // trying numbers and booleans before strings.
            var types = branches.OfType<JsonObject>().Select(TypeOf).ToList();
            foreach (var candidate in new[] { "integer", "number", "boolean" })
            {
                if (types.Contains(candidate) && Scalar(new JsonObject { ["type"] = candidate }, value) is JsonValue typed && typed.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    return typed;
                }
            }

            return JsonValue.Create(value);
        }

        switch (TypeOf(schema))
        {
            case "integer" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return JsonValue.Create(l);
            case "integer" when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var big):
                return JsonValue.Create(big);
            case "number" when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case "boolean" when value is "true" or "false":
                return JsonValue.Create(value == "true");
            default:
                return JsonValue.Create(value);
        }
    }

    private static string? TypeOf(JsonObject? schema) => schema?["type"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var t) => t,
        JsonArray a => a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).FirstOrDefault(s => s is not null && s != "null"),
        _ => null,
    };
}
