using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The enum/union emitter on a small spec (docs converted from Markdown, members named).</summary>
public class EmitterTests
{
    [Fact]
    public void Enum_docs_carry_xml_tags_instead_of_markdown()
    {
        var model = Spec.Generate(Spec.Doc("""
            Mode:
              type: string
              description: The `mode` of a **chat**.
              enum: [FAST, SLOW_ONE]
              x-enum-descriptions: ['Sends `now`.', null]
            """));
        string code = new CSharpEmitter("PostPress.Models").EmitEnums(model.Enums);

        Assert.Contains("/// The <c>mode</c> of a <b>chat</b>.", code, System.StringComparison.Ordinal);
        Assert.Contains("/// Sends <c>now</c>.", code, System.StringComparison.Ordinal);
        Assert.Contains("public static Mode SlowOne { get; }", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("`", code, System.StringComparison.Ordinal);
    }
}
