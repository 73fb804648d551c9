using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// Turns the canonical OpenAPI 3.1 document into the NSwag dialect (OpenAPI 3.0.3) and collects the enum and union
/// models that <see cref="CSharpEmitter"/> writes, as a fixed sequence of small passes (each one transformation, like
/// Kiota's refiners; see build/README.md):
/// <list type="number">
/// <item><see cref="ScopePass"/>: spec (read only), out-of-scope constructs fail with their own code.</item>
/// <item><see cref="ComponentNamePass"/>: spec → spec, every component schema gets a C# type name.</item>
/// <item><see cref="InlineSchemaNamingPass"/>: spec → spec, inline schemas become named components.</item>
/// <item><see cref="ReferenceScanPass"/>, <see cref="EnumPass"/>, <see cref="UnionPass"/>, <see cref="ErrorModelVisibilityPass"/>: spec → normalised model (<see cref="SpecModel"/>).</item>
/// <item><see cref="NSwagDialectPass"/>: normalised model → NSwag dialect document.</item>
/// </list>
/// Anything a pass does not understand throws <see cref="SpecException"/> (the build fails) instead of being dropped.
/// </summary>
internal sealed class Transformer
{
    private readonly JsonObject _document;

    public Transformer(JsonObject document)
    {
        _document = document;
    }

    public GenerationModel Run()
    {
        string version = _document["openapi"]?.GetValue<string>() ?? throw new SpecException("missing 'openapi' version.");
        if (!version.StartsWith("3.1", StringComparison.Ordinal) && !version.StartsWith("3.0", StringComparison.Ordinal))
        {
            throw new SpecException($"unsupported OpenAPI version '{version}' (expected 3.1.x).");
        }

        ScopePass.Run(_document);
        ComponentNamePass.Run(_document);
        var model = new SpecModel(_document);
        new InlineSchemaNamingPass(model).Run();
        new ReferenceScanPass(model).Run();
        new EnumPass(model).Run();
        new UnionPass(model).Run();
        new ErrorModelVisibilityPass(model).Run();
        var nswag = new NSwagDialectPass(model).Run();
        return new GenerationModel { NSwagDocument = nswag, Enums = model.AllEnums(), Unions = model.Unions.Values.ToList(), Spec = model };
    }
}
