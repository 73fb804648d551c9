using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using PostPress.Models;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Models;

/// <summary>
/// Required members are C# <c>required</c> (build/nswag.json useRequiredKeyword): the compiler rejects
/// <c>new LinkedInOwnProfile { FirstName = "Ada" }</c> (CS9035: LastName, ProviderId, … must be set), which is what the
/// <see cref="RequiredMemberAttribute"/> on the members checked here means. Deserialization is unaffected.
/// </summary>
public class RequiredMembersTests
{
    private static bool IsRequired(Type type, string property) =>
        type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetCustomAttribute<RequiredMemberAttribute>() is not null;

    [Fact]
    public void Spec_required_properties_are_csharp_required_members()
    {
        Assert.NotNull(typeof(LinkedInOwnProfile).GetCustomAttribute<RequiredMemberAttribute>());
        Assert.True(IsRequired(typeof(LinkedInOwnProfile), nameof(LinkedInOwnProfile.FirstName)));
        Assert.True(IsRequired(typeof(LinkedInOwnProfile), nameof(LinkedInOwnProfile.LastName)));
        Assert.False(IsRequired(typeof(LinkedInOwnProfile), nameof(LinkedInOwnProfile.Headline))); // optional in the spec
    }

    [Fact]
    public void Properties_the_object_sets_itself_are_not_required_and_keep_their_value()
    {
        // The discriminator is set by the variant's constructor, a constant by its initializer.
        Assert.False(IsRequired(typeof(OwnProfile), nameof(OwnProfile.Provider)));
        Assert.False(IsRequired(typeof(OwnProfile), nameof(OwnProfile.Object)));
        Assert.False(IsRequired(typeof(RecruiterPipelineActionRequest), nameof(RecruiterPipelineActionRequest.Api)));

        var request = new SalesNavigatorSaveLeadRequest { AccountId = "acc" };
        Assert.Equal(LinkedInUserActionRequestAction.SaveLead, request.Action);
        Assert.Equal("sales_navigator", request.Api);
    }

    [Fact]
    public void Deserialization_still_fills_required_members()
    {
        var profile = Assert.IsType<LinkedInOwnProfile>(PostPressJson.Deserialize<OwnProfile>(
            "{\"provider\":\"LINKEDIN\",\"object\":\"AccountOwnerProfile\",\"provider_id\":\"p\",\"entity_urn\":\"e\",\"object_urn\":\"o\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"profile_picture_url\":\"u\","
            + "\"email\":\"ada@example.com\",\"premium\":false,\"open_profile\":true,\"organizations\":[],\"recruiter\":null,\"sales_navigator\":null}"));
        Assert.Equal("Lovelace", profile.LastName);
    }

    [Fact]
    public void The_error_envelope_is_not_a_public_type()
    {
        var problemDetails = typeof(PostPressClient).Assembly.GetType("PostPress.Models.ProblemDetails");
        Assert.NotNull(problemDetails);
        Assert.False(problemDetails!.IsPublic);
        Assert.DoesNotContain(typeof(PostPressClient).Assembly.GetExportedTypes(), t => t.Name == "ProblemDetails");
    }
}
