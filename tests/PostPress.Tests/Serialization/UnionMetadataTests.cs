using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using JsonSubTypes;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// The generated union tables (<c>ModelSerializers.UnionFor</c>), the one source of union dispatch: they agree with the
/// JsonSubTypes attributes left on the union bases for callers' own Json.NET settings (read here by reflection, never by
/// the SDK), and <see cref="UnionMetadata.Peek(Utf8JsonReader, out int)"/> decides as the Json.NET readers do.
/// </summary>
public sealed class UnionMetadataTests
{
    public static TheoryData<Type> UnionBases()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Account).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<JsonSubtypes.FallBackSubTypeAttribute>(inherit: false) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnionBases))]
    public void The_generated_table_agrees_with_the_attributes_kept_for_callers(Type union)
    {
        var table = ModelSerializers.UnionFor(union);

        Assert.NotNull(table);
        Assert.Equal(union.GetCustomAttribute<JsonSubtypes.FallBackSubTypeAttribute>(inherit: false)!.SubType, table!.Fallback);
        var parameters = union.GetCustomAttribute<Newtonsoft.Json.JsonConverterAttribute>(inherit: false)!.ConverterParameters;
        Assert.Equal(parameters is { Length: > 0 } ? (string?)parameters[0] : null, table.Discriminator);
        var byValue = union.GetCustomAttributes<JsonSubtypes.KnownSubTypeAttribute>(inherit: false)
            .ToDictionary(a => (string)a.AssociatedValue, a => a.SubType);
        var byProperty = union.GetCustomAttributes<JsonSubtypes.KnownSubTypeWithPropertyAttribute>(inherit: false)
            .ToDictionary(a => a.PropertyName, a => a.SubType);
        Assert.Equal(byValue.OrderBy(p => p.Key, StringComparer.Ordinal), table.ByValue.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(byProperty.OrderBy(p => p.Key, StringComparer.Ordinal), table.ByProperty.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(table.ByValue.Count + table.ByProperty.Count > 0);
    }

    [Fact]
    public void Types_that_are_not_union_bases_have_no_table()
    {
        Assert.Null(ModelSerializers.UnionFor(typeof(LinkedInAccount)));
        Assert.Null(ModelSerializers.UnionFor(typeof(UnknownAccount)));
        Assert.Null(ModelSerializers.UnionFor(typeof(string)));
        Assert.False(UnionJsonConverter.IsUnionBase(typeof(LinkedInAccount)));
        Assert.True(UnionJsonConverter.IsUnionBase(typeof(Account)));
    }

    [Theory]
    [InlineData("{\"type\":\"LINKEDIN\",\"id\":\"a\"}", nameof(LinkedInAccount), 0)]
    [InlineData("{\"id\":\"a\",\"name\":{\"x\":[1]},\"TYPE\":\"MAIL\"}", nameof(MailAccount), 3)]
    [InlineData("{\"type\":\"MASTODON\"}", nameof(UnknownAccount), 0)]
    [InlineData("{\"type\":5,\"id\":\"a\"}", nameof(UnknownAccount), 1)]
    [InlineData("{\"id\":\"a\",\"type\":null}", nameof(UnknownAccount), 2)]
    [InlineData("{\"id\":\"a\",\"name\":\"b\"}", nameof(UnknownAccount), 2)]
    [InlineData("{}", nameof(UnknownAccount), 0)]
    public void Peek_decides_on_a_copy_of_the_reader(string json, string variant, int replayed)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var type = ModelSerializers.UnionFor(typeof(Account))!.Peek(reader, out int count);

        Assert.Equal(variant, type.Name);
        Assert.Equal(replayed, count);
        Assert.Equal(JsonTokenType.StartObject, reader.TokenType); // the caller's reader has not moved
        Assert.Equal(1, reader.BytesConsumed);
    }

    [Theory]
    [InlineData("{\"error\":\"MULTIPLE_SESSIONS\"}", nameof(RecruiterSeatError), 0)]
    [InlineData("{\"x\":1,\"error\":\"MULTIPLE_SESSIONS\"}", nameof(RecruiterSeatError), 1)]
    [InlineData("{\"x\":1}", nameof(UnknownRecruiterSeatStatus), 1)]
    public void Peek_decides_by_the_property_only_one_variant_has(string json, string variant, int replayed)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var type = ModelSerializers.UnionFor(typeof(RecruiterSeatStatus))!.Peek(reader, out int count);

        Assert.Equal(variant, type.Name);
        Assert.Equal(replayed, count);
    }
}
