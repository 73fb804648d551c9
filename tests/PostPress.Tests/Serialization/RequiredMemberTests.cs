using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// Required members (checked by the SDK's <c>RequiredMemberTracker</c> instead of Json.NET's per-object dictionary): a
/// missing one or a null for a non-null one is a <see cref="PostPressSerializationException"/>, wherever the object is,
/// on any thread, and after earlier reads that failed half-way.
/// </summary>
public sealed class RequiredMemberTests
{
    [Theory]
    [InlineData("id")]
    [InlineData("created_at")]
    [InlineData("groups")] // a list the constructor initializes: Json.NET would fill it in place
    [InlineData("connection_params")]
    public void A_missing_required_member_is_rejected(string field)
    {
        var json = MailAccount();
        json.Remove(field);

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(json.ToString()));

        Assert.Contains("'" + field + "'", ex.Message);
        Assert.Contains("not found", ex.Message);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("groups")]
    public void Null_for_a_non_null_required_member_is_rejected(string field)
    {
        var json = MailAccount();
        json[field] = null;

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(json.ToString()));

        Assert.Contains("'" + field + "'", ex.Message);
    }

    [Fact]
    public void A_missing_member_deep_in_a_list_is_rejected()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("UserRelationsList"), maximal: true);
        var second = (JObject)json["items"]![0]!.DeepClone();
        second.Remove("first_name");
        ((JArray)json["items"]!).Add(second);

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<UserRelationsList>(json.ToString()));

        Assert.Contains("'first_name' of UserRelation", ex.Message);
    }

    [Fact]
    public void Required_but_nullable_members_accept_null_and_must_be_present()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("UserRelationsList"), maximal: true);
        json["cursor"] = null;
        Assert.Null(PostPressJson.Deserialize<UserRelationsList>(json.ToString())!.Cursor);

        json.Remove("cursor");
        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<UserRelationsList>(json.ToString()));
        Assert.Contains("'cursor'", ex.Message);
    }

    [Fact]
    public void Reads_that_failed_half_way_do_not_affect_later_reads()
    {
        var valid = MailAccount().ToString();
        var missing = MailAccount();
        missing.Remove("name");
        var text = valid.Replace("\"smtp_port\"", "\"smtp_port\" 12", StringComparison.Ordinal); // broken inside a nested object
        for (int i = 0; i < 300; i++)
        {
            Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(text));
            Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(valid.Substring(0, valid.Length / 2)));
        }

        Assert.IsType<MailAccount>(PostPressJson.Deserialize<Account>(valid));
        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(missing.ToString()));
        Assert.Contains("'name'", ex.Message);
    }

    [Fact]
    public void Concurrent_reads_on_many_threads_get_their_own_outcome()
    {
        var valid = MailAccount().ToString();
        var missing = MailAccount();
        missing.Remove("sources");
        var invalid = missing.ToString();

        var outcomes = Enumerable.Range(0, 400).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            try
            {
                PostPressJson.Deserialize<Account>(i % 2 == 0 ? valid : invalid);
                return i % 2 == 0;
            }
            catch (PostPressSerializationException ex)
            {
                return i % 2 == 1 && ex.Message.Contains("'sources'", StringComparison.Ordinal);
            }
        }).ToList();

        Assert.All(outcomes, Assert.True);
    }

    [Fact]
    public void Writing_a_model_is_not_affected_by_the_checks()
    {
        var account = (MailAccount)PostPressJson.Deserialize<Account>(MailAccount().ToString())!;
        account.Id = "acc_1";
        account.CreatedAt = new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.Zero);

        var json = SpecModel.Parse(PostPressJson.Serialize(account));

        Assert.Equal("acc_1", (string?)json["id"]);
        Assert.Equal("2026-04-12T09:14:21.000Z", (string?)json["created_at"]);
        Assert.IsType<MailAccount>(PostPressJson.Deserialize<Account>(PostPressJson.Serialize(account)));
    }

    [Fact]
    public void Writing_a_model_with_a_null_required_member_is_refused()
    {
        var ex = Assert.Throws<Newtonsoft.Json.JsonSerializationException>(() => PostPressJson.Serialize(new RecruiterSeat { OwnerSeatId = null!, ContractId = "c" }));

        Assert.Contains("'owner_seat_id'", ex.Message);
    }

    private static JObject MailAccount()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json["type"] = "MAIL";
        return json;
    }
}
