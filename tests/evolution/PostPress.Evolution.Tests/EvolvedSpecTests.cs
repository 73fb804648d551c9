using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// Two operations added to a copy of the spec (tests/evolution/paths.yaml, schemas.yaml) and shipped with zero
/// hand-written SDK lines: a cursor-paged list with an inline, undescribed response schema, and an operation of a new
/// tag with a path parameter, an inline enum query parameter and a discriminated-union request body.
/// </summary>
public sealed class EvolvedSpecTests : IDisposable
{
    private const string Key = "pp_evolution_key";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Dispose();

    private PostPressClient Client() => new(new PostPressClientOptions(Key)
    {
        BaseUri = new Uri(_server.Url + "/api/v1"),
        MaxRetries = 0,
    });

    private static string Account(string id) =>
        "{\"object\":\"Account\",\"type\":\"TELEGRAM\",\"id\":\"" + id + "\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"sources\":[],\"groups\":[],\"connection_params\":{\"im\":{\"user_id\":\"1\",\"username\":\"u\"}}}";

    [Fact]
    public async Task Paged_list_with_an_inline_response_follows_cursors_through_the_public_api()
    {
        _server.Given(Request.Create().WithPath("/api/v1/accounts").UsingGet().WithParam("limit", "2").WithParam(p => !p.ContainsKey("cursor")))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"items\":[" + Account("a1") + "," + Account("a2") + "],\"cursor\":\"c2\"}"));
        _server.Given(Request.Create().WithPath("/api/v1/accounts").UsingGet().WithParam("cursor", "c2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"items\":[" + Account("a3") + "],\"cursor\":null}"));
        using var client = Client();

        // The region below is shown by docs/guides/adding-an-operation.md.
        #region list-all-accounts
        var ids = new List<string>();
        await foreach (var account in client.Accounts.ListAllAccountsAsync(pageSize: 2))
        {
            ids.Add(account.Id!);
        }
        #endregion

        Assert.Equal(new[] { "a1", "a2", "a3" }, ids);
        Assert.All(_server.LogEntries, e => Assert.Equal(Key, e.RequestMessage.Headers!["X-API-KEY"].Single()));

        // The page itself is typed by the name the generator gives the inline schema.
        ListAccountsResponse page = await client.Accounts.ListAccountsAsync(limit: 2);
        Assert.Equal("c2", page.Cursor);
    }

    [Fact]
    public async Task Paged_list_rejects_bad_arguments_before_sending()
    {
        using var client = Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Accounts.ListAccountsAsync(limit: 251));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.ListAccountsAsync(cursor: ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Accounts.ListAllAccountsAsync(pageSize: 0));
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task New_tag_operation_sends_path_enum_query_and_union_body()
    {
        _server.Given(Request.Create().WithPath("/api/v1/chats/*/labels").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"chat_id\":\"chat/1\",\"labels\":[\"vip\"]}"));
        using var client = Client();

        // The region below is shown by docs/guides/adding-an-operation.md.
        #region label-chat
        ChatLabelResult result = await client.Chats.LabelChatAsync("chat/1", LabelChatMode.Append, new ColorChatLabel { Name = "vip", Color = "#ff0000" });
        #endregion

        Assert.Equal(new[] { "vip" }, result.Labels);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Contains("/api/v1/chats/chat%2F1/labels?mode=append", request.Url);
        Assert.Equal("append", request.Query!["mode"].Single());
        Assert.Contains("\"kind\":\"color\"", request.Body);
        Assert.Contains("\"color\":\"#ff0000\"", request.Body);
    }

    [Fact]
    public async Task A_newly_documented_error_status_has_its_generated_exception()
    {
        _server.Given(Request.Create().WithPath("/api/v1/chats/*/labels").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(409).WithHeader("Content-Type", "application/problem+json")
                .WithBody("{\"type\":\"errors/label_conflict\",\"title\":\"Label conflict\",\"status\":409}"));
        using var client = Client();

        // The region below is shown by docs/guides/adding-an-operation.md.
        #region conflict
        var ex = await Assert.ThrowsAsync<ConflictException>(() => client.Chats.LabelChatAsync("c", LabelChatMode.Append, new EmojiChatLabel { Emoji = "*" }));
        #endregion

        Assert.IsAssignableFrom<PostPressApiException>(ex);
        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("errors/label_conflict", ex.ErrorType?.Value);
        Assert.False(ex.ErrorType!.Value.IsKnown);
    }

    [Fact]
    public async Task New_tag_operation_rejects_bad_arguments_before_sending()
    {
        using var client = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Chats.LabelChatAsync("..", LabelChatMode.Append, new EmojiChatLabel { Emoji = "*" }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Chats.LabelChatAsync("c", new LabelChatMode("merge"), new EmojiChatLabel { Emoji = "*" }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Chats.LabelChatAsync("c", LabelChatMode.Replace, null!));
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => client.Chats.LabelChatAsync("c", LabelChatMode.Replace, new ColorChatLabel { Name = "vip", Color = "red" }));
        Assert.Equal("request", bad.ParamName);
        Assert.Contains("request.color", bad.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Chats.LabelChatAsync("c", LabelChatMode.Replace, new ColorChatLabel { Name = new string('x', 41), Color = "#000000" }));
        Assert.Empty(_server.LogEntries);
    }
}
