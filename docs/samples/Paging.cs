namespace PostPress.Docs.Samples;

/// <summary>The samples of docs/guides/paging.md.</summary>
public static class Paging
{
    /// <summary>Every relation, one page in memory at a time.</summary>
    public static async Task<int> CountRelationsAsync(IPostPressClient client, string accountId)
    {
        #region await-foreach
        var count = 0;
        await foreach (UserRelation relation in client.Users.ListAllRelationsAsync(accountId, pageSize: 500))
        {
            count++;   // the next page is fetched only when this one is used up
        }
        #endregion
        return count;
    }

    /// <summary>Every relation, synchronously (net8.0 and later).</summary>
    public static int CountRelations(IPostPressClient client, string accountId)
    {
        #region foreach-sync
        var count = 0;
        foreach (UserRelation relation in client.Users.ListAllRelations(accountId, pageSize: 500))
        {
            count++;   // each page is fetched synchronously when the previous one is used up
        }
        #endregion
        return count;
    }

    /// <summary>Page by page, saving the cursor to resume later.</summary>
    public static async Task<(int Items, string? SavedCursor)> FirstPagesAsync(IPostPressClient client, string accountId, int pages)
    {
        #region as-pages
        var items = 0;
        string? savedCursor = null;
        await foreach (PostPressPage<UserRelation> page in client.Users.ListAllRelationsAsync(accountId).AsPages(pageSize: 100))
        {
            items += page.Items.Count;
            savedCursor = page.NextCursor;   // null on the last page
            if (--pages == 0 || savedCursor is null)
            {
                break;                       // stop here; resume later from savedCursor
            }
        }
        #endregion
        return (items, savedCursor);
    }

    /// <summary>Resumes a listing from a saved cursor.</summary>
    public static async Task<int> ResumeAsync(IPostPressClient client, string accountId, string savedCursor)
    {
        #region resume
        var items = 0;
        await foreach (PostPressPage<UserRelation> page in client.Users.ListAllRelationsAsync(accountId).AsPages(savedCursor))
        {
            items += page.Items.Count;   // page.Cursor is the cursor this page was fetched with
        }
        #endregion
        return items;
    }

    /// <summary>One page by hand, with the plain operation.</summary>
    public static async Task<string?> OnePageAsync(IPostPressClient client, string accountId)
    {
        #region one-page
        UserRelationsList first = await client.Users.ListRelationsAsync(accountId, limit: 100);
        if (first.Cursor is not null)
        {
            UserRelationsList second = await client.Users.ListRelationsAsync(accountId, limit: 100, cursor: first.Cursor);
        }
        #endregion
        return first.Cursor;
    }
}
