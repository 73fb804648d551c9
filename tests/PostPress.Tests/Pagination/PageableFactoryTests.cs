using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Pagination;

/// <summary>PostPressAsyncPageable.FromPages / FromValues: fakes of a listing for users' own tests.</summary>
public sealed class PageableFactoryTests
{
    private static readonly PostPressPage<string>[] Pages =
    {
        new(new[] { "a", "b" }, null, "c1"),
        new(Array.Empty<string>(), "c1", "c2"),
        new(new[] { "c" }, "c2", null),
    };

    [Fact]
    public async Task FromPages_yields_every_item_in_order()
    {
        var items = new List<string>();
        await foreach (var item in PostPressAsyncPageable<string>.FromPages(Pages))
        {
            items.Add(item);
        }

        Assert.Equal(new[] { "a", "b", "c" }, items);
    }

    [Fact]
    public async Task FromPages_AsPages_gives_the_pages_and_resumes_from_a_cursor()
    {
        var pageable = PostPressAsyncPageable<string>.FromPages(Pages);

        var all = new List<PostPressPage<string>>();
        await foreach (var page in pageable.AsPages())
        {
            all.Add(page);
        }

        var resumed = new List<PostPressPage<string>>();
        await foreach (var page in pageable.AsPages("c2"))
        {
            resumed.Add(page);
        }

        Assert.Equal(Pages, all);
        Assert.Equal(new[] { Pages[2] }, resumed);
    }

    [Fact]
    public async Task FromPages_with_an_unknown_cursor_fails_clearly()
    {
        var pageable = PostPressAsyncPageable<string>.FromPages(Pages);

        var ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in pageable.AsPages("nope"))
            {
            }
        });

        Assert.Equal("cursor", ex.ParamName);
        Assert.Throws<ArgumentException>(() => pageable.AsPages(""));
    }

    [Fact]
    public async Task FromValues_is_one_last_page_and_reads_the_values_when_enumerated()
    {
        var values = new List<int> { 1, 2 };
        var pageable = PostPressAsyncPageable<int>.FromValues(values);
        values.Add(3);

        var pages = new List<PostPressPage<int>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        var page1 = Assert.Single(pages);
        Assert.Equal(new[] { 1, 2, 3 }, page1.Items);
        Assert.Null(page1.NextCursor);
        Assert.Equal(6, await SumAsync(pageable));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => PostPressAsyncPageable<int>.FromPages(null!));
        Assert.Throws<ArgumentNullException>(() => PostPressAsyncPageable<int>.FromValues(null!));
    }

    [Fact]
    public async Task A_fake_listing_can_stand_in_for_the_client_in_user_code()
    {
        // What a user's test does: code under test takes IUsersResource; the mock returns a fake listing.
        var users = new FakeUsers(PostPressAsyncPageable<UserRelation>.FromValues(new[]
        {
            PostPressJson.Deserialize<UserRelation>("{\"object\":\"UserRelation\",\"connection_urn\":\"u1\",\"created_at\":1,\"first_name\":\"Ada\",\"last_name\":\"L\",\"member_id\":\"m\",\"member_urn\":\"mu\",\"headline\":\"h\",\"public_identifier\":\"ada\",\"public_profile_url\":\"https://x\",\"profile_picture_url\":null}")!,
        }));

        var names = new List<string>();
        await foreach (var r in users.ListAllRelationsAsync("acc"))
        {
            names.Add(r.FirstName);
        }

        Assert.Equal(new[] { "Ada" }, names);
    }

    private static async Task<int> SumAsync(IAsyncEnumerable<int> values)
    {
        var sum = 0;
        await foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    private sealed class FakeUsers : UsersResource
    {
        private readonly PostPressAsyncPageable<UserRelation> _relations;

        public FakeUsers(PostPressAsyncPageable<UserRelation> relations) => _relations = relations;

        public override PostPressAsyncPageable<UserRelation> ListAllRelationsAsync(string accountId, string? filter = null, int? pageSize = null, System.Threading.CancellationToken cancellationToken = default) => _relations;
    }
}
