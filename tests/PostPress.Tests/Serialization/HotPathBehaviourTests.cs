using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// Behaviour the performance work (benchmarks/README.md) must keep: extension data written back through the backing
/// field, and <c>IsKnown</c> (a generated string switch) agreeing with <c>KnownValues</c> for every extensible enum.
/// </summary>
public sealed class HotPathBehaviourTests
{
    [Fact]
    public void A_request_body_without_extra_fields_is_written_with_exactly_its_declared_fields()
    {
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1", RecruiterPipelineStage.Contacted);

        var json = SpecModel.Parse(PostPressJson.Serialize(body));

        Assert.Equal(new[] { "action", "account_id", "api", "hiring_project_id", "stage" }.OrderBy(n => n), ((JObject)json).Properties().Select(p => p.Name).OrderBy(n => n));
        Assert.Empty(body.AdditionalProperties);
    }

    [Fact]
    public void A_request_body_is_written_by_its_generated_writer_with_the_bytes_Json_NET_writes()
    {
        var plain = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_\"quoted\" \u00e9", RecruiterPipelineStage.Contacted);
        var extra = LinkedInUserAction.RejectApplicant("acc_2", "hp_2", RecruiterRejectionReason.KnownValues.First());
        extra.AdditionalProperties["beta_flag"] = true;
        extra.AdditionalProperties["nested"] = new JObject { ["list"] = new JArray(1, "two", JValue.CreateNull()) };

