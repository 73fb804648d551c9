using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The spec → normalised model passes: reference scan, enums, unions, allOf flattening.</summary>
public class SpecModelPassTests
{
    private const string Union = """
        Pet:
          oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
          discriminator:
            propertyName: kind
            mapping: {CAT: '#/components/schemas/Cat', DOG: '#/components/schemas/Dog', PUPPY: '#/components/schemas/Dog'}
        Named:
          type: object
          required: [name]
          properties: {name: {type: string}}
        Cat:
          allOf:
            - $ref: '#/components/schemas/Named'
            - type: object
              required: [kind]
              properties: {kind: {const: CAT}, lives: {type: integer}}
        Dog:
          allOf:
            - $ref: '#/components/schemas/Named'
            - type: object
              required: [kind]
              properties: {kind: {enum: [DOG, PUPPY]}, barks: {type: boolean}}
        Owner:
          type: object
          properties: {pet: {$ref: '#/components/schemas/Pet'}}
        """;

    [Fact]
    public void ReferenceScan_tells_direct_refs_from_allOf_mixins_and_union_branches()
    {
        var model = new SpecModel(Spec.Doc(Union));
        new ReferenceScanPass(model).Run();

        Assert.Contains("Pet", model.DirectRefs);
        Assert.Contains("Named", model.AllOfRefs);
        Assert.DoesNotContain("Named", model.DirectRefs);
        Assert.DoesNotContain("Cat", model.DirectRefs); // only a union branch
    }

    [Fact]
    public void EnumPass_pascal_cases_values_and_honours_varnames_and_null()
    {
        var model = Spec.Model(Spec.Doc("""
            Color:
              type: [string, 'null']
              enum: [DARK_RED, light, null]
              x-enum-varnames: [Crimson, Light, null]
            Size:
              type: string
              enum: [SMALL_ONE, xl]
            """));

        var color = model.Enums["Color"];
        Assert.True(color.Nullable);
        Assert.Equal(new[] { "Crimson", "Light" }, color.Members.Select(m => m.Name));
        Assert.Equal(new[] { "SmallOne", "Xl" }, model.Enums["Size"].Members.Select(m => m.Name));
    }

    [Fact]
    public void EnumPass_rejects_an_x_enum_varnames_entry_that_is_no_csharp_name_naming_the_pointer()
    {
        var doc = Spec.Doc("Rank: {type: string, enum: ['1st', '2nd'], x-enum-varnames: ['1st', Second]}");
        var e = Spec.Fails(() => Spec.Model(doc), "#/components/schemas/Rank");
        Assert.Contains("x-enum-varnames", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UnionPass_reads_values_from_the_mapping_and_hoists_shared_properties()
    {
        var model = Spec.Model(Spec.Doc(Union));
        var pet = model.Unions["Pet"];

        Assert.Equal("kind", pet.DiscriminatorProperty);
        Assert.Equal(new[] { "Cat", "Dog" }, pet.Variants.Select(v => v.Name));
        Assert.Equal(new[] { "DOG", "PUPPY" }, pet.Variants[1].Values);
        Assert.Equal(new[] { "name" }, pet.SharedProperties);
        Assert.Equal("PetKind", pet.DiscriminatorEnum!.Name);
        Assert.Equal(new[] { "Cat", "Dog", "Puppy" }, pet.DiscriminatorEnum.Members.Select(m => m.Name));
    }

    [Fact]
    public void UnionPass_rejects_a_variant_whose_values_disagree_with_the_mapping()
    {
        string bad = Union.Replace("kind: {const: CAT}", "kind: {const: KITTEN}", System.StringComparison.Ordinal);
        Spec.Fails(() => Spec.Model(Spec.Doc(bad)), "#/components/schemas/Pet");
    }

    [Fact]
    public void UnionPass_without_discriminator_uses_a_required_property_only_one_variant_has()
    {
        var model = Spec.Model(Spec.Doc("""
            Seat:
              oneOf: [{$ref: '#/components/schemas/Ok'}, {$ref: '#/components/schemas/Err'}, {type: 'null'}]
            Ok: {type: object, required: [id], properties: {id: {type: string}}}
            Err: {type: object, required: [error], properties: {error: {type: string}}}
            """));

        var seat = model.Unions["Seat"];
        Assert.True(seat.Nullable);
        Assert.Null(seat.DiscriminatorEnum);
        Assert.Equal(new[] { "id", "error" }, seat.Variants.Select(v => v.DistinguishingProperty));
    }

    [Fact]
    public void AllOfFlattener_merges_properties_and_required_and_rejects_conflicts()
    {
        var model = Spec.Model(Spec.Doc(Union));
        var cat = model.GetFlat("Cat");
        Assert.Equal(new[] { "name", "kind", "lives" }, ((JsonObject)cat["properties"]!).Select(p => p.Key));
        Assert.Equal("""["name","kind"]""", Spec.Json(cat["required"]));

        var conflicting = Spec.Doc("""
            A: {type: object, properties: {x: {type: string}}}
            B:
              allOf:
                - $ref: '#/components/schemas/A'
                - properties: {x: {type: integer}}
            """);
        var m = new SpecModel(conflicting);
        Spec.Fails(() => m.GetFlat("B"), "#/components/schemas/B/allOf/1");
    }

    [Fact]
    public void AllOfFlattener_detects_circular_allOf()
    {
        var m = new SpecModel(Spec.Doc("""
            A: {allOf: [{$ref: '#/components/schemas/B'}]}
            B: {allOf: [{$ref: '#/components/schemas/A'}]}
            """));
        var e = Assert.Throws<SpecException>(() => m.GetFlat("A"));
        Assert.Contains("circular allOf", e.Message, System.StringComparison.Ordinal);
    }
}
