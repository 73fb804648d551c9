using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using PostPress.Testing;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// Issue 20 item 9, against the sandbox serving the spec copy (tests/evolution/paths.yaml, tag Shapes): an inline union
/// whose branches are inline objects (named <c>CreateShapeRequestCircle</c>/<c>…Rectangle</c> by their discriminator
/// values), unions of scalars as a query and a header parameter (typed <c>string</c>), <c>example</c>/<c>examples</c> on
/// parameters, media types, headers, nested schemas and <c>components/examples</c> (accepted; the sandbox answers with
/// the documented example), a body offering JSON and form and a response offering JSON and XML (JSON sent and read), and
/// a response whose JSON has no schema (streamed).
/// </summary>
public sealed class UnionsAndExamplesTests : IAsyncLifetime
{
    private PostPressSandbox _sandbox = null!;
    private PostPressClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await PostPressSandbox.StartAsync();
        _client = _sandbox.CreateClient(o => o.MaxRetries = 0);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public void Inline_union_branches_are_variants_named_by_their_discriminator_values()
    {
        Assert.True(typeof(CreateShapeRequest).IsAbstract);
        Assert.Equal(typeof(CreateShapeRequest), typeof(CreateShapeRequestCircle).BaseType);
        Assert.Equal(typeof(CreateShapeRequest), typeof(CreateShapeRequestRectangle).BaseType);
        Assert.Equal("circle", new CreateShapeRequestCircle { Radius = 1 }.Kind.Value);
    }

    [Fact]
    public void Scalar_union_parameters_are_strings()
    {
        var method = typeof(IShapesResource).GetMethods().Single(m => m.Name == "CreateShapeAsync" && m.GetParameters().Length == 4);

        Assert.Equal(new[] { "request", "size", "xShapeVersion", "cancellationToken" }, method.GetParameters().Select(p => p.Name));
        Assert.Equal(typeof(string), method.GetParameters()[1].ParameterType);
        Assert.Equal(typeof(string), method.GetParameters()[2].ParameterType);
    }

    [Fact]
    public async Task An_inline_variant_and_scalar_union_parameters_make_the_round_trip()
    {
        ShapeInfo shape = await _client.Shapes.CreateShapeAsync(new CreateShapeRequestCircle { Radius = 2.5 }, size: "12", xShapeVersion: "v2");

        // The sandbox answers with the response's documented example (JSON, of the JSON and XML offered).
        Assert.Equal("shp_1", shape.Id);
        Assert.Equal(19.63, shape.Area);
        var request = Assert.Single(_sandbox.Requests);
        Assert.Equal(201, request.ResponseStatus);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Contains("\"kind\":\"circle\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"radius\":2.5", request.Body, StringComparison.Ordinal);
        Assert.Equal("12", Assert.Single(request.Query["size"]));
        Assert.Equal("v2", request.Headers["X-Shape-Version"]);
    }

    [Fact]
    public async Task The_other_variant_is_sent_with_its_own_discriminator_value()
    {
        await _client.Shapes.CreateShapeAsync(new CreateShapeRequestRectangle { Width = 3, Height = 4 });

        var request = Assert.Single(_sandbox.Requests);
        Assert.Contains("\"kind\":\"rectangle\"", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("size", request.QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_variant_values_are_rejected_before_sending()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.Shapes.CreateShapeAsync(new CreateShapeRequestCircle { Radius = -1 }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.Shapes.CreateShapeAsync(null!));
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task A_JSON_response_without_a_schema_is_streamed_with_every_offered_type_accepted()
    {
        await using var file = await _client.Shapes.RenderShapeAsync("shp_1");
        using var reader = new StreamReader(file.Content);
        string text = await reader.ReadToEndAsync();

        Assert.Equal(200, file.StatusCode);
        Assert.Equal("application/json", file.ContentType);
        Assert.Equal("<svg/>", (string?)System.Text.Json.Nodes.JsonNode.Parse(text)!["svg"]); // the documented example of the schema-less JSON
        Assert.Equal("application/json, text/plain", Assert.Single(_sandbox.Requests).Headers["Accept"]);
    }

    [Fact]
    public void The_XML_alternative_is_named_in_the_method_docs()
    {
        string xml = File.ReadAllText(Path.ChangeExtension(typeof(PostPressClient).Assembly.Location, ".xml"));
        var members = System.Text.RegularExpressions.Regex.Matches(xml, "<member name=\"M:PostPress\\.I?ShapesResource\\.CreateShapeAsync.*?</member>", System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.NotEmpty(members);
        Assert.Contains(members, m => m.Value.Contains("also offers application/xml", StringComparison.Ordinal));
        Assert.Contains(members, m => m.Value.Contains("application/x-www-form-urlencoded", StringComparison.Ordinal));
    }
}
