using System.Linq;
using System.Threading.Tasks;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using Xunit;

namespace PostPress.OpenApi.Tests;

/// <summary>The document loads with Microsoft.OpenApi as OpenAPI 3.1 without a single error or warning.</summary>
public sealed class DocumentLoadTests
{
    [Fact]
    public async Task Document_loads_as_OpenApi_3_1_without_errors_or_warnings()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();

        var result = await OpenApiDocument.LoadAsync(SpecDocument.FullPath, settings);

        var diagnostic = result.Diagnostic;
        Assert.NotNull(diagnostic);
        var messages = diagnostic.Errors.Select(e => $"  ERROR   {e.Pointer}: {e.Message}")
            .Concat(diagnostic.Warnings.Select(w => $"  WARNING {w.Pointer}: {w.Message}"))
            .ToList();
        Assert.True(
            messages.Count == 0,
            $"Microsoft.OpenApi reported {diagnostic.Errors.Count} error(s) and {diagnostic.Warnings.Count} warning(s) for {SpecDocument.RelativePath}:\n{string.Join("\n", messages)}");
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.NotNull(result.Document);
        Assert.NotEmpty(result.Document.Paths);
    }
}
