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
    /// <see cref="PascalCase"/>, or when the name starts with a digit, <paramref name="prefix"/> followed by the
    /// PascalCased name (<c>2nd.value</c> → <c>Value2ndValue</c>); null when the name has no letter or digit.
    /// </summary>
    public static string? PascalCaseOrPrefixed(string name, string prefix)
    {
        if (PascalCase(name) is { } pascal)
        {
            return pascal;
        }

        string? rest = PascalCase("x_" + name)?.Substring(1);
        return string.IsNullOrEmpty(rest) ? null : prefix + rest;
    }

    private static readonly Dictionary<char, string> SymbolWords = new()
    {
        ['+'] = "Plus", ['-'] = "Minus", ['*'] = "Star", ['/'] = "Slash", ['\\'] = "Backslash", ['.'] = "Dot",
        ['@'] = "At", ['#'] = "Hash", ['%'] = "Percent", ['&'] = "And", ['='] = "Eq", ['<'] = "Lt", ['>'] = "Gt",
        ['!'] = "Not", ['?'] = "Question", ['~'] = "Tilde", ['$'] = "Dollar", ['^'] = "Caret", ['|'] = "Pipe",
        [':'] = "Colon", [','] = "Comma", [' '] = "Space",
    };

    /// <summary>
    /// The C# member name of an enum wire value when no <c>x-enum-varnames</c> entry names it: <see cref="PascalCase"/>
    /// when that is an identifier; otherwise the value is spelled out word by word (each run of letters and digits
    /// PascalCased, each symbol by its word: <c>+1</c> → <c>Plus1</c>, <c>-1</c> → <c>Minus1</c>, <c>*</c> →
    /// <c>Star</c>, <c>1.5</c> → <c>Value1Dot5</c>), <c>""</c> → <c>Empty</c>, a name starting with a digit gets the
    /// prefix <c>Value</c> (<c>2fa</c> → <c>Value2fa</c>) and a value with nothing to spell (other symbols, non-ASCII
    /// letters) becomes <c>Value</c> plus its UTF-16 code units in hex. Clashes are resolved by the caller (suffix <c>_2</c>, <c>_3</c>…).
    /// </summary>
    public static string EnumMemberName(string value)
    {
        if (PascalCase(value) is { } pascal)
        {
            return pascal;
        }

        if (value.Length == 0)
        {
            return "Empty";
        }

        var sb = new StringBuilder();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                sb.Append(char.IsLetter(word[0]) ? PascalCase(word.ToString()) : word.ToString());
                word.Clear();
            }
        }

        foreach (char c in value)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            Flush();
            if (SymbolWords.TryGetValue(c, out var symbol))
            {
                sb.Append(symbol);
            }
        }

        Flush();
        string result = sb.ToString();
        if (result.Length == 0 || !value.Any(c => c < 128 && (char.IsLetterOrDigit(c) || SymbolWords.ContainsKey(c))) || value.Any(c => c >= 128))
        {
            return "Value" + string.Concat(value.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return char.IsDigit(result[0]) ? "Value" + result : result;
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
    /// the post-processing step that removes underscores (<c>created_at</c> → <c>CreatedAt</c>), see <see cref="NSwagModelGenerator"/>.
    /// </summary>
    public static string PropertyName(string jsonName)
    {
        // NJsonSchema's CSharpPropertyNameGenerator: a first pass drops or replaces punctuation, then
        // ConvertToUpperCamelCase(name, firstCharacterMustBeAlpha: true) upper-cases the first letter and the letter after
        // each dash (a leading digit gets "_"), then a second pass replaces what is left.
        string name = jsonName;
        if (name.IndexOfAny("\"'@?!$[]().=+|".ToCharArray()) >= 0)
        {
            name = name.Replace("\"", string.Empty).Replace("'", string.Empty).Replace("@", string.Empty).Replace("?", string.Empty)
                .Replace("!", string.Empty).Replace("$", string.Empty).Replace("[", string.Empty).Replace("]", string.Empty)
                .Replace("(", "_").Replace(")", string.Empty).Replace(".", "-").Replace("=", "-").Replace("+", "plus").Replace("|", "_");
        }

        name = name.Replace(" ", "_").Replace("/", "_");
        var sb = new StringBuilder();
        bool upperNext = true;
        foreach (char c in name)
        {
            if (c == '-')
            {
                upperNext = true;
                continue;
            }

            sb.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        string converted = sb.ToString();
        if (converted.Length > 0 && char.IsDigit(converted[0]))
        {
            converted = "_" + converted;
        }

        converted = converted.Replace("*", "Star").Replace(":", "_").Replace("-", "_").Replace("#", "_").Replace("&", "And");
        string result = RemoveUnderscores(converted);
        if (!IsIdentifier(result))
        {
            throw new SpecException($"property name '{jsonName}' is used by the generator (a request body, discriminator or union-distinguishing property) and gives no C# name ('{result}').");
        }

        return result;
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
