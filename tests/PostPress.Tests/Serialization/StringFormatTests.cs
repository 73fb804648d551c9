using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// The wire forms of the string and number formats (src/PostPress/Serialization/FormatConverters.cs), which the
/// generated readers/writers and Json.NET's reflection path both use: canonical text round-trips exactly, the nullable
/// forms read <c>null</c> and <c>""</c> as null, and bad input is a <see cref="JsonSerializationException"/> with the
/// JSON path (the client's <see cref="PostPressSerializationException"/>), never a raw FormatException/OverflowException.
/// Whole models are compared per format by the evolution run (tests/evolution: the model <c>Schedule</c>, which the
/// equivalence tests also read when built from that spec).
/// </summary>
public sealed class StringFormatTests
{
    public static IEnumerable<object[]> Canonical() => new[]
    {
        new object[] { "date", "2026-04-12" },
        new object[] { "date", "0001-01-01" },
        new object[] { "date", "2024-02-29" },
        new object[] { "time", "09:14:21" },
        new object[] { "time", "00:00:00" },
        new object[] { "time", "23:59:59.9999999" },
        new object[] { "time", "09:14:21.5" },
        new object[] { "time", "09:14:21.123" },
        new object[] { "duration", "PT0S" },
        new object[] { "duration", "P1DT2H3M4.5S" },
        new object[] { "duration", "PT1H30M" },
        new object[] { "duration", "P10D" },
        new object[] { "duration", "-PT0.0000001S" },
        new object[] { "duration", "PT59M59.9999999S" },
        new object[] { "uuid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301" },
        new object[] { "uri", "https://example.com/a%20b?q=1#f" },
        new object[] { "uri", "/relative/path?x=y" },
        new object[] { "uri", "mailto:ada@example.com" },
        new object[] { "byte", "UG9zdFByZXNz" },
        new object[] { "byte", "" },
        new object[] { "byte", "AA==" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Canonical_text_round_trips_exactly(string format, string text)
    {
        var converter = Converter(format);
        if (format == "byte" && text.Length == 0)
        {
            // "" is an empty array when parsed directly; a member reads "" as null (as Json.NET does for arrays).
            Assert.True(((Base64JsonConverter)converter).TryParse(text, out var empty));
            Assert.Empty(empty);
            return;
        }

        object value = ReadDirect(converter, "\"" + text + "\"", NonNullableType(format));
        Assert.Equal("\"" + text + "\"", Write(converter, value));
    }

    [Fact]
    public void Values_read_are_the_documented_types()
    {
        Assert.Equal(new DateTime(2026, 4, 12, 0, 0, 0, DateTimeKind.Unspecified), ReadDirect(DateOnlyJsonConverter.Instance, "\"2026-04-12\"", typeof(DateTime)));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)ReadDirect(DateOnlyJsonConverter.Instance, "\"2026-04-12\"", typeof(DateTime))).Kind);
        Assert.Equal(new TimeSpan(0, 9, 14, 21, 500), ReadDirect(TimeOfDayJsonConverter.Instance, "\"09:14:21.5\"", typeof(TimeSpan)));
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), ReadDirect(IsoDurationJsonConverter.Instance, "\"P1DT2H3M4.5S\"", typeof(TimeSpan)));
        Assert.Equal(TimeSpan.FromMinutes(90), ReadDirect(IsoDurationJsonConverter.Instance, "\"PT90M\"", typeof(TimeSpan)));
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), ReadDirect(UuidJsonConverter.Instance, "\"3F2504E0-4F89-11D3-9A0C-0305E82C3301\"", typeof(Guid)));
        Assert.False(((Uri)ReadDirect(UriJsonConverter.Instance, "\"/relative\"", typeof(Uri))).IsAbsoluteUri);
        Assert.Equal(new byte[] { 0x50, 0x6f, 0x73, 0x74 }, ReadDirect(Base64JsonConverter.Instance, "\"UG9zdA==\"", typeof(byte[])));
    }

    [Theory]
    [InlineData("PT90M", "PT1H30M")]
    [InlineData("PT36H", "P1DT12H")]
    [InlineData("PT1.500S", "PT1.5S")]
    [InlineData("P0D", "PT0S")]
    public void Durations_are_written_in_their_canonical_form(string received, string written)
    {
        var value = ReadDirect(IsoDurationJsonConverter.Instance, "\"" + received + "\"", typeof(TimeSpan));
        Assert.Equal("\"" + written + "\"", Write(IsoDurationJsonConverter.Instance, value));
    }

    [Fact]
    public void Extreme_durations_round_trip()
    {
        foreach (var value in new[] { TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromTicks(-1) })
        {
            string text = IsoDurationJsonConverter.Instance.Format(value);
            Assert.True(IsoDurationJsonConverter.Instance.TryParse(text, out var back), text);
            Assert.Equal(value, back);
        }
    }

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1f, "1.0")]
    [InlineData(-3.4028235E+38f, "-3.4028235E+38")]
    [InlineData(1.17549435E-38f, "1.1754944E-38")]
    public void Floats_are_written_with_their_shortest_round_trip_text(float value, string text)
    {
        Assert.Equal(text, Write(SingleJsonConverter.Instance, value));
        Assert.Equal(value, ReadDirect(SingleJsonConverter.Instance, text, typeof(float)));
    }

    [Theory]
    [InlineData("date", "\"2026-4-12\"")]
    [InlineData("date", "\"2026-02-30\"")]
    [InlineData("date", "\"2026-04-12T00:00:00Z\"")]
    [InlineData("date", "20260412")]
    [InlineData("time", "\"24:00:00\"")]
    [InlineData("time", "\"09:14\"")]
    [InlineData("time", "\"09:14:21Z\"")]
    [InlineData("time", "\"09:14:21.12345678\"")]
    [InlineData("duration", "\"P1Y\"")]
    [InlineData("duration", "\"P1M\"")]
    [InlineData("duration", "\"PT\"")]
    [InlineData("duration", "\"P\"")]
    [InlineData("duration", "\"PT1M1H\"")]
    [InlineData("duration", "\"P99999999999999999D\"")]
    [InlineData("duration", "\"1:00:00\"")]
    [InlineData("uuid", "\"3f2504e04f8911d39a0c0305e82c3301\"")]
    [InlineData("uuid", "\"{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\"")]
    [InlineData("uuid", "\"not-a-uuid\"")]
    [InlineData("uri", "\"http://[::1\"")]
    [InlineData("byte", "\"not base64!\"")]
    [InlineData("byte", "\"QUJD=\"")]
    [InlineData("float", "1e39")]
    [InlineData("float", "\"abc\"")]
    [InlineData("float", "true")]
    [InlineData("uuid", "null")]
    [InlineData("date", "{}")]
    public void Bad_input_is_a_serialization_error_with_the_path(string format, string json)
    {
        var ex = Assert.Throws<JsonSerializationException>(() => ReadDirect(Converter(format), json, NonNullableType(format)));
        Assert.Contains("Path", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date")]
    [InlineData("time")]
    [InlineData("duration")]
    [InlineData("uuid")]
    [InlineData("uri")]
    [InlineData("byte")]
    [InlineData("float")]
    public void Nullable_forms_read_null_and_empty_text_as_null(string format)
    {
        var type = NonNullableType(format);
        var nullable = type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        Assert.Null(ReadDirect(Converter(format), "null", nullable));
        Assert.Null(ReadDirect(Converter(format), "\"\"", nullable));
    }

    [Fact]
    public void A_date_time_parsed_by_the_callers_reader_settings_is_judged_as_its_text()
    {
        // DateParseHandling.DateTime (Json.NET's default; the SDK's own settings use None) turns a date-time into a Date token.
        using var reader = new JsonTextReader(new StringReader("\"2026-04-12T00:00:00\"")) { DateParseHandling = DateParseHandling.DateTime };
        reader.Read();
        Assert.Equal(JsonToken.Date, reader.TokenType);

        var ex = Assert.Throws<JsonSerializationException>(() => DateOnlyJsonConverter.Instance.Read(reader));
        Assert.Contains("is not a valid date", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_of_day_outside_the_day_is_refused_on_write()
    {
        Assert.Throws<JsonSerializationException>(() => TimeOfDayJsonConverter.Instance.Format(TimeSpan.FromHours(24)));
        Assert.Throws<JsonSerializationException>(() => TimeOfDayJsonConverter.Instance.Format(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void The_formats_apply_to_the_sdks_members_only()
    {
        // A caller's own DateTime/TimeSpan keep Json.NET's forms even with the SDK's settings.
        var json = PostPressJson.Serialize(new Dictionary<string, object> { ["when"] = new CallerOwn { When = new DateTime(2026, 4, 12, 9, 14, 21), Span = TimeSpan.FromMinutes(90) } });
        Assert.Contains("\"When\":\"2026-04-12T09:14:21\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Span\":\"01:30:00\"", json, StringComparison.Ordinal);
    }

    private static Newtonsoft.Json.JsonConverter Converter(string format) => format switch
    {
        "date" => DateOnlyJsonConverter.Instance,
        "time" => TimeOfDayJsonConverter.Instance,
        "duration" => IsoDurationJsonConverter.Instance,
        "uuid" => UuidJsonConverter.Instance,
        "uri" => UriJsonConverter.Instance,
        "byte" => Base64JsonConverter.Instance,
        "float" => SingleJsonConverter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static Type NonNullableType(string format) => format switch
    {
        "date" => typeof(DateTime),
        "time" or "duration" => typeof(TimeSpan),
        "uuid" => typeof(Guid),
        "uri" => typeof(Uri),
        "byte" => typeof(byte[]),
        "float" => typeof(float),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static object ReadDirect(Newtonsoft.Json.JsonConverter converter, string json, Type type)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        reader.Read();
        return converter.ReadJson(reader, type, null, JsonSerializer.CreateDefault())!;
    }

    private static string Write(Newtonsoft.Json.JsonConverter converter, object value)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
        {
            converter.WriteJson(writer, value, JsonSerializer.CreateDefault());
        }

        return text.ToString();
    }

    private sealed class CallerOwn
    {
        public DateTime When { get; set; }

        public TimeSpan Span { get; set; }
    }
}
