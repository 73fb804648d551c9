using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace PostPress.OpenApi.Tests;

/// <summary>Every example of the document is valid against its schema (JSON Schema draft 2020-12).</summary>
public sealed class ExampleValidationTests
{
    private const string LoadFailure = "(the document could not be loaded: run the test to see why)";

    /// <summary>One case per example, named after where it is used (operation > status > media type > example).</summary>
    public static TheoryData<ExampleName> Examples()
    {
        var data = new TheoryData<ExampleName>();
        try
        {
            foreach (var id in ExampleCatalog.Instance.Cases.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(new ExampleName(id));
            }
        }
        catch (Exception)
        {
            data.Add(new ExampleName(LoadFailure));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_is_valid_against_its_schema(ExampleName example)
    {
        var catalog = ExampleCatalog.Instance; // rethrows the load failure, if any
        var @case = catalog.Cases[example.Id];

        var errors = SchemaValidator.Instance.Validate(@case.Value, @case.SchemaPointer);

        Assert.True(
            errors.Count == 0,
            $"Example '{@case.Id}' (at {@case.ExamplePointer}) is not valid against the schema at {@case.SchemaPointer}:\n{SchemaValidator.Describe(errors)}\nExample: {@case.Value?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void Document_has_examples_and_every_one_can_be_checked()
    {
        var catalog = ExampleCatalog.Instance;

        Assert.True(catalog.Cases.Count > 0, "No example was found in the document: the example tests would pass vacuously.");
        Assert.True(
            catalog.Problems.Count == 0,
            $"Some examples cannot be validated:\n{string.Join("\n", catalog.Problems.Select(p => "  - " + p))}");
    }
}

/// <summary>
/// The name of an example, as a theory argument: serializable (so each example is its own test case) and shown in
/// full in the test name (xUnit truncates plain string arguments to 50 characters).
/// </summary>
public sealed class ExampleName : IXunitSerializable
{
    [Obsolete("For the xUnit serializer only.")]
    public ExampleName()
    {
        Id = string.Empty;
    }

    public ExampleName(string id)
    {
        Id = id;
    }

    public string Id { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Id = info.GetValue<string>(nameof(Id));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Id), Id);

    public override string ToString() => Id;
}
