using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace PostPress.Tests.Snapshots;

/// <summary>
/// The JSON the client puts on the wire (<see cref="PostPressJson.Serialize"/>) for every body variant the
/// <see cref="LinkedInUserAction"/> builders produce, one snapshot per case
/// (<c>__snapshots__/RequestBodySnapshotTests.Serialized_body_matches_snapshot_{case}.snap</c>).
/// </summary>
public sealed class RequestBodySnapshotTests
{
    private const string AccountId = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";
    private const string HiringProjectId = "proj_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";

    private static readonly DateTimeOffset SendAt = new(2026, 5, 16, 13, 20, 0, 123, TimeSpan.FromHours(2));

    private static readonly IReadOnlyDictionary<string, Func<LinkedInUserActionRequest>> Cases =
        new Dictionary<string, Func<LinkedInUserActionRequest>>
        {
            ["addCandidateToPipeline"] = () => LinkedInUserAction.AddCandidateToPipeline(AccountId, HiringProjectId),
            ["addCandidateToPipeline_with_stage"] = () => LinkedInUserAction.AddCandidateToPipeline(AccountId, HiringProjectId, RecruiterPipelineStage.Contacted),
            ["addApplicantToPipeline"] = () => LinkedInUserAction.AddApplicantToPipeline(AccountId, HiringProjectId),
            ["addApplicantToPipeline_with_stage"] = () => LinkedInUserAction.AddApplicantToPipeline(AccountId, HiringProjectId, RecruiterPipelineStage.Replied),
            ["changeCandidatePipeline"] = () => LinkedInUserAction.ChangeCandidatePipeline(AccountId, HiringProjectId),
            ["changeCandidatePipeline_with_stage"] = () => LinkedInUserAction.ChangeCandidatePipeline(AccountId, HiringProjectId, RecruiterPipelineStage.Uncontacted),
            ["rejectApplicant"] = () => LinkedInUserAction.RejectApplicant(AccountId, HiringProjectId, RecruiterRejectionReason.NotMeetBasicQualifications),
            ["rejectApplicant_with_notification"] = () => LinkedInUserAction.RejectApplicant(AccountId, HiringProjectId, RecruiterRejectionReason.MoreQualifiedCandidates, "Thank you for applying."),
            ["rejectApplicant_with_scheduled_notification"] = () => LinkedInUserAction.RejectApplicant(AccountId, HiringProjectId, RecruiterRejectionReason.WithdrewApplication, "Thank you for applying.", SendAt),
            ["saveLead"] = () => LinkedInUserAction.SaveLead(AccountId),
            ["saveLead_with_list"] = () => LinkedInUserAction.SaveLead(AccountId, "list_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"),
        };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Serialized_body_matches_snapshot(string name)
    {
        var body = SpecModel.Parse(PostPressJson.Serialize(Cases[name]()));

        Assert.Equal(name.Split('_')[0], (string?)body["action"]);
        SnapshotCheck.Match(body, Snapshot.FullName(new SnapshotNameExtension(name)));
    }

    [Fact]
    public void Cases_cover_every_action_of_the_spec()
    {
        var actions = ((JObject)SpecModel.Schema("LinkedInUserActionRequest")["discriminator"]!["mapping"]!).Properties().Select(p => p.Name);

        Assert.Equal(actions.OrderBy(a => a, StringComparer.Ordinal), Cases.Keys.Select(k => k.Split('_')[0]).Distinct().OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void Scheduled_notification_is_sent_as_unix_milliseconds()
    {
        var body = SpecModel.Parse(PostPressJson.Serialize(Cases["rejectApplicant_with_scheduled_notification"]()));

        Assert.Equal(SendAt.ToUnixTimeMilliseconds(), (long)body["rejection_notification"]!["send_notification_at"]!);
    }
}
