using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace PostPress.CodeGen;

internal static partial class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>A component name that is used verbatim as a C# type name (NSwag keeps such names unchanged).</summary>
    public static bool IsTypeName(string name) => TypeNameRegex().IsMatch(name) && !Keywords.Contains(name);

    public static bool IsIdentifier(string name) => IdentifierRegex().IsMatch(name) && !Keywords.Contains(name);

    /// <summary>
    /// PascalCases a wire value: splits on every non-alphanumeric character; an all-upper or all-lower word becomes
    /// "Word", a mixed-case word only gets its first letter upper-cased ("LinkedIn" stays "LinkedIn").
    /// Returns null when the result is not a valid identifier (empty, or starting with a digit).
    /// </summary>
    public static string? PascalCase(string value)
    {
        var sb = new StringBuilder();
        foreach (string word in WordSplitRegex().Split(value))
        {
            if (word.Length == 0)
            {
                continue;
            }

            bool allUpper = word.All(c => !char.IsLetter(c) || char.IsUpper(c));
            bool allLower = word.All(c => !char.IsLetter(c) || char.IsLower(c));
            sb.Append(char.ToUpperInvariant(word[0]));
            sb.Append(allUpper || allLower ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }

        string result = sb.ToString();
        return result.Length == 0 || char.IsDigit(result[0]) ? null : result;
    }

    /// <summary>
    /// The member name of a discriminator value. When the value, ignoring case and separators, is a whole-word part of
    /// the variant class name, that part's casing is used (<c>ICLOUD</c> + <c>ICloudAccount</c> → <c>ICloud</c>,
    /// <c>GOOGLE_OAUTH</c> + <c>GoogleOAuthAccount</c> → <c>GoogleOAuth</c>); otherwise <see cref="PascalCase"/>.
    /// </summary>
    public static string? DiscriminatorMemberName(string value, string variantName)
    {
        string key = new string(value.Where(char.IsLetterOrDigit).ToArray());
        if (key.Length > 0)
        {
            int index = variantName.IndexOf(key, StringComparison.OrdinalIgnoreCase);
            while (index >= 0)
            {
                int end = index + key.Length;
                if (char.IsUpper(variantName[index]) && (end == variantName.Length || char.IsUpper(variantName[end]) || char.IsDigit(variantName[end])))
                {
                    return variantName.Substring(index, key.Length);
                }

                index = variantName.IndexOf(key, index + 1, StringComparison.OrdinalIgnoreCase);
            }
        }

        return PascalCase(value);
    }

    /// <summary>
    /// The C# property name of a JSON property: NSwag's own conversion (upper-camel-case, dashes removed) followed by
    /// the post-processing step that removes underscores (<c>created_at</c> → <c>CreatedAt</c>), see <see cref="NSwagPostProcessor"/>.
    /// </summary>
    public static string PropertyName(string jsonName)
    {
        if (!JsonPropertyNameRegex().IsMatch(jsonName))
        {
            throw new SpecException($"property name '{jsonName}' is used by the generator (discriminator or union-distinguishing property) and must match {JsonPropertyNameRegex()}.");
        }

        // NJsonSchema: ConvertToUpperCamelCase(name, firstCharacterMustBeAlpha: true) turns "a-b" into "AB"-style camel case.
        var sb = new StringBuilder();
        bool upperNext = true;
        foreach (char c in jsonName)
        {
            if (c == '-')
            {
                upperNext = true;
                continue;
            }

            sb.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return RemoveUnderscores(sb.ToString());
    }

    /// <summary>Removes every underscore that sits between two letters/digits and upper-cases the character after it.</summary>
    public static string RemoveUnderscores(string name)
    {
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_' && sb.Length > 0 && char.IsLetterOrDigit(sb[sb.Length - 1]) && i + 1 < name.Length && char.IsLetterOrDigit(name[i + 1]))
            {
                sb.Append(char.ToUpperInvariant(name[i + 1]));
                i++;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Escapes text for an XML doc comment, turns its Markdown into doc tags (<see cref="XmlDocMarkdown"/>) and splits it into <c>/// </c> lines.</summary>
    public static IEnumerable<string> DocLines(string text)
    {
        string escaped = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        return XmlDocMarkdown.Block(escaped.Replace("\r\n", "\n").Trim().Split('\n').Select(line => line.TrimEnd()));
    }

    /// <summary>The default message of <c>[Obsolete]</c> when the spec gives none.</summary>
    public const string DefaultDeprecationMessage = "Deprecated by the postpress API.";

    /// <summary>
    /// The deprecation message of an operation, parameter or schema marked <c>deprecated: true</c>, or null when it is
    /// not deprecated: <c>x-deprecated-message</c>, <c>x-postpress-deprecated-message</c> or <c>x-deprecatedMessage</c>
    /// if present, else the first sentence of its description, else <see cref="DefaultDeprecationMessage"/>.
    /// </summary>
    public static string? DeprecationMessage(System.Text.Json.Nodes.JsonObject? node)
    {
        if (node is null || node["deprecated"] is not System.Text.Json.Nodes.JsonValue flag
            || flag.GetValueKind() != System.Text.Json.JsonValueKind.True)
        {
            return null;
        }

        foreach (var key in new[] { "x-deprecated-message", "x-postpress-deprecated-message", "x-deprecatedMessage" })
        {
            if (node[key] is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
                && v.GetValue<string>().Trim() is { Length: > 0 } text)
            {
                return OneLine(text);
            }
        }

        if (node["description"] is System.Text.Json.Nodes.JsonValue d && d.GetValueKind() == System.Text.Json.JsonValueKind.String
            && d.GetValue<string>().Trim() is { Length: > 0 } description)
        {
            return OneLine(FirstSentence(description));
        }

        return DefaultDeprecationMessage;
    }

    /// <summary>The text up to the first sentence end (". ", ".\n" or the first blank line), or the whole text.</summary>
    public static string FirstSentence(string text)
    {
        text = text.Replace("\r\n", "\n").Trim();
        int end = text.Length;
        int paragraph = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (paragraph >= 0)
        {
            end = paragraph;
        }

        for (int i = 0; i < end; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                end = i + 1;
                break;
            }
        }

        return text.Substring(0, end).Trim();
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));

    public static string XmlEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    public static string CSharpString(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex TypeNameRegex();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex WordSplitRegex();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex JsonPropertyNameRegex();
}
