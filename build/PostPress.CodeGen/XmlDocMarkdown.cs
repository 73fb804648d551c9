using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace PostPress.CodeGen;

/// <summary>
/// Turns the Markdown of spec descriptions into XML documentation tags, so IntelliSense never shows raw Markdown:
/// <c>`code`</c> → <c>&lt;c&gt;</c>, <c>**bold**</c> → <c>&lt;b&gt;</c>, <c>*italic*</c> → <c>&lt;i&gt;</c>,
/// <c>[text](https://…)</c> → <c>&lt;see href="…"&gt;text&lt;/see&gt;</c>, lines starting with <c>- </c>, <c>* </c>,
/// <c>+ </c> or <c>1. </c> → <c>&lt;list type="bullet|number"&gt;</c>. A backtick left without its pair becomes <c>'</c>.
/// The input of <see cref="Inline"/> and <see cref="Block"/> is text that is ALREADY XML-escaped (NJsonSchema's <c>ConvertCSharpDocs</c> in NSwagModelGenerator, or
/// <see cref="Naming.DocLines"/>), so the tags added here are the only markup.
/// </summary>
internal static partial class XmlDocMarkdown
{
    /// <summary>Converts the inline Markdown of one line of escaped text.</summary>
    public static string Inline(string escaped)
    {
        if (escaped.IndexOfAny(new[] { '`', '*', '[' }) < 0)
        {
            return escaped;
        }

        var sb = new StringBuilder();
        int last = 0;
        foreach (Match code in CodeSpanRegex().Matches(escaped))
        {
            sb.Append(Emphasis(escaped.Substring(last, code.Index - last)));
            sb.Append("<c>").Append(code.Groups["code"].Value).Append("</c>");
            last = code.Index + code.Length;
        }

        sb.Append(Emphasis(escaped.Substring(last)));
        return sb.ToString();
    }

    /// <summary>
    /// Converts a block of escaped lines: list items become a <c>&lt;list&gt;</c>, every line gets <see cref="Inline"/>.
    /// </summary>
    public static List<string> Block(IEnumerable<string> escapedLines)
    {
        var output = new List<string>();
        string? openList = null;
        foreach (string raw in escapedLines)
        {
            var item = ListItemRegex().Match(raw);
            string type = item.Success ? (char.IsDigit(item.Groups["marker"].Value[0]) ? "number" : "bullet") : string.Empty;
            if (openList is not null && openList != type)
            {
                output.Add("</list>");
                openList = null;
            }

            if (!item.Success)
            {
                output.Add(Inline(raw));
                continue;
            }

            if (openList is null)
            {
                output.Add($"<list type=\"{type}\">");
                openList = type;
            }

            output.Add($"<item><description>{Inline(item.Groups["text"].Value)}</description></item>");
        }

        if (openList is not null)
        {
            output.Add("</list>");
        }

        return output;
    }

    private static string Emphasis(string text)
    {
        text = LinkRegex().Replace(text, m => $"<see href=\"{m.Groups["url"].Value.Replace("\"", "&quot;")}\">{m.Groups["text"].Value}</see>");
        text = BoldRegex().Replace(text, "<b>${text}</b>");
        text = ItalicRegex().Replace(text, "<i>${text}</i>");
        return text.Replace('`', '\'');
    }

    [GeneratedRegex("`(?<code>[^`]+)`")]
    private static partial Regex CodeSpanRegex();

    [GeneratedRegex(@"\[(?<text>[^\]\[]+)\]\((?<url>(?:https?://|mailto:)[^\s)]+)\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"\*\*(?<text>[^*\s](?:[^*]*[^*\s])?)\*\*")]
    private static partial Regex BoldRegex();

    [GeneratedRegex(@"(?<![\w*])\*(?<text>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])")]
    private static partial Regex ItalicRegex();

    [GeneratedRegex(@"^\s*(?<marker>[-*+]|\d{1,3}[.)])\s+(?<text>.*)$")]
    private static partial Regex ListItemRegex();
}
