using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Pagination;

/// <summary><c>ListAllRelationsAsync</c>: lazy cursor following, pages, resume, cancellation and the loop guard.</summary>
public sealed class RelationsPaginationTests : IDisposable
{
    private const string Account = "acc_1";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private static string Relation(string id) =>
        "{\"object\":\"UserRelation\",\"first_name\":\"F" + id + "\",\"last_name\":\"L\",\"headline\":\"h\",\"public_identifier\":\"" + id +
        "\",\"public_profile_url\":\"https://www.linkedin.com/in/" + id + "\",\"created_at\":1747400000000,\"member_id\":\"m" + id +
        "\",\"member_urn\":\"urn:m\",\"connection_urn\":\"urn:c\"}";

    private static string Page(string? next, params string[] ids) =>
        "{\"object\":\"UserRelationsList\",\"items\":[" + string.Join(",", ids.Select(Relation)) + "],\"cursor\":" + (next is null ? "null" : "\"" + next + "\"") + "}";

    /// <summary>Stubs a page for a given incoming cursor (null = the first page, matched by the absence of a cursor param).</summary>
    private void StubPage(string? cursor, string body)
    {
        var request = Request.Create().WithPath(MockApi.BasePath + "/users/relations").UsingGet().WithParam("account_id", Account);
        request = cursor is null ? request.WithParam("cursor", WireMock.Matchers.MatchBehaviour.RejectOnMatch) : request.WithParam("cursor", cursor);
        _api.Server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    private void ThreePages()
    {
        StubPage(null, Page("c1", "a", "b"));
        StubPage("c1", Page("c2", "c", "d"));
        StubPage("c2", Page(null, "e"));
    }

    [Fact]
    public async Task Three_pages_yield_every_item_in_order_with_the_right_cursors_on_the_wire()
    {
        ThreePages();
        using var client = _api.Client();

        var ids = new List<string>();
        await foreach (var relation in client.Users.ListAllRelationsAsync(Account, filter: "jo", pageSize: 2))
        {
            ids.Add(relation.PublicIdentifier);
        }

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, ids);
        var queries = _api.Requests.Select(r => r.RequestMessage.Query!).ToList();
        Assert.Equal(3, queries.Count);
        Assert.False(queries[0].ContainsKey("cursor"));
        Assert.Equal("c1", queries[1]["cursor"].Single());
        Assert.Equal("c2", queries[2]["cursor"].Single());
        Assert.All(queries, q => Assert.Equal("2", q["limit"].Single()));
        Assert.All(queries, q => Assert.Equal("jo", q["filter"].Single()));
        Assert.All(queries, q => Assert.Equal(Account, q["account_id"].Single()));
    }

    [Fact]
    public async Task Pages_are_fetched_lazily()
    {
        ThreePages();
        using var client = _api.Client();

        await using var e = client.Users.ListAllRelationsAsync(Account).GetAsyncEnumerator();
        Assert.Empty(_api.Requests);
        Assert.True(await e.MoveNextAsync());
        Assert.True(await e.MoveNextAsync());
        Assert.Single(_api.Requests);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task AsPages_exposes_items_and_cursors_and_resumes_from_a_saved_cursor()
    {
        ThreePages();
        using var client = _api.Client();
        var pageable = client.Users.ListAllRelationsAsync(Account);

        string? saved = null;
        await foreach (var page in pageable.AsPages())
        {
            Assert.Null(page.Cursor);
            Assert.Equal(new[] { "a", "b" }, page.Items.Select(i => i.PublicIdentifier));
            saved = page.NextCursor;
            break;
        }

        Assert.Equal("c1", saved);
        var resumed = new List<PostPressPage<UserRelation>>();
        await foreach (var page in pageable.AsPages(saved))
        {
            resumed.Add(page);
        }

        Assert.Equal(new[] { "c1", "c2" }, resumed.Select(p => p.Cursor));
        Assert.Equal(new[] { "c2", null }, resumed.Select(p => p.NextCursor));
        Assert.Equal(new[] { "c", "d", "e" }, resumed.SelectMany(p => p.Items).Select(i => i.PublicIdentifier));
    }

    [Fact]
    public async Task Cancellation_mid_iteration_stops_promptly()
    {
        ThreePages();
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.Users.ListAllRelationsAsync(Account).WithCancellation(cts.Token))
            {
                if (++seen == 3)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(3, seen);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task The_listing_token_cancels_too()
    {
        ThreePages();
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.Users.ListAllRelationsAsync(Account, cancellationToken: cts.Token))
            {
                if (++seen == 1)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(1, seen);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task A_repeated_cursor_ends_in_a_pagination_exception()
    {
        StubPage(null, Page("same", "a"));
        StubPage("same", Page("same", "b"));
        using var client = _api.Client();

        var ids = new List<string>();
        var ex = await Assert.ThrowsAsync<PostPressPaginationException>(async () =>
        {
            await foreach (var r in client.Users.ListAllRelationsAsync(Account))
            {
                ids.Add(r.PublicIdentifier);
            }
        });

        Assert.Contains("same", ex.Message);
        Assert.Equal(new[] { "a", "b" }, ids);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Endless_empty_pages_with_fresh_cursors_end_in_a_pagination_exception()
    {
        StubPage(null, Page("e1"));
        for (var i = 1; i < 30; i++)
        {
            StubPage("e" + i, Page("e" + (i + 1)));
        }

        using var client = _api.Client();

        await Assert.ThrowsAsync<PostPressPaginationException>(async () =>
        {
            await foreach (var _ in client.Users.ListAllRelationsAsync(Account))
            {
            }
        });

        Assert.Equal(PostPressAsyncPageable<UserRelation>.MaxConsecutiveEmptyPages, _api.Requests.Count);
    }

    [Fact]
    public async Task Empty_last_page_ends_normally()
    {
        StubPage(null, Page(null));
        using var client = _api.Client();

        var count = 0;
        await foreach (var _ in client.Users.ListAllRelationsAsync(Account))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Single(_api.Requests);
    }
}
