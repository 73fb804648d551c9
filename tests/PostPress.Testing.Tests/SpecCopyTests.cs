using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>The sandbox serves an operation added to a copy of the spec, with no code change.</summary>
public sealed class SpecCopyTests
{
    private const string AddedOperation = """
          /accounts:
            get:
              operationId: listAccounts
              summary: List accounts (added to a copy of the spec by a test)
              x-postpress-pagination:
                cursorParameter: cursor
                itemsField: data
                nextCursorField: next
                limitParameter: page_size
              parameters:
                - name: cursor
                  in: query
                  schema: { type: string, minLength: 1 }
                - name: page_size
                  in: query
                  schema: { type: integer, minimum: 1, maximum: 50, default: 20 }
                - name: status
                  in: query
                  required: true
                  schema: { type: string, enum: [OK, ERROR] }
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [object, data, next]
                        properties:
                          object: { type: string, const: AccountList }
                          data:
                            type: array
                            items:
                              type: object
                              required: [id, name, kind, seats]
                              properties:
                                id: { type: string }
                                name: { type: string }
                                kind: { type: string, enum: [PERSONAL, TEAM] }
                                seats: { type: integer, minimum: 1, maximum: 9 }
                          next: { type: [string, 'null'] }
                '400':
                  description: Bad request
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: '#/components/schemas/ProblemDetails'
                          - type: object
                            properties:
                              type:
                                enum: [errors/invalid_parameters, errors/limit_too_high]
                '401':
                  description: Unauthorized
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: '#/components/schemas/ProblemDetails'
                          - type: object
                            properties:
                              type:
                                enum: [errors/missing_credentials]
        """;

    private static string CopyOfSpecWithAddedOperation()
    {
        var spec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "postpress.yaml"));
        const string anchor = "  /accounts/{id}:\n";
        Assert.Contains(anchor, spec, StringComparison.Ordinal);
        return spec.Replace(anchor, AddedOperation + "\n" + anchor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_added_to_a_copy_of_the_spec_is_served_paged_and_validated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"postpress-copy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, CopyOfSpecWithAddedOperation());
        try
        {
            await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions
            {
                SpecPath = path,
                ItemCounts = { ["listAccounts"] = 95 },
            });
            var op = Assert.Single(sandbox.Operations, o => o.OperationId == "listAccounts");
            Assert.True(op.IsPaged);
            Assert.Equal(6, sandbox.Operations.Count);

            using var http = sandbox.CreateHttpClient();
            var ids = new List<string>();
            string? next = null;
            var pages = 0;
            do
            {
                var url = "accounts?status=OK" + (next is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(next));
                var page = JsonNode.Parse(await http.GetStringAsync(url))!.AsObject();
                Assert.Empty(sandbox.Validator.Validate(page, sandbox.Operation("listAccounts").SuccessSchemaPointer!));
                Assert.Equal("AccountList", page["object"]!.GetValue<string>());
                ids.AddRange(page["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
                next = page["next"]?.GetValue<string>();
                pages++;
            }
            while (next is not null);

            Assert.Equal(5, pages);                              // 95 items, default page_size 20
            Assert.Equal(95, ids.Distinct(StringComparer.Ordinal).Count());

            // Validation and documented codes come from the added operation too.
            using var tooHigh = await http.GetAsync("accounts?status=OK&page_size=51");
            Assert.Equal(400, (int)tooHigh.StatusCode);
            Assert.Contains("errors/limit_too_high", await tooHigh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var badEnum = await http.GetAsync("accounts?status=MAYBE");
            Assert.Contains("errors/invalid_parameters", await badEnum.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var anonymous = sandbox.CreateHttpClient(sendApiKey: false);
            using var unauthorized = await anonymous.GetAsync("accounts?status=OK");
            Assert.Equal(401, (int)unauthorized.StatusCode);

            // The spec's other operations are still served through the SDK.
            using var client = sandbox.CreateClient();
            Assert.IsType<LinkedInAccount>(await client.Accounts.GetAsync("acc_1"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_spec_can_be_given_as_a_stream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(CopyOfSpecWithAddedOperation()));
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { SpecStream = stream });
        using var http = sandbox.CreateHttpClient();
        var json = await SpecRequests.SendAndCheckAsync(sandbox, http, "listAccounts");
        Assert.Equal(20, json!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_document_with_a_malformed_operation_is_refused_with_a_clear_error()
    {
        var spec = System.Text.RegularExpressions.Regex.Replace(CopyOfSpecWithAddedOperation(),
            @"required: true(\s+schema: \{ type: string, enum: \[OK, ERROR\] \})", "required: maybe$1");
        Assert.Contains("required: maybe", spec, StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(spec));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => PostPressSandbox.StartAsync(new PostPressSandboxOptions { SpecStream = stream }));
        Assert.StartsWith("The OpenAPI document could not be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_is_not_openapi_is_refused()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("just: text\n"));
        await Assert.ThrowsAsync<InvalidDataException>(() => PostPressSandbox.StartAsync(new PostPressSandboxOptions { SpecStream = stream }));
    }
}
