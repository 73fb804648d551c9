using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// Values of no declared type (AdditionalProperties, object members) on the SDK's own path (<see cref="UntypedJson"/>):
/// JSON tokens, scalars and the SDK's own types are written without Json.NET's reflection, exactly as Json.NET writes
/// them; a caller's CLR object still goes through Json.NET where reflection is available (JIT, not trimmed).
/// </summary>
public sealed class UntypedValueTests
{
    public static TheoryData<object?> Scalars() => new()
    {
        null,
        "text",
        "2026-04-12T09:14:21.000Z",
        'c',
        true,
        42,
        42L,
        -7L,
        ulong.MaxValue,
        (short)3,
        (byte)255,
        1.5,
        double.NaN,
        1.25f,
        10.25m,
        new DateTime(2026, 4, 12, 9, 14, 21, DateTimeKind.Utc),
        new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.FromHours(2)),
        new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        TimeSpan.FromMinutes(90),
        new Uri("https://example.com/a?b=c"),
        new byte[] { 1, 2, 3 },
        DayOfWeek.Friday,
        RecruiterPipelineStage.Contacted,
        new JObject { ["a"] = new JArray(1, "two", JValue.CreateNull(), new JObject()) },
        new JArray(true, 1.5),
        new JValue("v"),
        JValue.CreateNull(),
        new Dictionary<string, object?> { ["n"] = 1, ["s"] = "x", ["nested"] = new List<object?> { JValue.CreateNull(), false, 2.5 } },
        new List<string> { "a", "b" },
        new[] { 1, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_value_is_written_without_reflection_exactly_as_JsonNet_writes_it(object? value)
    {
        var expected = JsonConvert.SerializeObject(value);

        Assert.Equal(expected, PostPressJson.Serialize(value));
        Assert.Equal("{\"x\":" + expected + "}", WriteThroughRequestBody("x", value));
    }

    [Fact]
    public void JSON_tokens_and_scalars_in_AdditionalProperties_round_trip_through_the_request_writer_and_the_reader()
    {
        var obj = new JObject { ["tags"] = new JArray("a", "b"), ["depth"] = new JObject { ["n"] = 2 } };
        var arr = new JArray(1, "two", JValue.CreateNull(), new JObject { ["k"] = false });
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["x_obj"] = obj;
        body.AdditionalProperties["x_arr"] = arr;
        body.AdditionalProperties["x_date"] = "2026-04-12T09:14:21.000Z";
        body.AdditionalProperties["x_long"] = 42L;
        body.AdditionalProperties["x_double"] = 1.5;
        body.AdditionalProperties["x_bool"] = false;
        body.AdditionalProperties["x_null"] = null!;

        var json = Encoding.UTF8.GetString(RequestBodySerializer.Serialize(body));
        Assert.Contains("\"x_obj\":{\"tags\":[\"a\",\"b\"],\"depth\":{\"n\":2}}", json, StringComparison.Ordinal);
        Assert.Contains("\"x_arr\":[1,\"two\",null,{\"k\":false}]", json, StringComparison.Ordinal);
        Assert.Contains("\"x_date\":\"2026-04-12T09:14:21.000Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"x_long\":42,\"x_double\":1.5,\"x_bool\":false,\"x_null\":null", json, StringComparison.Ordinal);

        var back = PostPressJson.Deserialize<LinkedInUserActionRequest>(json)!;
        Assert.IsType<RecruiterPipelineActionRequest>(back);
        Assert.True(JToken.DeepEquals(obj, Assert.IsType<JObject>(back.AdditionalProperties["x_obj"])));
        Assert.True(JToken.DeepEquals(arr, Assert.IsType<JArray>(back.AdditionalProperties["x_arr"])));
        Assert.Equal("2026-04-12T09:14:21.000Z", Assert.IsType<string>(back.AdditionalProperties["x_date"]));
        Assert.Equal(42L, Assert.IsType<long>(back.AdditionalProperties["x_long"]));
        Assert.Equal(1.5, Assert.IsType<double>(back.AdditionalProperties["x_double"]));
        Assert.False(Assert.IsType<bool>(back.AdditionalProperties["x_bool"]));
        Assert.Null(back.AdditionalProperties["x_null"]);
        Assert.Equal(json, PostPressJson.Serialize(back));
    }

    [Fact]
    public void An_SDK_model_in_AdditionalProperties_is_written_by_its_generated_writer()
    {
        var inner = LinkedInUserAction.AddCandidateToPipeline("acc_2", "hp_2", RecruiterPipelineStage.Contacted);
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["x_inner"] = inner;

        var json = Encoding.UTF8.GetString(RequestBodySerializer.Serialize(body));

        Assert.Contains("\"x_inner\":" + PostPressJson.Serialize(inner), json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callers_CLR_object_in_AdditionalProperties_still_works_where_reflection_is_available()
    {
        Assert.True(UntypedJson.IsReflectionEnabled); // the tests run on the JIT, untrimmed
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["x_note"] = new CallerNote { Text = "hello", Count = 3 };

        var json = Encoding.UTF8.GetString(RequestBodySerializer.Serialize(body));

        Assert.Contains("\"x_note\":{\"Text\":\"hello\",\"Count\":3}", json, StringComparison.Ordinal);
        Assert.Equal("{\"Text\":\"hello\",\"Count\":3}", PostPressJson.Serialize(new CallerNote { Text = "hello", Count = 3 }));
        Assert.Equal(3, PostPressJson.Deserialize<CallerNote>("{\"Text\":\"x\",\"Count\":3}")!.Count);
    }

    [Fact]
    public void A_self_referencing_sequence_is_reported_not_overflowing_the_stack()
    {
        var loop = new List<object>();
        loop.Add(loop);
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["x_loop"] = loop;

        var ex = Assert.Throws<ArgumentException>(() => RequestBodySerializer.Serialize(body));
        Assert.Contains("Self referencing loop", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_client_extra_fields_are_sent_and_read_back_as_JSON_tokens_and_scalars()
    {
        var account = (JObject)Support.SpecModel.Sample(Support.SpecModel.Schema("MailAccount"), maximal: true);
        account["type"] = "MAIL";
        account["x_obj"] = new JObject { ["tags"] = new JArray("a", "b") };
        account["x_date"] = "2026-04-12T09:14:21.000Z";
        account["x_long"] = 42L;
        using var api = new Support.MockApi();
        api.Reply(api.Get("/accounts/acc_1"), 200, account.ToString(Formatting.None));
        api.Reply(api.Post("/linkedin/user/AEMAAB1"), 200, "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}");
        using var client = api.Client(o => o.MaxRetries = 0);

        var read = await client.Accounts.GetAsync("acc_1");

        Assert.True(JToken.DeepEquals(account["x_obj"], Assert.IsType<JObject>(read.AdditionalProperties["x_obj"])));
        Assert.Equal("2026-04-12T09:14:21.000Z", Assert.IsType<string>(read.AdditionalProperties["x_date"]));
        Assert.Equal(42L, Assert.IsType<long>(read.AdditionalProperties["x_long"]));

        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["x_obj"] = read.AdditionalProperties["x_obj"];
        body.AdditionalProperties["x_date"] = read.AdditionalProperties["x_date"];
        await client.LinkedIn.PerformUserActionAsync("AEMAAB1", body);

        var sent = api.Requests.Last().RequestMessage.Body!;
        Assert.Contains("\"x_obj\":{\"tags\":[\"a\",\"b\"]},\"x_date\":\"2026-04-12T09:14:21.000Z\"", sent, StringComparison.Ordinal);
    }

    private static string WriteThroughRequestBody(string name, object? value)
    {
        var text = new System.IO.StringWriter();
        using (var writer = new JsonTextWriter(text))
        {
            writer.WriteStartObject();
            ModelSerializerSupport.WriteExtensionData(writer, new Dictionary<string, object> { [name] = value! }, serializer: null);
            writer.WriteEndObject();
        }

        return text.ToString();
    }

    /// <summary>A caller's own type, unknown to the SDK.</summary>
    public sealed class CallerNote
    {
        public string? Text { get; set; }

        public int Count { get; set; }
    }
}
