using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>
/// The sandbox refuses unknown operation ids, variant names and error codes at once, and the generated constants
/// (SandboxOperations, SandboxErrors, &lt;Union&gt;Variants, from obj/generated/SandboxConstants.g.cs) are exactly the names
/// it accepts.
/// </summary>
public sealed class TypedNamesTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;

    public TypedNamesTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    [Fact]
    public void An_unknown_operation_id_throws_listing_the_valid_ones()
    {
        var respond = Assert.Throws<ArgumentException>(() => _sandbox.Respond("getAcount"));
        Assert.Contains("'getAcount'", respond.Message, StringComparison.Ordinal);
        Assert.Contains("getAccount", respond.Message, StringComparison.Ordinal);
        Assert.Contains("listRelations", respond.Message, StringComparison.Ordinal);

        var next = Assert.Throws<ArgumentException>(() => _sandbox.Next(1, "getAcount"));
        Assert.Contains("getAccount", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_variant_throws_listing_the_valid_ones_and_changes_nothing()
    {
        var e = Assert.Throws<ArgumentException>(() => _sandbox.Respond("getAccount").WithVariant("MAILX"));
        Assert.Equal("variant", e.ParamName);
        Assert.Contains("'MAILX'", e.Message, StringComparison.Ordinal);
        foreach (var valid in _sandbox.Operations.Single(o => o.OperationId == "getAccount").Variants)
        {
            Assert.Contains(valid, e.Message, StringComparison.Ordinal);
        }

        // Nothing was recorded: the default (first documented example, LinkedIn) is still served.
        using var client = _sandbox.CreateClient();
        Assert.IsType<LinkedInAccount>(await client.Accounts.GetAsync("acc_1"));
    }

    [Fact]
    public void A_variant_of_another_operations_union_is_refused()
    {
        // MAIL is an Account type, not a profile provider.
        var e = Assert.Throws<ArgumentException>(() => _sandbox.Respond("getOwnProfile").WithVariant(AccountVariants.Mail));
        Assert.Contains("GMAIL", e.Message, StringComparison.Ordinal);

        var none = Assert.Throws<ArgumentException>(() => _sandbox.Respond("performLinkedInUserAction").WithVariant("saveLead"));
        Assert.Contains("no union", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_union_property_or_a_variant_not_at_that_property_throws()
    {
        var property = Assert.Throws<ArgumentException>(() => _sandbox.Respond("getOwnProfile").WithVariant("recruitr", "null"));
        Assert.Equal("property", property.ParamName);
        Assert.Contains("recruiter", property.Message, StringComparison.Ordinal);
        Assert.Contains("sales_navigator", property.Message, StringComparison.Ordinal);

        var variant = Assert.Throws<ArgumentException>(() => _sandbox.Respond("getOwnProfile").WithVariant("recruiter", "SalesNavigatorSeatError"));
        Assert.Contains("RecruiterSeatError", variant.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_error_code_throws_listing_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => _sandbox.Next(1, "getAccount").Fail(404, "errors/resource_not_foundd"));
        Assert.Equal("errorType", e.ParamName);
        Assert.Contains("'errors/resource_not_foundd'", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404 of getAccount documents: errors/resource_not_found", e.Message, StringComparison.Ordinal);
        Assert.Contains("errors/too_many_requests", e.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => _sandbox.Next().ServiceUnavailable(errorType: "errors/network-down"));
        Assert.Throws<ArgumentException>(() => _sandbox.Next().Fail(500, string.Empty));
    }

    [Fact]
    public void The_operation_constants_are_exactly_the_operations_of_the_spec()
    {
        var constants = Constants(typeof(SandboxOperations));
        Assert.Equal(
            _sandbox.Operations.Select(o => o.OperationId).Order(StringComparer.Ordinal),
            constants.Values.Order(StringComparer.Ordinal));
        Assert.Equal("getAccount", SandboxOperations.GetAccount);
        foreach (var id in constants.Values)
        {
            _sandbox.Respond(id); // accepted
        }
    }

    [Fact]
    public void The_error_constants_are_exactly_the_codes_the_spec_documents()
    {
        var documented = _sandbox.Model.GlobalCodes.Select(c => c.Code)
            .Concat(_sandbox.Model.Operations.SelectMany(o => o.Errors.Values.SelectMany(e => e.Codes)).Select(c => c.Code))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Assert.Equal(documented, Constants(typeof(SandboxErrors)).Values.Order(StringComparer.Ordinal));
        Assert.Equal("errors/resource_not_found", SandboxErrors.ResourceNotFound);
    }

    [Fact]
    public async Task Every_error_constant_is_served_as_the_problem_type()
    {
        using var http = _sandbox.CreateHttpClient();
        foreach (var (member, code) in Constants(typeof(SandboxErrors)))
        {
            var status = _sandbox.Model.GlobalCodes.FirstOrDefault(c => c.Code == code)?.Status ?? 400;
            _sandbox.Next(1, SandboxOperations.GetAccount).Fail(status, code);
            using var response = await http.GetAsync("accounts/acc_1");
            Assert.Equal(status, (int)response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(code == problem["type"]?.GetValue<string>(), $"SandboxErrors.{member}: served {problem["type"]}");
        }
    }

    public static TheoryData<string, string> VariantConstants()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in VariantClasses())
        {
            foreach (var (member, _) in Constants(type))
            {
                data.Add(type.Name, member);
            }
        }

        return data;
    }

    [Fact]
    public void There_is_a_variants_class_for_every_union_a_response_reaches()
    {
        var unions = VariantClasses().Select(t => t.Name[..^"Variants".Length]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Account", "OwnProfile", "RecruiterSeatStatus", "RecruitingActivity", "SalesNavigatorSeatStatus", "UserProfile"], unions);
        Assert.Equal(14, Constants(typeof(AccountVariants)).Count);
        Assert.Equal(10, Constants(typeof(RecruitingActivityVariants)).Count);
        Assert.Equal("MAIL", AccountVariants.Mail);
        Assert.Equal("null", RecruiterSeatStatusVariants.Null);
    }

    /// <summary>
    /// Each constant is accepted by the sandbox on an operation whose response reaches the union the class is named after,
    /// and the response then holds that variant where the union sits: the discriminator value (read back by the SDK as
    /// a variant of the union, not its Unknown fallback), the variant class (a union without a discriminator), or null.
    /// </summary>
    [Theory]
    [MemberData(nameof(VariantConstants))]
    public async Task Every_variant_constant_is_accepted_and_serves_the_variant_it_names(string className, string member)
    {
        var type = VariantClasses().Single(t => t.Name == className);
        var value = Constants(type)[member];
        var union = typeof(PostPressClient).Assembly.GetType("PostPress.Models." + className[..^"Variants".Length], throwOnError: true)!;
        var variantNames = typeof(PostPressClient).Assembly.GetExportedTypes().Where(t => t.BaseType == union).Select(t => t.Name).ToList();

        // Where the sandbox finds this union: an operation and the property it sits at (null: the whole body).
        var (operationId, property) = _sandbox.Model.Operations
            .Where(o => o.SuccessSchemaPointer is not null)
            .SelectMany(o => _sandbox.Examples.ReachableUnions(o.SuccessSchemaPointer!).Select(u => (o.OperationId, u.Property, u.Branches)))
            .Where(u => u.Branches.Any(b => b.Names.Intersect(variantNames).Any()))
            .Select(u => (u.OperationId, u.Property))
            .First();

        _sandbox.Respond(operationId).Reset().WithVariant(property, value);
        using var http = _sandbox.CreateHttpClient();
        var body = await SpecRequests.SendAndCheckAsync(_sandbox, http, operationId);
        var nodes = property is null ? [body] : Find(body, property).ToList();
        Assert.NotEmpty(nodes);

        foreach (var node in nodes)
        {
            if (value == "null")
            {
                Assert.Null(node);
                continue;
            }

            var read = PostPress.PostPressJson.Deserialize(node!.ToJsonString(), union)!;
            Assert.DoesNotContain("Unknown", read.GetType().Name, StringComparison.Ordinal);
            if (variantNames.Contains(value))
            {
                Assert.Equal(value, read.GetType().Name); // a union without a discriminator: the class it names
            }
            else
            {
                // The discriminator value it names, read back by the SDK as a known variant.
                var written = JsonNode.Parse(PostPress.PostPressJson.Serialize(read))!.AsObject().Select(p => p.Value).OfType<JsonValue>().Select(v => v.ToString());
                Assert.Contains(value, written);
            }
        }
    }

    private static IEnumerable<Type> VariantClasses() => typeof(PostPressSandbox).Assembly.GetExportedTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Variants", StringComparison.Ordinal))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static Dictionary<string, string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>The values of every member of this name in the body (array items flattened).</summary>
    private static IEnumerable<JsonNode?> Find(JsonNode? node, string property)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == property)
                    {
                        if (value is JsonArray items)
                        {
                            foreach (var item in items)
                            {
                                yield return item;
                            }
                        }
                        else
                        {
                            yield return value;
                        }
                    }
                    else
                    {
                        foreach (var found in Find(value, property))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var found in Find(item, property))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}