        foreach (object body in new object[] { plain, extra })
        {
            var viaSerializer = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Newtonsoft.Json.JsonSerializer.Create(PostPress.Serialization.PostPressJsonSerializerSettings.Create()).Serialize(viaSerializer, body);

            Assert.Equal(viaSerializer.ToString(), System.Text.Encoding.UTF8.GetString(RequestBodySerializer.Serialize(body)));
        }
    }

    [Fact]
    public void Request_bodies_of_every_size_in_a_row_on_one_thread_are_written_whole_with_nothing_left_from_the_one_before()
    {
        // The per-thread character buffer is reset between bodies, grows for a large one (past its first 256 chars and
        // past the 64 K chars it keeps), and a body after a large one is written from a fresh or reset buffer.
        var serializer = Newtonsoft.Json.JsonSerializer.Create(PostPress.Serialization.PostPressJsonSerializerSettings.Create());
        foreach (var size in new[] { 1, 300, 5_000, 70_000, 1, 200_000, 10 })
        {
            var body = LinkedInUserAction.AddCandidateToPipeline("acc_" + size, "hp_" + new string('\u00e9', size), RecruiterPipelineStage.Contacted);
            var expected = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            serializer.Serialize(expected, body);

            var bytes = RequestBodySerializer.Serialize(body);

            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected.ToString()), bytes);
        }
    }

    [Fact]
    public void A_request_body_that_contains_itself_is_refused_as_an_argument_not_written_forever()
    {
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["self"] = body;

        var error = Assert.Throws<ArgumentException>(() => RequestBodySerializer.Serialize(body));

        Assert.Equal("body", error.ParamName);
        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(error.InnerException);
    }

    public static TheoryData<string> ResponseBodies => new()
    {
        "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}",
        "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true,\"seen_at\":\"2026-04-12T09:14:21.000+02:00\",\"n\":1.50}",
        "/* first */ {\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}",
        "{\"success\":true,\"x\":" + new string('[', 100) + new string(']', 100) + "}",
        "{\"success\":\"yes\"}",
        "{\"object\":\"LinkedinPerformActionOnUser\"}",
        "   ",
        "null",
        "[]",
        "{\"success\":true} {}",
    };

    [Theory]
    [MemberData(nameof(ResponseBodies))]
    public async System.Threading.Tasks.Task A_response_body_is_read_by_its_generated_reader_as_Json_NET_reads_it(string body)
    {
        var operation = new OperationInfo("performUserAction", "POST", "/linkedin/user/{user_id}");
        using var response = await PostPress.Tests.Transport.Policies.PolicyHarness.BufferedAsync(200, body);

        object? expected;
        try
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(response.CreateReader()) { PropertyNameTable = PostPress.Serialization.ModelSerializers.NameTable };
            expected = Newtonsoft.Json.JsonSerializer.Create(PostPress.Serialization.PostPressJsonSerializerSettings.CreateForReading()).Deserialize<LinkedInUserActionResult>(reader);
            while (reader.Read())
            {
                if (reader.TokenType != Newtonsoft.Json.JsonToken.Comment)
                {
                    throw new Newtonsoft.Json.JsonReaderException("Additional text found after the JSON value.");
                }
            }

            expected ??= new Newtonsoft.Json.JsonSerializationException("The body is the JSON literal null.");
        }
        catch (Exception ex)
        {
            expected = ex;
        }

        object? actual;
        try
        {
            actual = ResponseDeserializer.Deserialize<LinkedInUserActionResult>(operation, response, PostPress.Tests.Transport.Policies.PolicyHarness.Key);
        }
        catch (PostPressSerializationException ex)
        {
            actual = ex;
        }

        if (expected is Exception failure)
        {
            var error = Assert.IsType<PostPressSerializationException>(actual);
            Assert.Same(failure.GetType(), error.InnerException!.GetType());
            Assert.Contains(failure.Message.Split('.')[0], error.Message, StringComparison.Ordinal);
        }
        else
        {
            var value = Assert.IsType<LinkedInUserActionResult>(actual);
            var want = (LinkedInUserActionResult)expected!;
            Assert.Equal(want.Success, value.Success);
            Assert.Equal(want.Object, value.Object);
            Assert.Equal(want.AdditionalProperties.Keys, value.AdditionalProperties.Keys);
            Assert.All(want.AdditionalProperties, p => Assert.Equal(p.Value, value.AdditionalProperties[p.Key]));
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task A_date_like_string_in_a_response_stays_the_text_the_server_sent()
    {
        using var response = await PostPress.Tests.Transport.Policies.PolicyHarness.BufferedAsync(200, "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true,\"seen_at\":\"2026-04-12T09:14:21.000+02:00\"}");

        var value = ResponseDeserializer.Deserialize<LinkedInUserActionResult>(new OperationInfo("performUserAction", "POST", "/linkedin/user/{user_id}"), response, null);

        Assert.Equal("2026-04-12T09:14:21.000+02:00", Assert.IsType<string>(value.AdditionalProperties["seen_at"]));
    }

    [Fact]
    public void Extra_fields_set_by_the_caller_or_received_are_written_back()
    {
        var body = LinkedInUserAction.AddCandidateToPipeline("acc_1", "hp_1");
        body.AdditionalProperties["beta_flag"] = true;
        Assert.True((bool)SpecModel.Parse(PostPressJson.Serialize(body))["beta_flag"]!);

        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json["field_added_later"] = new JObject { ["nested"] = 1 };
        var profile = PostPressJson.Deserialize<UserProfile>(json.ToString())!;
        var back = SpecModel.Parse(PostPressJson.Serialize(profile));
        Assert.Equal(1, (int)back["field_added_later"]!["nested"]!);
    }

    [Fact]
    public void The_reading_contracts_skip_the_current_value_of_value_type_members_and_the_writing_ones_keep_it()
    {
        // The reflection-based contracts (the SDK's own resolvers hand a model to its generated reader and writer and build
        // no member contracts for it; these differ from them only by that).
        var reading = (Newtonsoft.Json.Serialization.JsonObjectContract)PostPress.Serialization.PostPressContractResolver.ReflectionReference.ResolveContract(typeof(MailAccount));
        var writing = (Newtonsoft.Json.Serialization.JsonObjectContract)PostPress.Serialization.PostPressContractResolver.ReflectionWriteReference.ResolveContract(typeof(MailAccount));

        Assert.False(reading.Properties["created_at"].Readable);
        Assert.False(reading.Properties["type"].Readable);
        Assert.True(reading.Properties["name"].Readable);
        Assert.All(writing.Properties, p => Assert.True(p.Readable || p.Ignored, p.PropertyName));

        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json["type"] = "MAIL";
        json["created_at"] = "2026-04-12T09:14:21.000Z";
        var text = json.ToString(Newtonsoft.Json.Formatting.None);
        Assert.True(JToken.DeepEquals(json, SpecModel.Parse(PostPressJson.Serialize(PostPressJson.Deserialize<Account>(text)))));
    }

    [Fact]
    public void IsKnown_is_true_exactly_for_the_known_values_of_every_extensible_enum()
    {
        var enums = typeof(PostPressClient).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.IsPublic && t.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is not null)
            .ToList();
        Assert.True(enums.Count > 10);
        foreach (var type in enums)
        {
            var isKnown = type.GetProperty("IsKnown")!;
            var known = ((IEnumerable)type.GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().ToList();
            Assert.NotEmpty(known);
            foreach (var value in known)
            {
                Assert.True((bool)isKnown.GetValue(value)!, type.Name + " " + value);
                var wire = (string)type.GetProperty("Value")!.GetValue(value)!;
                var other = Activator.CreateInstance(type, wire.ToLowerInvariant() == wire ? wire.ToUpperInvariant() + "_X" : wire.ToLowerInvariant())!;
                Assert.False((bool)isKnown.GetValue(other)!, type.Name + " " + other);
            }

            Assert.False((bool)isKnown.GetValue(Activator.CreateInstance(type))!, "default(" + type.Name + ")");
            Assert.False((bool)isKnown.GetValue(Activator.CreateInstance(type, string.Empty))!, type.Name + " empty");
        }
    }
}
