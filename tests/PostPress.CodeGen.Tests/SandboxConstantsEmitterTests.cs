using System;
using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The sandbox constants of PostPress.Testing (<see cref="SandboxConstantsEmitter"/>): operations, error codes, response unions.</summary>
public class SandboxConstantsEmitterTests
{
    private const string Schemas = """
        ErrorType:
          type: string
          enum: [errors/not_here, errors/too_many_requests]
        Problem:
          type: object
          properties:
            type: {$ref: '#/components/schemas/ErrorType'}
        Pet:
          oneOf:
            - $ref: '#/components/schemas/Cat'
            - $ref: '#/components/schemas/Dog'
          discriminator:
            propertyName: kind
            mapping:
              CAT: '#/components/schemas/Cat'
              HOUSE_CAT: '#/components/schemas/Cat'
              DOG: '#/components/schemas/Dog'
        Cat:
          type: object
          required: [kind, collar]
          properties:
            kind: {type: string, enum: [CAT, HOUSE_CAT]}
            collar: {$ref: '#/components/schemas/Collar'}
        Dog:
          type: object
          required: [kind]
          properties:
            kind: {type: string, const: DOG}
        Collar:
          oneOf:
            - $ref: '#/components/schemas/LeatherCollar'
            - $ref: '#/components/schemas/BellCollar'
            - type: 'null'
        LeatherCollar:
          type: object
          required: [leather]
          properties:
            leather: {type: string}
        BellCollar:
          type: object
          required: [bell]
          properties:
            bell: {type: boolean}
        Order:
          oneOf:
            - $ref: '#/components/schemas/SmallOrder'
            - $ref: '#/components/schemas/BigOrder'
          discriminator:
            propertyName: size
            mapping:
              SMALL: '#/components/schemas/SmallOrder'
              BIG: '#/components/schemas/BigOrder'
        SmallOrder:
          type: object
          required: [size]
          properties:
            size: {type: string, const: SMALL}
        BigOrder:
          type: object
          required: [size]
          properties:
            size: {type: string, const: BIG}
        """;

    private const string Paths = """
        /pets/{id}:
          get:
            operationId: getPet
            tags: [Pets]
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
              '404':
                description: gone
                content:
                  application/json:
                    schema:
                      allOf:
                        - $ref: '#/components/schemas/Problem'
                        - type: object
                          properties:
                            type: {const: errors/pet_gone}
        /orders:
          post:
            operationId: place_order
            tags: [Orders]
            requestBody:
              content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}
            responses:
              '204': {description: done}
        """;

    private static SandboxNames Names() => SandboxConstantsEmitter.Collect(Spec.Generate(Spec.Doc(Schemas, Paths)));

    [Fact]
    public void Every_operation_id_gets_a_pascal_case_constant()
    {
        Assert.Equal(new[] { ("GetPet", "getPet"), ("PlaceOrder", "place_order") }, Names().Operations);
    }

    [Fact]
    public void The_error_codes_are_the_error_type_enum_then_the_codes_only_an_error_response_documents()
    {
        Assert.Equal(
            new[] { ("NotHere", "errors/not_here"), ("TooManyRequests", "errors/too_many_requests"), ("PetGone", "errors/pet_gone") },
            Names().Errors);
    }

    [Fact]
    public void The_unions_a_response_reaches_get_their_variants_a_request_union_gets_none()
    {
        var names = Names();

        Assert.Equal(new[] { "PetVariants", "CollarVariants" }, names.Unions.Select(u => u.ClassName));
        var pet = names.Unions.Single(u => u.Union == "Pet");
        Assert.Equal(new[] { ("Cat", "CAT"), ("HouseCat", "HOUSE_CAT"), ("Dog", "DOG") }, pet.Variants.Select(v => (v.Member, v.Value)));

        // No discriminator: the variant class names, and the null branch.
        var collar = names.Unions.Single(u => u.Union == "Collar");
        Assert.Equal(new[] { ("LeatherCollar", "LeatherCollar"), ("BellCollar", "BellCollar"), ("Null", "null") }, collar.Variants.Select(v => (v.Member, v.Value)));

        Assert.DoesNotContain(names.Unions, u => u.Union == "Order"); // a request body: the sandbox never serves it
    }

