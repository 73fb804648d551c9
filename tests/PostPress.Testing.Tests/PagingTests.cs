using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>Cursor paging over a generated data set, driven by the spec's x-postpress-pagination extension.</summary>
public sealed class PagingTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;

    public PagingTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    [Fact]
    public async Task ListAllRelationsAsync_reads_10000_distinct_relations_with_real_cursors()
    {
        using var client = _sandbox.CreateClient();
        var identifiers = new List<string>();
        await foreach (var relation in client.Users.ListAllRelationsAsync("acc_1", pageSize: 1000))
        {
            identifiers.Add(relation.PublicIdentifier);
        }

        Assert.Equal(10_000, identifiers.Count);
        Assert.Equal(10_000, identifiers.Distinct(StringComparer.Ordinal).Count());
        // Each item is its own made-up person, with a public identifier in LinkedIn's shape (first-last-suffix).
        Assert.All(identifiers, id => Assert.Matches("^[a-z]+(-[a-z]+)+-[0-9a-f]{6}$", id));

        var requests = _sandbox.Requests;
        Assert.Equal(10, requests.Count);
        Assert.False(requests[0].Query.ContainsKey("cursor"));
        Assert.All(requests.Skip(1), r => Assert.True(r.Query.ContainsKey("cursor")));
        Assert.Equal(10, requests.Select(r => r.QueryString).Distinct().Count());
    }

    [Fact]
    public async Task Pages_can_be_resumed_from_a_saved_cursor_and_the_default_limit_is_the_specs()
    {
        using var client = _sandbox.CreateClient();
        var first = await client.Users.ListRelationsAsync("acc_1");
        Assert.Equal(100, first.Items.Count);                   // limit's documented default
        var resumed = await client.Users.ListAllRelationsAsync("acc_1", pageSize: 1000).AsPages(first.Cursor).FirstAsync();
        var straight = await client.Users.ListAllRelationsAsync("acc_1", pageSize: 101).AsPages().FirstAsync();
        Assert.Equal(straight.Items[100].PublicIdentifier, resumed.Items[0].PublicIdentifier); // the 101st item
        Assert.Equal(1000, resumed.Items.Count);
    }

    [Fact]
    public async Task The_last_page_has_a_null_cursor()
    {
        await using var small = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 3 });
        using var client = small.CreateClient();
        var page = await client.Users.ListRelationsAsync("acc_1", limit: 2);
        Assert.Equal(2, page.Items.Count);
        var last = await client.Users.ListRelationsAsync("acc_1", limit: 2, cursor: page.Cursor);
        Assert.Single(last.Items);
        Assert.Null(last.Cursor);
    }

    [Fact]
    public async Task A_cursor_from_another_sandbox_is_rejected()
    {
        await using var other = await PostPressSandbox.StartAsync();
        using var otherClient = other.CreateClient();
        var cursor = (await otherClient.Users.ListRelationsAsync("acc_1", limit: 1)).Cursor;

        using var client = _sandbox.CreateClient();
        var e = await Assert.ThrowsAsync<BadRequestException>(() => client.Users.ListRelationsAsync("acc_1", cursor: cursor));
        Assert.Equal(ErrorType.InvalidParameters, e.ErrorType);
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<T> FirstAsync<T>(this IAsyncEnumerable<T> source)
    {
        await foreach (var item in source)
        {
            return item;
        }

        throw new InvalidOperationException("empty");
    }
}
