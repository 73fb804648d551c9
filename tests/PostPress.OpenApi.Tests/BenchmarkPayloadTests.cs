using System;
using System.Linq;
using System.Text.Json.Nodes;
using PostPress.Benchmarks.Infrastructure;
using Xunit;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// The canned responses of benchmarks/PostPress.Benchmarks are valid instances of the spec's schemas (so the
/// benchmarks measure realistic payloads) and are the same on every build (fixed seed).
/// </summary>
public sealed class BenchmarkPayloadTests
{
    public static TheoryData<string> AccountTypes() => new(Payloads.AccountTypes);

    [Fact]
    public void Profile_is_a_valid_UserProfile_of_about_64_KB_with_the_documented_sections()
    {
        var bytes = Payloads.LinkedInProfile();
        var json = JsonNode.Parse(bytes)!;

        AssertValid(json, "UserProfile");
        Assert.InRange(bytes.Length, 60_000, 70_000);
        Assert.Equal(50, json["work_experience"]!.AsArray().Count);
        Assert.Equal(100, json["skills"]!.AsArray().Count);
        var events = json["recruiting_activity"]!.AsArray().Select(a => (string)a!["event"]!).ToList();
        Assert.Equal(20, events.Count);
        Assert.Equal(Payloads.ActivityEvents.Order(StringComparer.Ordinal), events.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AccountTypes))]
    public void Account_is_a_valid_Account_of_its_type(string type)
    {
        var json = JsonNode.Parse(Payloads.Account(type))!;

        AssertValid(json, "Account");
        Assert.Equal(type, (string?)json["type"]);
    }

    [Fact]
    public void Validation_tells_the_account_variants_apart()
    {
        var linkedIn = JsonNode.Parse(Payloads.Account("LINKEDIN"));

        Assert.Empty(SchemaValidator.Instance.Validate(linkedIn, SpecDocument.Pointer("components", "schemas", "LinkedInAccount")));
        Assert.NotEmpty(SchemaValidator.Instance.Validate(linkedIn, SpecDocument.Pointer("components", "schemas", "MailAccount")));
    }

    [Fact]
    public void Every_Account_variant_of_the_spec_has_a_payload()
    {
        var mapping = SpecDocument.Instance.At(SpecDocument.Pointer("components", "schemas", "Account", "discriminator", "mapping"))!.AsObject();

        Assert.Equal(mapping.Select(p => p.Key).Order(StringComparer.Ordinal), Payloads.AccountTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Relation_pages_are_valid_and_chain_by_cursor()
    {
        var first = JsonNode.Parse(Payloads.RelationsPage(0))!;
        var last = JsonNode.Parse(Payloads.RelationsPage(Payloads.RelationPages - 1))!;

        AssertValid(first, "UserRelationsList");
        AssertValid(last, "UserRelationsList");
        Assert.Equal(Payloads.RelationsPerPage, first["items"]!.AsArray().Count);
        var cursor = (string)first["cursor"]!;
        Assert.Equal(1, Payloads.PageOf(new Uri("https://api.test/api/v1/users/relations?account_id=a&cursor=" + cursor)));
        Assert.Equal(0, Payloads.PageOf(new Uri("https://api.test/api/v1/users/relations?account_id=a")));
        Assert.Null(last["cursor"]);
    }

    [Fact]
    public void Action_result_is_a_valid_55_byte_LinkedInUserActionResult()
    {
        AssertValid(JsonNode.Parse(Payloads.ActionResult), "LinkedInUserActionResult");
        Assert.Equal(55, Payloads.ActionResult.Length);
    }

    [Fact]
    public void Payloads_are_deterministic()
    {
        Assert.Equal(Payloads.LinkedInProfile(), Payloads.LinkedInProfile());
        Assert.Equal(Payloads.Account("LINKEDIN"), Payloads.Account("LINKEDIN"));
        Assert.Equal(Payloads.RelationsPage(42), Payloads.RelationsPage(42));
        Assert.NotEqual(Payloads.RelationsPage(41), Payloads.RelationsPage(42));
    }

    private static void AssertValid(JsonNode? json, string schema)
    {
        var errors = SchemaValidator.Instance.Validate(json, SpecDocument.Pointer("components", "schemas", schema));
        Assert.True(errors.Count == 0, $"not a valid {schema}:\n{SchemaValidator.Describe(errors)}");
    }
}
