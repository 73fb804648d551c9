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
            PostPressPipeline.Serializer.Serialize(viaSerializer, body);

            Assert.Equal(viaSerializer.ToString(), System.Text.Encoding.UTF8.GetString(RequestBodySerializer.Serialize(body)));
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
        var reading = (Newtonsoft.Json.Serialization.JsonObjectContract)PostPress.Serialization.PostPressContractResolver.ForReading.ResolveContract(typeof(MailAccount));
        var writing = (Newtonsoft.Json.Serialization.JsonObjectContract)PostPress.Serialization.PostPressContractResolver.Instance.ResolveContract(typeof(MailAccount));

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
