using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A lazily paged collection of <typeparamref name="T"/>: <c>await foreach</c> over it yields every item, fetching
/// the next page only when the current one is used up, so only one page is in memory at a time. Call
/// <see cref="AsPages"/> to work page by page or to resume from a saved cursor.
/// </summary>
/// <remarks>
/// Loop guard: the listing ends with a <see cref="PostPressPaginationException"/> when the server returns a cursor
/// it has already returned during this listing (a cycle), or returns <see cref="MaxConsecutiveEmptyPages"/> empty
/// pages in a row that still carry a cursor.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public abstract class PostPressAsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>How many empty pages with a non-null cursor are tolerated in a row before the listing fails.</summary>
    public const int MaxConsecutiveEmptyPages = 10;

    /// <summary>
    /// Enumerates pages, starting from <paramref name="cursor"/> (a <see cref="PostPressPage{T}.NextCursor"/> saved
    /// earlier) or from the first page.
    /// </summary>
    /// <param name="cursor">Where to resume, or <see langword="null"/> for the first page.</param>
    /// <param name="pageSize">Page size, 1 to 1000, or <see langword="null"/> for the listing's page size.</param>
    /// <returns>The pages, in order.</returns>
    public abstract IAsyncEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null);

    /// <summary>
    /// A pageable over pages you provide, for tests of code that consumes a listing (the SDK's equivalent of Azure's
    /// <c>AsyncPageable&lt;T&gt;.FromPages</c>). <see cref="AsPages"/> with a cursor resumes at the page whose
    /// <see cref="PostPressPage{T}.Cursor"/> equals it.
    /// </summary>
    /// <param name="pages">The pages, in order. Enumerated each time the pageable is.</param>
    /// <returns>The pageable.</returns>
    public static PostPressAsyncPageable<T> FromPages(IEnumerable<PostPressPage<T>> pages) =>
        new StaticPageable<T>(pages ?? throw new ArgumentNullException(nameof(pages)));

    /// <summary>A pageable whose items are <paramref name="values"/>, as one page without a next cursor, for tests.</summary>
    /// <param name="values">The items.</param>
    /// <returns>The pageable.</returns>
    public static PostPressAsyncPageable<T> FromValues(IEnumerable<T> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        return new StaticPageable<T>(new LazyPages(values));
    }

    private sealed class LazyPages : IEnumerable<PostPressPage<T>>
    {
        private readonly IEnumerable<T> _values;

        public LazyPages(IEnumerable<T> values) => _values = values;

        public IEnumerator<PostPressPage<T>> GetEnumerator()
        {
            yield return new PostPressPage<T>(new List<T>(_values), null, null);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Enumerates every item of every page.</summary>
    /// <param name="cancellationToken">Stops the enumeration (the current request is cancelled).</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }
}

/// <summary>One page of a paged listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class PostPressPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items of the page.</param>
    /// <param name="cursor">The cursor this page was fetched with (<see langword="null"/> for the first page).</param>
    /// <param name="nextCursor">The cursor of the next page, <see langword="null"/> on the last page.</param>
    public PostPressPage(IReadOnlyList<T> items, string? cursor, string? nextCursor)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        Cursor = cursor;
        NextCursor = nextCursor;
    }

    /// <summary>The items of the page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The cursor this page was fetched with; <see langword="null"/> for the first page.</summary>
    public string? Cursor { get; }

    /// <summary>The cursor of the next page (save it to resume later); <see langword="null"/> on the last page.</summary>
    public string? NextCursor { get; }
}

