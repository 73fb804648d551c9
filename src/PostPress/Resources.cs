using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>Profiles of the account owner and of other users, and an account's relations.</summary>
public interface IUsersResource
{
    /// <summary>Retrieves the profile of the owner of a linked account (<c>GET /users/me</c>).</summary>
    /// <param name="accountId">The id of the linked account to trigger the request from.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile; its concrete type depends on the provider (<see cref="LinkedInOwnProfile"/>, …).</returns>
    Task<OwnProfile> GetMeAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Retrieves the profile of a user (<c>GET /users/{identifier}</c>).</summary>
    /// <param name="identifier">The provider's internal id or public id of the user (for LinkedIn, <c>provider_id</c> or <c>public_identifier</c>).</param>
    /// <param name="accountId">The linked account to perform the request from.</param>
    /// <param name="options">LinkedIn-only options (sections, API, notify), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile; its concrete type depends on the provider (<see cref="LinkedInUserProfile"/>, …).</returns>
    Task<UserProfile> GetProfileAsync(string identifier, string accountId, UserProfileOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Retrieves one page of an account's relations (<c>GET /users/relations</c>).</summary>
    /// <param name="accountId">The linked account to get the relations from.</param>
    /// <param name="filter">Filters by user name, or <see langword="null"/>.</param>
    /// <param name="limit">Page size, 1 to 1000 (server default 100), or <see langword="null"/>.</param>
    /// <param name="cursor">The <c>cursor</c> of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its <see cref="UserRelationsList.Cursor"/> is <see langword="null"/> on the last page.</returns>
    Task<UserRelationsList> ListRelationsAsync(string accountId, string? filter = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every relation of an account, following cursors lazily (one page in memory at a time). Iterate with
    /// <c>await foreach</c>, or call <see cref="PostPressAsyncPageable{T}.AsPages"/> for pages and cursors.
    /// </summary>
    /// <param name="accountId">The linked account to get the relations from.</param>
    /// <param name="filter">Filters by user name, or <see langword="null"/>.</param>
    /// <param name="pageSize">Page size, 1 to 1000, or <see langword="null"/> for the server default (100).</param>
    /// <param name="cancellationToken">
    /// Cancels the listing; combined with any token given to <c>WithCancellation</c> when enumerating.
    /// </param>
    /// <returns>The relations, in server order.</returns>
    PostPressAsyncPageable<UserRelation> ListAllRelationsAsync(string accountId, string? filter = null, int? pageSize = null, CancellationToken cancellationToken = default);
}

/// <summary>Accounts linked to the postpress workspace.</summary>
public interface IAccountsResource
{
    /// <summary>Retrieves one linked account (<c>GET /accounts/{id}</c>).</summary>
    /// <param name="id">The id of the account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account; its concrete type depends on <c>type</c> (<see cref="LinkedInAccount"/>, …).</returns>
    Task<Account> GetAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>LinkedIn-specific actions.</summary>
public interface ILinkedInResource
{
    /// <summary>
    /// Performs a Recruiter or Sales Navigator action on a user (<c>POST /linkedin/user/{user_id}</c>). Build the
    /// body with <see cref="LinkedInUserAction"/>.
    /// </summary>
    /// <param name="userId">The target user: an <c>AEM…</c> id for Recruiter, an <c>ACw…</c> id for Sales Navigator.</param>
    /// <param name="request">The action.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    Task<LinkedInUserActionResult> PerformUserActionAsync(string userId, LinkedInUserActionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>LinkedIn-only options of <see cref="IUsersResource.GetProfileAsync"/>.</summary>
public sealed class UserProfileOptions
{
    /// <summary>
    /// Sections to retrieve in detail: <see cref="LinkedInSectionSelector.AllPreview"/> (<c>*_preview</c>),
    /// <see cref="LinkedInSectionSelector.All"/> (<c>*</c>, heavy) or individual sections; combinable.
    /// </summary>
    public IList<LinkedInSectionSelector> LinkedInSections { get; } = new List<LinkedInSectionSelector>();

    /// <summary>Use a non-classic LinkedIn API for the lookup (requires the matching subscription).</summary>
    public string? LinkedInApi { get; set; }

    /// <summary>Whether the viewee is notified of the visit. Server default <see langword="false"/>.</summary>
    public bool? Notify { get; set; }
}

/// <summary>The <see cref="IUsersResource"/> implementation.</summary>
public class UsersResource : IUsersResource
{
    private readonly PostPressClient _client = null!;
    private readonly IPostPressGeneratedClient _generated = null!;

    internal UsersResource(PostPressClient client, IPostPressGeneratedClient generated)
    {
        _client = client;
        _generated = generated;
    }

    /// <summary>Creates an uninitialized instance for mocking frameworks.</summary>
    protected UsersResource()
    {
    }

    /// <inheritdoc />
    public virtual Task<OwnProfile> GetMeAsync(string accountId, CancellationToken cancellationToken = default)
    {
        Guard.Id(accountId, nameof(accountId));
        return _client.CallAsync(ct => _generated.GetOwnProfileAsync(accountId, ct), cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<UserProfile> GetProfileAsync(string identifier, string accountId, UserProfileOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.PathSegment(identifier, nameof(identifier));
        Guard.Id(accountId, nameof(accountId));
        var sections = options?.LinkedInSections is { Count: > 0 } s ? s.ToList() : null;
        if (sections is not null)
        {
            foreach (var section in sections)
            {
                Guard.Id(section.ToString(), nameof(options) + "." + nameof(UserProfileOptions.LinkedInSections));
            }
        }

        if (options?.LinkedInApi is { } api)
        {
            Guard.Id(api, nameof(options) + "." + nameof(UserProfileOptions.LinkedInApi));
        }

        return _client.CallAsync(ct => _generated.GetUserProfileAsync(identifier, sections, options?.LinkedInApi, options?.Notify, accountId, ct), cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<UserRelationsList> ListRelationsAsync(string accountId, string? filter = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(accountId, nameof(accountId));
        Guard.Limit(limit, nameof(limit));
        Guard.Cursor(cursor, nameof(cursor));
        return _client.CallAsync(ct => _generated.ListRelationsAsync(cursor, filter, limit, accountId, ct), cancellationToken);
    }

    /// <inheritdoc />
    public virtual PostPressAsyncPageable<UserRelation> ListAllRelationsAsync(string accountId, string? filter = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(accountId, nameof(accountId));
        Guard.Limit(pageSize, nameof(pageSize));
        return new CursorPageable<UserRelation>(
            async (cursor, size, ct) =>
            {
                var page = await ListRelationsAsync(accountId, filter, size ?? pageSize, cursor, ct).ConfigureAwait(false);
                IReadOnlyList<UserRelation> items = page.Items?.ToList() ?? new List<UserRelation>();
                return (items, page.Cursor);
            },
            cancellationToken);
    }
}

/// <summary>The <see cref="IAccountsResource"/> implementation.</summary>
public class AccountsResource : IAccountsResource
{
    private readonly PostPressClient _client = null!;
    private readonly IPostPressGeneratedClient _generated = null!;

    internal AccountsResource(PostPressClient client, IPostPressGeneratedClient generated)
    {
        _client = client;
        _generated = generated;
    }

    /// <summary>Creates an uninitialized instance for mocking frameworks.</summary>
    protected AccountsResource()
    {
    }

    /// <inheritdoc />
    public virtual Task<Account> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Guard.PathSegment(id, nameof(id));
        return _client.CallAsync(ct => _generated.GetAccountAsync(id, ct), cancellationToken);
    }
}

/// <summary>The <see cref="ILinkedInResource"/> implementation.</summary>
public class LinkedInResource : ILinkedInResource
{
    private readonly PostPressClient _client = null!;
    private readonly IPostPressGeneratedClient _generated = null!;

    internal LinkedInResource(PostPressClient client, IPostPressGeneratedClient generated)
    {
        _client = client;
        _generated = generated;
    }

    /// <summary>Creates an uninitialized instance for mocking frameworks.</summary>
    protected LinkedInResource()
    {
    }

    /// <inheritdoc />
    public virtual Task<LinkedInUserActionResult> PerformUserActionAsync(string userId, LinkedInUserActionRequest request, CancellationToken cancellationToken = default)
    {
        Guard.PathSegment(userId, nameof(userId));
        LinkedInUserAction.Validate(request, nameof(request));
        return _client.CallAsync(ct => _generated.PerformLinkedInUserActionAsync(userId, request, ct), cancellationToken);
    }
}
