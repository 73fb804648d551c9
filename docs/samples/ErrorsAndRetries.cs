namespace PostPress.Docs.Samples;

/// <summary>The samples of docs/guides/errors-and-retries.md.</summary>
public static class ErrorsAndRetries
{
    /// <summary>Reads an account and says what went wrong, if anything.</summary>
    public static async Task<string> DescribeAccountAsync(IPostPressClient client, string accountId)
    {
        #region typed-errors
        try
        {
            Account account = await client.Accounts.GetAsync(accountId);
            return $"{account.Type}: {account.Name}";
        }
        catch (NotFoundException)
        {
            return $"no account {accountId}";
        }
        catch (RateLimitException e)
        {
            return $"rate limited (retries used up); retry after {e.RetryAfter}";
        }
        catch (PostPressApiException e) when (e.ErrorType == ErrorType.DisconnectedAccount)
        {
            return "the account must be reconnected";
        }
        catch (PostPressApiException e)
        {
            // Any other status: StatusCode, ErrorType, Title, Detail, Instance (the request id), RawBody, Headers.
            return $"{e.StatusCode} {e.ErrorType}: {e.Title} (request {e.Instance})";
        }
        catch (PostPressTimeoutException)
        {
            return "timed out";
        }
        catch (PostPressConnectionException)
        {
            return "could not reach the API";
        }
        #endregion
    }

    /// <summary>The same call without retries.</summary>
    public static async Task<Account> GetWithoutRetriesAsync(IPostPressClient client, string accountId)
    {
        #region per-call-options
        // A client that shares the connection and the key but uses other options; the original is unchanged.
        IPostPressClient noRetries = client.WithOptions(o => o.MaxRetries = 0);
        Account account = await noRetries.Accounts.GetAsync(accountId);
        #endregion
        return account;
    }

    /// <summary>One call with its own options (no retries, a shorter timeout, an extra header).</summary>
    public static async Task<Account> GetWithOwnOptionsAsync(IPostPressClient client, string accountId, string correlationId)
    {
        #region one-call-options
        // Only this call: what is not set here is the client's. Checked before anything is sent.
        var options = new PostPressRequestOptions { MaxRetries = 0, Timeout = TimeSpan.FromSeconds(10) }
            .AddHeader("X-Correlation-Id", correlationId);
        Account account = await client.Accounts.GetAsync(accountId, options);
        #endregion
        return account;
    }

    /// <summary>What the SDK could not read in an error body.</summary>
    public static async Task<string?> ProblemAsync(IPostPressClient client, string accountId)
    {
        #region problem
        try
        {
            await client.Accounts.GetAsync(accountId);
            return null;
        }
        catch (PostPressApiException e)
        {
            // null when the body was well-formed problem details; otherwise what was wrong with it
            // (HTML from a proxy, empty, truncated, a status that disagrees with the HTTP status, ...).
            return e.Details.Problem;
        }
        #endregion
    }

    /// <summary>Arguments are checked before anything is sent.</summary>
    public static async Task<string?> InvalidArgumentAsync(IPostPressClient client)
    {
        #region invalid-argument
        try
        {
            await client.Accounts.GetAsync("..");   // a path segment may not be "." or ".."
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName;   // "id": nothing was sent
        }
        #endregion
    }
}
