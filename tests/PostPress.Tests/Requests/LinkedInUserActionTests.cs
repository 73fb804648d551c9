using System;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>The typed builders serialize exactly as the page documents and refuse invalid input.</summary>
public sealed class LinkedInUserActionTests
{
    private static JToken Json(object request) => SpecModel.Parse(PostPressJson.Serialize(request));

    private static JToken Documented(string name) =>
        SpecModel.Document["paths"]!["/linkedin/user/{user_id}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]![name]!["value"]!;

    [Fact]
    public void AddCandidateToPipeline_matches_the_pages_example_request()
    {
        var request = LinkedInUserAction.AddCandidateToPipeline("acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", "proj_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", RecruiterPipelineStage.Uncontacted);
        Assert.True(JToken.DeepEquals(Documented("addCandidateToPipeline"), Json(request)), Json(request).ToString());
    }

    [Fact]
    public void RejectApplicant_with_notification_matches_the_documented_body()
    {
        var request = LinkedInUserAction.RejectApplicant(
            "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR",
            "proj_01HXYZ4QK3WJ8FN3M6QH7TZ8GR",
            RecruiterRejectionReason.MoreQualifiedCandidates,
            "Thank you for applying.",
            DateTimeOffset.FromUnixTimeMilliseconds(1747400000000));
        Assert.True(JToken.DeepEquals(Documented("rejectApplicant"), Json(request)), Json(request).ToString());
    }

    [Fact]
    public void SaveLead_matches_the_documented_body()
    {
        var request = LinkedInUserAction.SaveLead("acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", "list_42");
        Assert.True(JToken.DeepEquals(Documented("saveLead"), Json(request)), Json(request).ToString());
    }

    [Theory]
    [InlineData("add", "addCandidateToPipeline")]
    [InlineData("applicant", "addApplicantToPipeline")]
    [InlineData("change", "changeCandidatePipeline")]
    public void Pipeline_actions_carry_api_recruiter_and_their_action(string which, string action)
    {
        var request = which switch
        {
            "add" => LinkedInUserAction.AddCandidateToPipeline("a", "p"),
            "applicant" => LinkedInUserAction.AddApplicantToPipeline("a", "p"),
            _ => LinkedInUserAction.ChangeCandidatePipeline("a", "p", RecruiterPipelineStage.Replied),
        };

        var json = (JObject)Json(request);
        Assert.Equal("recruiter", (string?)json["api"]);
        Assert.Equal(action, (string?)json["action"]);
        Assert.Equal(which == "change" ? "REPLIED" : null, (string?)json["stage"]);
        Assert.Equal(which == "change" ? 5 : 4, json.Count);
    }

    [Fact]
    public void Silent_rejection_has_no_notification()
    {
        var json = (JObject)Json(LinkedInUserAction.RejectApplicant("a", "p", RecruiterRejectionReason.WithdrewApplication));
        Assert.False(json.ContainsKey("rejection_notification"));
        Assert.Equal("WITHDREW_APPLICATION", (string?)json["reason"]);
        Assert.Equal("rejectApplicant", (string?)json["action"]);
    }

    [Theory]
    [InlineData("accountId")]
    [InlineData("hiringProjectId")]
    public void Builders_reject_empty_ids_naming_the_parameter(string name)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => name == "accountId"
            ? LinkedInUserAction.AddCandidateToPipeline(" ", "p")
            : LinkedInUserAction.RejectApplicant("a", "", RecruiterRejectionReason.WithdrewApplication));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Builders_reject_undocumented_enum_values()
    {
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => LinkedInUserAction.AddCandidateToPipeline("a", "p", new RecruiterPipelineStage("HIRED"))).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => LinkedInUserAction.RejectApplicant("a", "p", default)).ParamName);
        Assert.Equal("notificationMessage", Assert.Throws<ArgumentException>(() => LinkedInUserAction.RejectApplicant("a", "p", RecruiterRejectionReason.WithdrewApplication, "")).ParamName);
        Assert.Equal("sendNotificationAt", Assert.Throws<ArgumentException>(() => LinkedInUserAction.RejectApplicant("a", "p", RecruiterRejectionReason.WithdrewApplication, null, DateTimeOffset.UtcNow)).ParamName);
        Assert.Equal("listId", Assert.Throws<ArgumentException>(() => LinkedInUserAction.SaveLead("a", "")).ParamName);
    }
    [Fact]
    public async System.Threading.Tasks.Task A_built_body_changed_afterwards_is_still_validated_by_the_operation_before_sending()
    {
        // The builders check their arguments; the whole body is validated by the operation (once), which catches a
        // body made invalid after it was built.
        using var api = new MockApi();
        using var client = api.Client(o => o.MaxRetries = 0);
        var request = LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted);
        request.AccountId = "";
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.LinkedIn.PerformUserActionAsync("AEM1", request));
        Assert.Contains("request.account_id", ex.Message, StringComparison.Ordinal);

        var lead = LinkedInUserAction.SaveLead("acc_1");
        lead.ListId = "bad\uD800";
        ex = await Assert.ThrowsAsync<ArgumentException>(() => client.LinkedIn.PerformUserActionAsync("AEM1", lead));
        Assert.Contains("request.list_id", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }
}
