using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NJsonSchema.CodeGeneration;
using NJsonSchema.CodeGeneration.CSharp.Models;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace PostPress.CodeGen;

/// <summary>
/// Runs NSwag's C# generator in-process on the NSwag-dialect document and keeps its code model: the
/// <see cref="ClassTemplateModel"/> of every class it renders (names, resolved C# types, required/nullable handling,
/// descriptions), captured by a template factory wrapped around NSwag's own.
/// </summary>
internal static class NSwagModelGenerator
{
    /// <summary>What one run produces.</summary>
    /// <param name="Code">The C# file (models), as NSwag's templates render it.</param>
    /// <param name="Classes">NSwag's model of every class it rendered, in rendering order.</param>
    internal sealed record Result(string Code, IReadOnlyList<ClassTemplateModel> Classes);

    /// <summary>Generates the models of <paramref name="model"/> with <paramref name="settings"/>.</summary>
    /// <param name="model">The transformed spec (its NSwag document and extensible enums).</param>
    /// <param name="settings">NSwag's settings (from build/nswag.json, <see cref="NSwagSettings"/>).</param>
    /// <returns>The code and the class models.</returns>
    public static async Task<Result> GenerateAsync(GenerationModel model, CSharpClientGeneratorSettings settings)
    {
        // The extensible enums are placeholders in the NSwag document (x-abstract objects): NSwag types properties with
        // their names and generates no type for them.
        settings.CSharpGeneratorSettings.ExcludedTypeNames = settings.CSharpGeneratorSettings.ExcludedTypeNames
            .Concat(model.Enums.Select(e => e.Name))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        var document = await OpenApiDocument.FromJsonAsync(model.NSwagDocument.ToJsonString()).ConfigureAwait(false);
        var capture = new CapturingTemplateFactory(settings.CSharpGeneratorSettings.TemplateFactory);
        settings.CSharpGeneratorSettings.TemplateFactory = capture;
        var generator = new CSharpClientGenerator(document, settings);
        string code = generator.GenerateFile().Replace("\r\n", "\n", StringComparison.Ordinal);
        return new Result(code, capture.Classes);
    }

    /// <summary>NSwag's template factory, recording the model of every class template it is asked for.</summary>
    private sealed class CapturingTemplateFactory : ITemplateFactory
    {
        private readonly ITemplateFactory _inner;

        public CapturingTemplateFactory(ITemplateFactory inner)
        {
            _inner = inner;
        }

        public List<ClassTemplateModel> Classes { get; } = new();

        public ITemplate CreateTemplate(string language, string template, object model)
        {
            if (template == "Class" && model is ClassTemplateModel cls)
            {
                Classes.Add(cls);
            }

            return _inner.CreateTemplate(language, template, model);
        }
    }
}
