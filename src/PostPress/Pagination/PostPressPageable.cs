#if NET8_0_OR_GREATER
using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace PostPress;

/// <summary>
/// The synchronous twin of <see cref="PostPressAsyncPageable{T}"/> (net8.0+): <c>foreach</c> over it yields every item,
/// fetching the next page synchronously (real synchronous I/O) only when the current one is used up, so only one page is
/// in memory at a time. Call <see cref="AsPages"/> to work page by page or to resume from a saved cursor. The same loop
/// guard as the async pageable (a repeated cursor, or <see cref="PostPressAsyncPageable{T}.MaxConsecutiveEmptyPages"/>
/// empty pages in a row, ends the listing with <see cref="PostPressPaginationException"/>).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class PostPressPageable<T> : IEnumerable<T>
{
    /// <summary>
    /// Enumerates pages, starting from <paramref name="cursor"/> (a <see cref="PostPressPage{T}.NextCursor"/> saved
    /// earlier) or from the first page.
    /// </summary>
    /// <param name="cursor">Where to resume, or <see langword="null"/> for the first page.</param>
    /// <param name="pageSize">Page size, 1 to 1000, or <see langword="null"/> for the listing's page size.</param>
    /// <returns>The pages, in order.</returns>
    public abstract IEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null);

    /// <summary>
    /// A pageable over pages you provide, for tests of code that consumes a listing. <see cref="AsPages"/> with a cursor
    /// resumes at the page whose <see cref="PostPressPage{T}.Cursor"/> equals it.
    /// </summary>
    /// <param name="pages">The pages, in order. Enumerated each time the pageable is.</param>
    /// <returns>The pageable.</returns>
    public static PostPressPageable<T> FromPages(IEnumerable<PostPressPage<T>> pages) =>
        new StaticSyncPageable<T>(pages ?? throw new ArgumentNullException(nameof(pages)));

    /// <summary>A pageable whose items are <paramref name="values"/>, as one page without a next cursor, for tests.</summary>
    /// <param name="values">The items.</param>
    /// <returns>The pageable.</returns>
    public static PostPressPageable<T> FromValues(IEnumerable<T> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        return new StaticSyncPageable<T>(OnePage(values));
    }

    /// <summary>Enumerates every item of every page.</summary>
    /// <returns>The enumerator.</returns>
    public virtual IEnumerator<T> GetEnumerator()
    {
        foreach (var page in AsPages())
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static IEnumerable<PostPressPage<T>> OnePage(IEnumerable<T> values)
    {
        yield return new PostPressPage<T>(new List<T>(values), null, null);
    }
}

/// <summary>A synchronous pageable over a cursor-chained operation (the twin of <see cref="CursorPageable{T}"/>).</summary>
internal sealed class SyncCursorPageable<T> : PostPressPageable<T>
{
    private readonly Func<string?, int?, CancellationToken, (IReadOnlyList<T> Items, string? Cursor)> _fetch;
    private readonly CancellationToken _cancellationToken;
    private readonly Action<int?>? _validatePageSize;

    /// <param name="fetch">Fetches one page synchronously: (cursor, page size, token) → (items, next cursor).</param>
    /// <param name="cancellationToken">The token given when the listing was created: every page's call carries it.</param>
    /// <param name="validatePageSize">Checks a page size given to <see cref="AsPages"/> against the spec's limits.</param>
    public SyncCursorPageable(Func<string?, int?, CancellationToken, (IReadOnlyList<T> Items, string? Cursor)> fetch, CancellationToken cancellationToken = default, Action<int?>? validatePageSize = null)
    {
        _fetch = fetch;
        _cancellationToken = cancellationToken;
        _validatePageSize = validatePageSize;
    }

    /// <summary>Every item of every page; a cancelled listing token stops it at the next item, as the async pageable does.</summary>
    public override IEnumerator<T> GetEnumerator()
    {
        foreach (var page in Pages(null, null))
        {
            foreach (var item in page.Items)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }

    public override IEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null)
    {
        Guard.Cursor(cursor, nameof(cursor));
        _validatePageSize?.Invoke(pageSize);
        return Pages(cursor, pageSize);
    }

    private IEnumerable<PostPressPage<T>> Pages(string? cursor, int? pageSize)
    {
        var guard = new CursorLoopGuard(cursor);
        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var (items, next) = _fetch(cursor, pageSize, _cancellationToken);
            yield return new PostPressPage<T>(items, cursor, next);
            if (next is null)
            {
                yield break;
            }

            guard.Next(items.Count, next);
            cursor = next;
        }
    }
}

/// <summary>A synchronous pageable over given pages (<see cref="PostPressPageable{T}.FromPages"/>).</summary>
internal sealed class StaticSyncPageable<T> : PostPressPageable<T>
{
    private readonly IEnumerable<PostPressPage<T>> _pages;

    public StaticSyncPageable(IEnumerable<PostPressPage<T>> pages) => _pages = pages;

    public override IEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null)
    {
        Guard.Cursor(cursor, nameof(cursor));
        return Pages(cursor);
    }

    private IEnumerable<PostPressPage<T>> Pages(string? cursor)
    {
        var started = cursor is null;
        foreach (var page in _pages)
        {
            if (!started && page.Cursor == cursor)
            {
                started = true;
            }

            if (started)
            {
                yield return page;
            }
        }

        if (!started)
        {
            throw new ArgumentException("No page was fetched with the cursor '" + cursor + "'.", nameof(cursor));
        }
    }
}
#endif
