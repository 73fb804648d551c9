using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Names and text from any spec: stable C# names for enum values, the fixture Fixtures/names.yaml through every pass.</summary>
public class NamingTests
{
    [Theory]
    [InlineData("ACTIVE", "Active")]
    [InlineData("+1", "Plus1")]
    [InlineData("-1", "Minus1")]
    [InlineData("", "Empty")]
    [InlineData("0", "Value0")]
    [InlineData("1.5", "Value1Dot5")]
    [InlineData("2fa", "Value2fa")]
    [InlineData("*", "Star")]
    [InlineData("é", "Value00E9")]
    [InlineData("-", "Minus")]
    public void An_enum_value_gets_a_stable_name_when_PascalCase_cannot_name_it(string value, string expected)
    {
        Assert.Equal(expected, Naming.EnumMemberName(value));
    }

    [Fact]
    public void EnumPass_names_every_value_and_suffixes_clashes_in_spec_order()
    {
        var model = Spec.Model(Spec.Doc("""
            Sign:
              type: string
              enum: ['+1', '-1', '', 'ok', 'OK', 'Ok', 'value', 'sign', '1st']
            Pick:
              type: string
              enum: [a, b, A]
              x-enum-varnames: [null, A, null]
            """));

        Assert.Equal(new[] { "Plus1", "Minus1", "Empty", "Ok", "Ok_2", "Ok_3", "Value_2", "Sign_2", "Value1st" }, model.Enums["Sign"].Members.Select(m => m.Name));
        // A name chosen in x-enum-varnames keeps its name; derived names give way.
        Assert.Equal(new[] { "A_2", "A", "A_3" }, model.Enums["Pick"].Members.Select(m => m.Name));
    }

    [Fact]
    public void ComponentNamePass_renames_components_that_are_no_csharp_type_names_and_rewrites_every_reference()
    {
        var doc = Spec.Doc("""
            odd-names.model: {type: object, properties: {t: {$ref: '#/components/schemas/Task'}, s: {$ref: '#/components/schemas/3d-model'}}}
            Task: {type: object, properties: {id: {type: string}}}
            3d-model: {type: object, properties: {o: {$ref: '#/components/schemas/odd-names.model'}}}
            lower_case: {type: object}
            LowerCase: {type: object}
            Kept: {type: object, properties: {l: {$ref: '#/components/schemas/lower_case'}}}
            """);

        ComponentNamePass.Run(doc);

        var schemas = (JsonObject)doc["components"]!["schemas"]!;
        Assert.Equal(new[] { "OddNamesModel", "TaskModel", "Schema3dModel", "LowerCase2", "LowerCase", "Kept" }, schemas.Select(p => p.Key));
        Assert.Equal("#/components/schemas/TaskModel", schemas["OddNamesModel"]!["properties"]!["t"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Schema3dModel", schemas["OddNamesModel"]!["properties"]!["s"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/OddNamesModel", schemas["Schema3dModel"]!["properties"]!["o"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/LowerCase2", schemas["Kept"]!["properties"]!["l"]!["$ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("first-name", "FirstName")]
    [InlineData("created_at", "CreatedAt")]
    [InlineData("a.b.c", "ABC")]
    [InlineData("2fa-code", "_2faCode")]
    [InlineData("price+tax", "Priceplustax")]
    [InlineData("$ref", "Ref")]
    public void PropertyName_follows_NJsonSchema_and_the_underscore_removal(string json, string expected)
    {
        Assert.Equal(expected, Naming.PropertyName(json));
    }

    /// <summary>openapi/postpress.yaml with Fixtures/names.yaml merged in (paths, component schemas, tag Names).</summary>
    internal static JsonObject WithNames()
    {
        var doc = YamlJson.Load("openapi/postpress.yaml");
        var add = YamlJson.Load("Fixtures/names.yaml");
        foreach (var (path, item) in (JsonObject)add["paths"]!)
        {
            ((JsonObject)doc["paths"]!)[path] = item!.DeepClone();
        }

        foreach (var (name, schema) in (JsonObject)add["components"]!["schemas"]!)
        {
            ((JsonObject)doc["components"]!["schemas"]!)[name] = schema!.DeepClone();
        }

        ((JsonArray)doc["tags"]!).Add(new JsonObject { ["name"] = "Names", ["description"] = "Odd names </summary> & <x>." });
        return doc;
    }

    [Fact]
    public void The_names_fixture_goes_through_every_pass_and_the_operations_emitter()
    {
        var g = Spec.Generate(WithNames());
        var surface = new OperationSurfaceBuilder(g).Build();
        var code = OperationEmitter.Emit(surface);

        Assert.Contains("Plus1", code + string.Join(",", g.Spec.Enums.Values.SelectMany(e => e.Members).Select(m => m.Name)), System.StringComparison.Ordinal);
        AssertWellFormedDocs(code);
    }

    /// <summary>Every run of <c>///</c> lines parses as XML.</summary>
    internal static void AssertWellFormedDocs(string code)
    {
        var block = new System.Collections.Generic.List<string>();
        foreach (var raw in (code + "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("///", System.StringComparison.Ordinal))
            {
                block.Add(line.Substring(3));
                continue;
            }

            if (block.Count > 0)
            {
                var text = string.Join("\n", block);
                var e = Record.Exception(() => System.Xml.Linq.XElement.Parse("<doc>" + text + "</doc>"));
                Assert.True(e is null, "malformed XML doc: " + text + " — " + e?.Message);
                block.Clear();
            }
        }
    }
}
