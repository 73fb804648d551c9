using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Doc comments: Markdown → XML doc tags, and generated summaries placed above the attributes.</summary>
public class DocsTests
{
    [Theory]
    [InlineData("Pass `cursor` until `null`.", "Pass <c>cursor</c> until <c>null</c>.")]
    [InlineData("Use `*_preview` or **all** of *them*.", "Use <c>*_preview</c> or <b>all</b> of <i>them</i>.")]
    [InlineData("See [the docs](https://example.com/a?b=1&amp;c=2).", "See <see href=\"https://example.com/a?b=1&amp;c=2\">the docs</see>.")]
    [InlineData("a lone ` tick", "a lone ' tick")]
    [InlineData("2 * 3 * 4", "2 * 3 * 4")]
    public void Inline_markdown_becomes_doc_tags(string escaped, string expected) =>
        Assert.Equal(expected, XmlDocMarkdown.Inline(escaped));

    [Fact]
    public void Lists_become_list_elements()
    {
        var lines = XmlDocMarkdown.Block(new[] { "Modes:", "- `FAST`: quick", "- slow", "1. one", "Done." });
        Assert.Equal(
            new[]
            {
                "Modes:", "<list type=\"bullet\">", "<item><description><c>FAST</c>: quick</description></item>",
                "<item><description>slow</description></item>", "</list>", "<list type=\"number\">",
                "<item><description>one</description></item>", "</list>", "Done.",
            },
            lines);
    }

    [Fact]
    public void DocLines_escape_before_converting()
    {
        Assert.Equal(new[] { "a &lt;b&gt; <c>x &amp; y</c>" }, Naming.DocLines("a <b> `x & y`").ToArray());
    }

    [Fact]
    public void A_generated_class_summary_goes_above_NSwags_attributes()
    {
        var model = Spec.Generate(Spec.Doc("ListAccountsResponse: {type: object, properties: {x: {type: string, description: 'The `x` thing.'}, created_at: {type: integer, format: int64}}}"));
        var lines = Spec.Models(model).Code.Split('\n');

        int summary = System.Array.FindIndex(lines, l => l.Contains("<summary>The <c>ListAccountsResponse</c> object", System.StringComparison.Ordinal));
        Assert.True(summary >= 0);
        Assert.StartsWith("    [System.CodeDom.Compiler.GeneratedCode", lines[summary + 1], System.StringComparison.Ordinal);
        Assert.Contains("        /// The <c>x</c> thing.", lines);
        int created = System.Array.FindIndex(lines, l => l.Contains("<summary>Gets or sets the <c>created_at</c> field.", System.StringComparison.Ordinal));
        Assert.Contains("JsonProperty(\"created_at\"", lines[created + 1], System.StringComparison.Ordinal);
        Assert.Contains("public long? CreatedAt", lines[created + 2], System.StringComparison.Ordinal);
    }
}
