using System;
using System.Linq;
using System.Reflection;
using PostPress.Models;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// The names fixture (tests/PostPress.CodeGen.Tests/Fixtures/names.yaml, added to the spec copy by run.sh): odd names
/// become the documented C# names, and the copy compiles (this assembly would not build otherwise).
/// </summary>
public sealed class NamesTests
{
    [Fact]
    public void Enum_values_no_PascalCase_can_name_get_stable_names_in_spec_order()
    {
        Assert.Equal("+1", SignValue.Plus1.Value);
        Assert.Equal("-1", SignValue.Minus1.Value);
        Assert.Equal(string.Empty, SignValue.Empty.Value);
        Assert.Equal("0", SignValue.Value0.Value);
        Assert.Equal(new[] { "ok", "OK", "Ok" }, new[] { SignValue.Ok, SignValue.Ok_2, SignValue.Ok_3 }.Select(v => v.Value));
        Assert.Equal("*", SignValue.Star.Value);
        Assert.Equal("value", SignValue.Value_2.Value);
        Assert.Equal("é", SignValue.Value00E9.Value);
        Assert.Equal(new[] { "a-b", "a_b", "A.B", "2fa", "null-value" }, new[] { Kind.AB, Kind.AB_2, Kind.AB_3, Kind.Value2fa, Kind.NullValue }.Select(v => v.Value));
    }

    [Theory]
    [InlineData("OddNamesModel")]
    [InlineData("SignValue")]
    [InlineData("TaskModel")]
    [InlineData("SystemModel")]
    [InlineData("ObjectModel")]
    [InlineData("StringModel")]
    [InlineData("Schema3dModel")]
    [InlineData("LowerCaseModel")]
    [InlineData("LowerCaseModel2")]
    public void Component_names_become_csharp_type_names(string name)
    {
        Assert.NotNull(typeof(PostPressClient).Assembly.GetType("PostPress.Models." + name));
    }

    [Fact]
    public void Odd_property_names_map_to_distinct_properties_with_their_json_names()
    {
        var byJson = typeof(OddNamesModel).GetProperties()
            .Select(p => (p.Name, Json: p.GetCustomAttribute<Newtonsoft.Json.JsonPropertyAttribute>()?.PropertyName))
            .Where(p => p.Json is not null)
            .ToDictionary(p => p.Json!, p => p.Name);
        Assert.Equal("FirstName", byJson["first-name"]);
        Assert.Equal("FirstName2", byJson["firstName"]);
        Assert.Equal("Class", byJson["class"]);
        Assert.Equal("ABC", byJson["a.b.c"]);
        Assert.Equal("Task", byJson["task"]);
        Assert.Equal(byJson.Count, byJson.Values.Distinct().Count());
        Assert.Contains(typeof(INamesResource).GetMethods(), m => m.Name == "EchoOddNamesV2Async");
    }
}
