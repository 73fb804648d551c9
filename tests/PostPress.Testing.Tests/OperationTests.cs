using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>Every operation of the spec, answered from its examples, through the raw wire and through the SDK.</summary>
public sealed class OperationTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;

    public OperationTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    [Fact]
    public void The_sandbox_serves_every_operation_of_the_embedded_spec()
    {
        var ids = _sandbox.Operations.Select(o => o.OperationId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["getAccount", "getOwnProfile", "getUserProfile", "listRelations", "performLinkedInUserAction"], ids);
        Assert.True(_sandbox.Operations.Single(o => o.OperationId == "listRelations").IsPaged);
        Assert.StartsWith("http://127.0.0.1:", _sandbox.BaseUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("/api/v1", _sandbox.BaseUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_answers_a_valid_request_with_a_body_matching_its_schema()
    {
        using var http = _sandbox.CreateHttpClient();
        foreach (var op in _sandbox.Operations)
        {
            await SpecRequests.SendAndCheckAsync(_sandbox, http, op.OperationId);
        }
    }

    [Fact]
    public async Task Every_operation_is_served_through_the_sdk_client()
    {
        using var client = _sandbox.CreateClient();

        var me = await client.Users.GetMeAsync("acc_1");
        var linkedInMe = Assert.IsType<LinkedInOwnProfile>(me);
        Assert.Equal("Ada", linkedInMe.FirstName);                                   // the spec's example
        Assert.IsType<RecruiterSeat>(linkedInMe.Recruiter);

        var profile = await client.Users.GetProfileAsync("jordan-walke", "acc_1",
            new UserProfileOptions { LinkedInSections = { LinkedInSectionSelector.AllPreview, LinkedInSectionSelector.Skills } });
        Assert.Equal("Walke", Assert.IsType<LinkedInUserProfile>(profile).LastName);

        var page = await client.Users.ListRelationsAsync("acc_1", limit: 10);
        Assert.Equal(10, page.Items.Count);
        Assert.NotNull(page.Cursor);

        var account = await client.Accounts.GetAsync("acc_1");
        Assert.Equal("Anna - Sales", Assert.IsType<LinkedInAccount>(account).Name);

        var result = await client.LinkedIn.PerformUserActionAsync("AEMAAB1",
            LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted));
        Assert.True(result.Success);

        var paths = _sandbox.Requests.Select(r => r.OperationId).ToList();
        Assert.Equal(["getOwnProfile", "getUserProfile", "listRelations", "getAccount", "performLinkedInUserAction"], paths);
        Assert.Equal(["*_preview", "skills"], _sandbox.Requests[1].Query["linkedin_sections"]);
    }

    public static TheoryData<string, string> TopLevelVariants()
    {
        // Read from the spec: every variant of every operation whose response is a union.
        var data = new TheoryData<string, string>();
        foreach (var op in PostPressSandbox.EmbeddedOperations())
        {
            foreach (var variant in op.Variants)
            {
                data.Add(op.OperationId, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TopLevelVariants))]
    public async Task Every_union_variant_can_be_picked_and_matches_the_schema(string operationId, string variant)
    {
        _sandbox.Respond(operationId).WithVariant(variant);
        using var http = _sandbox.CreateHttpClient();
        var json = await SpecRequests.SendAndCheckAsync(_sandbox, http, operationId);
        var discriminatorValues = json!.AsObject().Select(p => p.Value).OfType<JsonValue>().Select(v => v.ToString()).ToList();
        Assert.Contains(variant, discriminatorValues);
    }

    [Fact]
    public async Task The_sdk_reads_every_account_type_provider_and_profile_variant()
    {
        using var client = _sandbox.CreateClient();
        var accountTypes = new List<string>();
        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == "getAccount").Variants)
        {
            _sandbox.Respond("getAccount").Reset().WithVariant(variant);
            var account = await client.Accounts.GetAsync("acc_1");
            Assert.IsNotType<UnknownAccount>(account);
            Assert.Equal(variant, account.Type.Value);
            accountTypes.Add(account.GetType().Name);
        }

        Assert.Equal(14, accountTypes.Distinct().Count());

        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == "getOwnProfile").Variants)
        {
            _sandbox.Respond("getOwnProfile").Reset().WithVariant(variant);
            var me = await client.Users.GetMeAsync("acc_1");
            Assert.IsNotType<UnknownOwnProfile>(me);
            Assert.Equal(variant, me.Provider.Value);
        }

        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == "getUserProfile").Variants)
        {
            _sandbox.Respond("getUserProfile").Reset().WithVariant(variant);
            var profile = await client.Users.GetProfileAsync("someone", "acc_1");
            Assert.IsNotType<UnknownUserProfile>(profile);
            Assert.Equal(variant, profile.Provider.Value);
        }
    }

    [Theory]
    [InlineData("recruiter", "Seat", typeof(RecruiterSeat))]
    [InlineData("recruiter", "RecruiterSeatError", typeof(RecruiterSeatError))]
    [InlineData("sales_navigator", "SalesNavigatorSeat", typeof(SalesNavigatorSeat))]
    [InlineData("sales_navigator", "SalesNavigatorSeatError", typeof(SalesNavigatorSeatError))]
    public async Task A_seat_union_at_a_property_can_be_picked(string property, string variant, Type expected)
    {
        _sandbox.Respond("getOwnProfile").WithVariant("LINKEDIN").WithVariant(property, variant);
        using var client = _sandbox.CreateClient();
        var me = Assert.IsType<LinkedInOwnProfile>(await client.Users.GetMeAsync("acc_1"));
        Assert.IsType(expected, property == "recruiter" ? me.Recruiter : me.SalesNavigator);
        Assert.Equal("Ada", me.FirstName); // the rest still comes from the spec's example
    }

    [Fact]
    public async Task A_seat_union_can_be_null()
    {
        _sandbox.Respond("getOwnProfile").WithVariant("recruiter", "null");
        using var client = _sandbox.CreateClient();
        var me = Assert.IsType<LinkedInOwnProfile>(await client.Users.GetMeAsync("acc_1"));
        Assert.Null(me.Recruiter);
    }

    [Theory]
    [InlineData("MESSAGE", typeof(RecruitingMessageActivity))]
    [InlineData("NOTE_ADDED", typeof(RecruitingNoteActivity))]
    [InlineData("NOTE_EDITED", typeof(RecruitingNoteActivity))]
    [InlineData("NOTE_DELETED", typeof(RecruitingNoteActivity))]
    [InlineData("LINK_ADDED", typeof(RecruitingLinkActivity))]
    [InlineData("LINK_DELETED", typeof(RecruitingLinkActivity))]
    [InlineData("CANDIDATE_ADDED", typeof(RecruitingCandidateStatusActivity))]
    [InlineData("CANDIDATE_MOVED", typeof(RecruitingCandidateStatusActivity))]
    [InlineData("PROFILE_VIEW", typeof(RecruitingProfileViewActivity))]
    [InlineData("UNHANDLED_EVENT", typeof(RecruitingUnhandledActivity))]
    public async Task Every_recruiting_activity_event_can_be_picked(string eventName, Type expected)
    {
        _sandbox.Respond("getUserProfile").WithVariant(eventName);
        using var client = _sandbox.CreateClient();
        var profile = Assert.IsType<LinkedInUserProfile>(await client.Users.GetProfileAsync("jordan-walke", "acc_1"));
        var activity = Assert.Single(profile.RecruitingActivity!);
        Assert.IsType(expected, activity);
        Assert.Equal(eventName, activity.Event.Value);
        Assert.Equal("Walke", profile.LastName);
    }

    [Fact]
    public async Task An_example_can_be_picked_by_name_and_a_body_given()
    {
        using var client = _sandbox.CreateClient();
        _sandbox.Respond("listRelations").WithExample("lastPage");
        // A paged operation still pages its data set; the example only shapes the page around the items.
        var page = await client.Users.ListRelationsAsync("acc_1", limit: 5);
        Assert.Equal(5, page.Items.Count);

        _sandbox.Respond("getAccount").WithBody("""{"object":"Account","type":"FUTURE_TYPE","id":"acc_new"}""");
        var account = await client.Accounts.GetAsync("acc_new");
        Assert.Equal("FUTURE_TYPE", Assert.IsType<UnknownAccount>(account).Type.Value);

        Assert.Throws<ArgumentException>(() => _sandbox.Respond("getAccount").WithExample("no-such-example"));
        Assert.Throws<ArgumentException>(() => _sandbox.Respond("noSuchOperation"));
        Assert.Throws<ArgumentException>(() => _sandbox.Respond("getAccount").WithBody("{not json"));
    }
}
