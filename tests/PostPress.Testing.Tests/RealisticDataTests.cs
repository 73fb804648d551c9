using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PostPress.Testing.Internal;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>The values the sandbox makes up follow each field's name and format, and are determined by <see cref="PostPressSandboxOptions.Seed"/>.</summary>
public sealed class RealisticDataTests
{
    /// <summary>Every (operation, variant) response body of a sandbox with this seed, as JSON text.</summary>
    private static async Task<List<string>> BodiesAsync(int seed)
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Seed = seed, Relations = 20 });
        using var http = sandbox.CreateHttpClient();
        var bodies = new List<string>();
        foreach (var op in sandbox.Operations)
        {
            foreach (var variant in op.Variants.DefaultIfEmpty())
            {
                sandbox.Respond(op.OperationId).Reset();
                if (variant is not null)
                {
                    sandbox.Respond(op.OperationId).WithVariant(variant);
                }

                // Checks the status and that the body matches the operation's schema (pattern, lengths, enums, formats).
                var json = await SpecRequests.SendAndCheckAsync(sandbox, http, op.OperationId);
                bodies.Add(op.OperationId + " " + variant + " " + json!.ToJsonString());
            }
        }

        return bodies;
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_values_and_another_seed_other_values()
    {
        var first = await BodiesAsync(7);
        var again = await BodiesAsync(7);
        var other = await BodiesAsync(8);

        Assert.Equal(first, again);
        Assert.Equal(first.Count, other.Count);
        var differing = first.Zip(other).Count(p => p.First != p.Second);
        Assert.True(differing > first.Count / 2, $"only {differing} of {first.Count} bodies differ between seeds 7 and 8");
    }

    [Fact]
    public async Task Values_do_not_depend_on_the_order_of_requests()
    {
        await using var a = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Seed = 3 });
        await using var b = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Seed = 3 });
        using var httpA = a.CreateHttpClient();
        using var httpB = b.CreateHttpClient();

        foreach (var op in b.Operations.Reverse()) // b answers every operation first, in reverse order
        {
            await SpecRequests.SendAndCheckAsync(b, httpB, op.OperationId);
        }

        foreach (var op in a.Operations)
        {
            var fromA = await SpecRequests.SendAndCheckAsync(a, httpA, op.OperationId);
            var fromB = await SpecRequests.SendAndCheckAsync(b, httpB, op.OperationId);
            // A page's cursor is signed with a key of each sandbox's own; everything else is made up from the seed.
            (fromA as JsonObject)?.Remove("cursor");
            (fromB as JsonObject)?.Remove("cursor");
            Assert.Equal(fromA!.ToJsonString(), fromB!.ToJsonString());
        }
    }

    public static TheoryData<string, string?, string> Shapes() => new()
    {
        { "email", null, @"^[a-z]+\.[a-z]+@[a-z]+\.com$" },
        { "reply_to", null, @"^[a-z]+\.[a-z]+@[a-z]+\.com$" },
        { "whatever", "email", @"^[a-z]+\.[a-z]+@[a-z]+\.com$" },
        { "profile_picture_url", null, @"^https://media\.licdn\.com/dms/image/v2/[A-Za-z0-9_-]+/profile-displayphoto-shrink_400_400/0/$" },
        { "public_profile_url", null, @"^https://www\.linkedin\.com/in/[a-z]+(-[a-z]+)+-[0-9a-f]{6}$" },
        { "website", "uri", @"^https://www\.[a-z]+\.com/$" },
        { "entity_urn", null, @"^urn:li:fsd_profile:ACoAA[A-Za-z0-9_-]{34}$" },
        { "member_urn", null, @"^urn:li:member:[1-9][0-9]{8}$" },
        { "organization_urn", null, @"^urn:li:organization:[1-9][0-9]{5}$" },
        { "provider_id", null, @"^ACoAA[A-Za-z0-9_-]{34}$" },
        { "account_id", null, @"^acc_01[0-9A-HJKMNP-TV-Z]{24}$" },
        { "phone_number", null, @"^\+141555501[0-9]{2}$" },
        { "mobile_phone", null, @"^\+141555501[0-9]{2}$" },
        { "created_at", "date-time", @"^202[56]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$" },
        { "birthday", "date", @"^202[56]-[01][0-9]-[0-3][0-9]$" },
        { "first_name", null, @"^[A-Z][a-zà-ÿ]+$" },
        { "name", null, @"^[A-Z][a-zà-ÿ]+ [A-Z][\p{L}']+$" },
        { "public_identifier", null, @"^[a-z]+(-[a-z]+)+-[0-9a-f]{6}$" },
        { "username", null, @"^[a-z]+[0-9]{2}$" },
        { "headline", null, @"^[A-Z][\w ]+ at [A-Z][\w &]+$" },
        { "location", null, @"^[A-Z][\w ]+, [A-Z][\w ]+$" },
        { "uuid", "uuid", @"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_field_gets_a_value_of_the_shape_its_name_and_format_say(string property, string? format, string pattern)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var value = RealisticValues.For(property, format, "#/components/schemas/LinkedInUserProfile", new ValueSource(seed, "scope", 0));
            Assert.NotNull(value);
            Assert.Matches(pattern, value);
        }
    }

    [Fact]
    public void A_date_time_is_within_the_year_before_the_anchor()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var value = DateTimeOffset.Parse(RealisticValues.For("created_at", "date-time", "#", new ValueSource(seed, "s", 0))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(value, new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
        }
    }

    [Fact]
    public void One_instance_describes_one_person()
    {
        var source = new ValueSource(11, "scope", 0);
        var first = RealisticValues.For("first_name", null, "#", source)!;
        var last = RealisticValues.For("last_name", null, "#", source)!;
        Assert.Equal(first + " " + last, RealisticValues.For("name", null, "#", source));
        Assert.StartsWith(first.ToLowerInvariant(), RealisticValues.For("email", null, "#", source), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_names_get_no_made_up_value_and_a_schema_pattern_wins()
    {
        Assert.Null(RealisticValues.For("verification_status", null, "#", new ValueSource(0, "s", 0)));

        var model = OpenApiModel.Load("""
            openapi: 3.1.0
            info: { title: t, version: '1' }
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  required: [email, name]
                  properties:
                    email: { type: string, pattern: '^code-[0-9]+$' }
                    name: { type: string, maxLength: 4 }
            """);
        var thing = new ExampleBuilder(model, 5).Build("#/components/schemas/Thing", null, [])!.AsObject();
        // The made-up e-mail does not match the pattern, so it is not used (the sandbox's plain fallback is).
        Assert.DoesNotMatch(@"^[a-z]+\.[a-z]+@[a-z]+\.com$", thing["email"]!.GetValue<string>());
        Assert.True(thing["name"]!.GetValue<string>().Length <= 4);
    }
}
