using PostPress.Testing;

namespace PostPress.Docs.Samples;

/// <summary>The samples of docs/guides/testing-with-the-sandbox.md.</summary>
public static class TestingWithTheSandbox
{
    /// <summary>Starts a sandbox, drives it and reads its journal.</summary>
    public static async Task<int> SandboxAsync()
    {
        #region start
        await using PostPressSandbox sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 1_000 });
        using PostPressClient client = sandbox.CreateClient(o =>
        {
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);   // keep retried scenarios fast
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
        });
        #endregion

        #region variants
        sandbox.Respond("getAccount").WithVariant("MAIL");                   // every call: a MailAccount
        Account account = await client.Accounts.GetAsync("acc_1");
        sandbox.Respond("getOwnProfile").WithVariant("recruiter", "null");   // a property's variant: no Recruiter seat
        #endregion
        if (account is not MailAccount)
        {
            throw new InvalidOperationException($"expected a MailAccount, got {account.GetType().Name}");
        }

        #region scenarios
        sandbox.Next(2, "getAccount").Fail(404, "errors/resource_not_found");   // the next 2 calls of one operation
        sandbox.Next().RateLimit(TimeSpan.FromSeconds(1));                      // the next call of any operation: 429
        #endregion
        await Expect<NotFoundException>(() => client.Accounts.GetAsync("acc_1"));
        await Expect<NotFoundException>(() => client.Accounts.GetAsync("acc_1"));
        await client.Users.GetMeAsync("acc_1");   // the 429 is retried by the SDK

        #region journal
        sandbox.ClearRequests();
        var relations = 0;
        await foreach (UserRelation relation in client.Users.ListAllRelationsAsync("acc_1", pageSize: 250))
        {
            relations++;
        }

        SandboxRequest firstPage = sandbox.Requests.First(r => r.OperationId == "listRelations");
        Console.WriteLine($"{firstPage.Method} {firstPage.Path}{firstPage.QueryString} -> {firstPage.ResponseStatus}");
        int pages = sandbox.Requests.Count(r => r.OperationId == "listRelations");   // 4 pages of 250
        #endregion
        return relations == 1_000 ? pages : -1;
    }

    /// <summary>Unit tests without HTTP: models from the factory, a pageable from values.</summary>
    public static async Task<int> FakesAsync()
    {
        #region factory
        UserRelation relation = PostPressModelFactory.UserRelation(firstName: "Ada", lastName: "Lovelace",
            headline: "Engineer", publicIdentifier: "ada", publicProfileUrl: "https://www.linkedin.com/in/ada",
            createdAt: 1_700_000_000_000, memberId: "ACoAA1", memberUrn: "urn:li:member:1", connectionUrn: "urn:li:fsd_connection:1");

        PostPressAsyncPageable<UserRelation> listing = PostPressAsyncPageable<UserRelation>.FromValues([relation]);
        #endregion
        var count = 0;
        await foreach (UserRelation item in listing)
        {
            count++;
        }

        return count;
    }

    /// <summary>An exception as a mock would throw it.</summary>
    public static NotFoundException NotFound()
    {
        #region exception
        var notFound = new NotFoundException(new PostPressErrorDetails(
            statusCode: 404, errorType: ErrorType.ResourceNotFound, title: "Not found", detail: null, instance: null,
            rawBody: "", headers: null, retryAfter: null));
        #endregion
        return notFound;
    }

    private static async Task Expect<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException)
        {
            return;
        }

        throw new InvalidOperationException($"expected {typeof(TException).Name}");
    }
}