/// <summary>A pageable over a cursor-chained operation.</summary>
internal sealed class CursorPageable<T> : PostPressAsyncPageable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<(IReadOnlyList<T> Items, string? Cursor)>> _fetch;
    private readonly CancellationToken _listingToken;
    private readonly Action<int?>? _validatePageSize;

    /// <param name="fetch">Fetches one page: (cursor, page size, token) → (items, next cursor).</param>
    /// <param name="listingToken">The token given when the listing was created; enumeration tokens are combined with it.</param>
    /// <param name="validatePageSize">Checks a page size given to <see cref="AsPages"/> against the spec's limits.</param>
    public CursorPageable(Func<string?, int?, CancellationToken, Task<(IReadOnlyList<T> Items, string? Cursor)>> fetch, CancellationToken listingToken = default, Action<int?>? validatePageSize = null)
    {
        _fetch = fetch;
        _listingToken = listingToken;
        _validatePageSize = validatePageSize;
    }

    public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using var linked = Link(cancellationToken, out var token);
        await foreach (var page in Pages(null, null, token).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                token.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }

    public override IAsyncEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null)
    {
        Guard.Cursor(cursor, nameof(cursor));
        _validatePageSize?.Invoke(pageSize);
        return Pages(cursor, pageSize, default);
    }

    private async IAsyncEnumerable<PostPressPage<T>> Pages(string? cursor, int? pageSize, [EnumeratorCancellation] CancellationToken enumerationToken)
    {
        using var linked = Link(enumerationToken, out var cancellationToken);
        var guard = new CursorLoopGuard(cursor);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (items, next) = await _fetch(cursor, pageSize, cancellationToken).ConfigureAwait(false);
            yield return new PostPressPage<T>(items, cursor, next);
            if (next is null)
            {
                yield break;
            }

            guard.Next(items.Count, next);
            cursor = next;
        }
    }

    /// <summary>Combines the listing's token with an enumeration token (a linked source only when both can cancel).</summary>
    private CancellationTokenSource? Link(CancellationToken enumerationToken, out CancellationToken token)
    {
        if (_listingToken.CanBeCanceled && enumerationToken.CanBeCanceled)
        {
            var linked = CancellationTokenSource.CreateLinkedTokenSource(_listingToken, enumerationToken);
            token = linked.Token;
            return linked;
        }

        token = enumerationToken.CanBeCanceled ? enumerationToken : _listingToken;
        return null;
    }
}

/// <summary>
/// The loop guard of a cursor-chained listing (the async and the sync pageables): a cursor returned twice, or
/// <see cref="PostPressAsyncPageable{T}.MaxConsecutiveEmptyPages"/> empty pages in a row that still carry a cursor, end
/// the listing with <see cref="PostPressPaginationException"/>.
/// </summary>
/// <remarks>A struct (kept in the iterator's state, not allocated apart): the listing costs what it did before.</remarks>
internal struct CursorLoopGuard
{
    private readonly HashSet<string> _seen;
    private int _emptyInARow;
    private int _pageNumber;

    public CursorLoopGuard(string? cursor)
    {
        _seen = new HashSet<string>(StringComparer.Ordinal);
        _emptyInARow = 0;
        _pageNumber = 0;
        if (cursor is not null)
        {
            _seen.Add(cursor);
        }
    }

    /// <summary>Notes a page of <paramref name="itemCount"/> items that points at <paramref name="next"/>.</summary>
    /// <exception cref="PostPressPaginationException">The listing loops.</exception>
    public void Next(int itemCount, string next)
    {
        _pageNumber++;
        if (!_seen.Add(next))
        {
            throw new PostPressPaginationException(
                "The server returned cursor '" + next + "' a second time (page " + _pageNumber + "); stopping to avoid an endless loop.");
        }

        _emptyInARow = itemCount == 0 ? _emptyInARow + 1 : 0;
        if (_emptyInARow >= PostPressAsyncPageable<object>.MaxConsecutiveEmptyPages)
        {
            throw new PostPressPaginationException(
                "The server returned " + _emptyInARow + " empty pages in a row that still carry a cursor; stopping to avoid an endless loop.");
        }
    }
}

/// <summary>A pageable over given pages (<see cref="PostPressAsyncPageable{T}.FromPages"/>).</summary>
internal sealed class StaticPageable<T> : PostPressAsyncPageable<T>
{
    private readonly IEnumerable<PostPressPage<T>> _pages;

    public StaticPageable(IEnumerable<PostPressPage<T>> pages) => _pages = pages;

    public override IAsyncEnumerable<PostPressPage<T>> AsPages(string? cursor = null, int? pageSize = null)
    {
        Guard.Cursor(cursor, nameof(cursor));
        return Pages(cursor, default);
    }

    private async IAsyncEnumerable<PostPressPage<T>> Pages(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = cursor is null;
        foreach (var page in _pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!started && page.Cursor == cursor)
            {
                started = true;
            }

            if (started)
            {
                await Task.Yield();
                yield return page;
            }
        }

        if (!started)
        {
            throw new ArgumentException("No page was fetched with the cursor '" + cursor + "'.", nameof(cursor));
        }
    }
}

/// <summary>Helpers of the generated paging methods.</summary>
internal static class Paging
{
    /// <summary>A page's items as a read-only list (no copy when the model already holds a list).</summary>
    public static IReadOnlyList<T> Items<T>(ICollection<T>? items) => items switch
    {
        null => Array.Empty<T>(),
        IReadOnlyList<T> list => list,
        _ => new List<T>(items),
    };
}
