using System;
using System.Linq;
using System.Reflection;
using PostPress.Models;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Models;

/// <summary>
/// Required members are C# <c>required</c> (build/nswag.json useRequiredKeyword): the compiler rejects
/// <c>new LinkedInOwnProfile { FirstName = "Ada" }</c> (CS9035: LastName, ProviderId, … must be set), which is what the
/// <c>System.Runtime.CompilerServices.RequiredMemberAttribute</c> on the members checked here means. Deserialization is unaffected.
/// </summary>
public class RequiredMembersTests
{
    // Matched by full name, as the compiler does: the netstandard2.0 build of PostPress carries its own internal
    // polyfill of the attribute (src/PostPress/Polyfills/RequiredMembers.cs), not the BCL's type.
    private static bool IsMarkedRequired(MemberInfo member) =>
        member.GetCustomAttributes(inherit: false).Any(a => a.GetType().FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute");

    private static bool IsRequired(Type type, string property) =>
        IsMarkedRequired(type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!);

    [Fact]
    public void Spec_required_properties_are_csharp_required_members()
    {
        Assert.True(IsMarkedRequired(typeof(LinkedInOwnProfile)));
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
    public void Unknown_variants_are_created_without_setting_the_required_members()
    {
        // Compiles only because the constructor carries [SetsRequiredMembers] (Account has required Id, Name, ...): on
        // the netstandard2.0 build (tests/PostPress.Tests.NetStandard) that is PostPress's internal polyfill.
        var account = new UnknownAccount();

        var constructor = typeof(UnknownAccount).GetConstructor(Type.EmptyTypes)!;
        Assert.Contains(constructor.GetCustomAttributes(inherit: false), a => a.GetType().FullName == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        Assert.True(IsRequired(typeof(Account), nameof(Account.Id)));
        Assert.Null(account.Id);
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