    [Fact]
    public void The_emitted_file_declares_one_documented_constant_per_name()
    {
        string code = SandboxConstantsEmitter.Emit(Names());

        Assert.Contains("namespace PostPress.Testing", code, StringComparison.Ordinal);
        Assert.Contains("public static class SandboxOperations", code, StringComparison.Ordinal);
        Assert.Contains("public const string GetPet = \"getPet\";", code, StringComparison.Ordinal);
        Assert.Contains("public const string PetGone = \"errors/pet_gone\";", code, StringComparison.Ordinal);
        Assert.Contains("public static class PetVariants", code, StringComparison.Ordinal);
        Assert.Contains("public const string HouseCat = \"HOUSE_CAT\";", code, StringComparison.Ordinal);
        Assert.Contains("public const string Null = \"null\";", code, StringComparison.Ordinal);
        int constants = code.Split('\n').Count(l => l.TrimStart().StartsWith("public const string ", StringComparison.Ordinal));
        int summaries = code.Split('\n').Count(l => l.TrimStart().StartsWith("/// <summary>", StringComparison.Ordinal) && l.Contains("</summary>", StringComparison.Ordinal));
        Assert.Equal(2 + 3 + 3 + 3, constants);
        Assert.Equal(constants, summaries);
    }

    [Fact]
    public void Error_codes_ending_alike_in_different_namespaces_get_a_number_in_document_order()
    {
        string schemas = Schemas.Replace("enum: [errors/not_here, errors/too_many_requests]", "enum: [errors/not_here, errors/too_many_requests, 'https://example.com/errors/too-many-requests']", StringComparison.Ordinal);
        var names = SandboxConstantsEmitter.Collect(Spec.Generate(Spec.Doc(schemas, Paths)));

        Assert.Contains(("TooManyRequests", "errors/too_many_requests"), names.Errors);
        Assert.Contains(("TooManyRequests2", "https://example.com/errors/too-many-requests"), names.Errors);
    }

    [Fact]
    public void Two_names_giving_the_same_constant_fail_the_build()
    {
        string paths = Paths.Replace("operationId: place_order", "operationId: get_pet", StringComparison.Ordinal);
        var e = Assert.Throws<SpecException>(() => SandboxConstantsEmitter.Collect(Spec.Generate(Spec.Doc(Schemas, paths))));
        Assert.Contains("'getPet', 'get_pet'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_spec_names_every_operation_fifty_codes_and_the_six_response_unions()
    {
        var names = SandboxConstantsEmitter.Collect(new Transformer(YamlJson.Load("openapi/postpress.yaml")).Run());

        Assert.Contains(("GetAccount", "getAccount"), names.Operations);
        Assert.Equal(5, names.Operations.Count);
        Assert.Contains(("ResourceNotFound", "errors/resource_not_found"), names.Errors);
        Assert.Equal(50, names.Errors.Count);
        Assert.Equal(
            new[] { "Account", "OwnProfile", "RecruiterSeatStatus", "RecruitingActivity", "SalesNavigatorSeatStatus", "UserProfile" },
            names.Unions.Select(u => u.Union).Order(StringComparer.Ordinal));
        Assert.Contains(("Mail", "MAIL"), names.Unions.Single(u => u.Union == "Account").Variants.Select(v => (v.Member, v.Value)));
        Assert.Contains(("ICloud", "ICLOUD"), names.Unions.Single(u => u.Union == "Account").Variants.Select(v => (v.Member, v.Value)));
    }

    [Fact]
    public void The_evolved_spec_gets_its_new_operations_and_no_constants_for_its_request_union()
    {
        var model = new Transformer(Spec.Evolved()).Run();
        var names = SandboxConstantsEmitter.Collect(model);

        Assert.Contains(("ListAccounts", "listAccounts"), names.Operations);
        Assert.Contains(("LabelChat", "labelChat"), names.Operations);
        Assert.Equal(7, names.Operations.Count);
        Assert.Contains(names.Unions, u => u.Union == "Account"); // reached through the new paged list too, once
        Assert.Equal(names.Unions.Count, names.Unions.Select(u => u.ClassName).Distinct().Count());
        var requestUnions = model.Unions.Select(u => u.Name).Except(names.Unions.Select(u => u.Union)).ToList();
        Assert.Contains("LinkedInUserActionRequest", requestUnions);
        Assert.True(requestUnions.Count >= 2, string.Join(", ", requestUnions)); // labelChat's body union as well
    }
}
