// Runs every sample of the documentation site against the in-process sandbox (PostPress.Testing) and checks what
// each returned; exits non-zero on the first failure. Run by .ci/docs:
//
//   dotnet run --project docs/samples/PostPress.Docs.Samples.csproj -c Release
using Microsoft.Extensions.Configuration;
using PostPress;
using PostPress.Docs.Samples;
using PostPress.Testing;

const string AccountId = "acc_docs";
var failures = 0;

await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 1_200 });
using var client = sandbox.CreateClient(o =>
{
    o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);
    o.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
});

// Getting started
await Check("getting started: clients are created without a call", () =>
{
    using var a = GettingStarted.CreateClient("pp_live_docs");
    using var b = GettingStarted.CreateClientWithOptions("pp_live_docs");
    return Task.FromResult(a.ToString().Contains("api.postpress.ai", StringComparison.Ordinal) && !b.ToString().Contains("pp_live_docs", StringComparison.Ordinal));
});
await Check("getting started: first calls", async () =>
{
    sandbox.Respond("getOwnProfile").Reset().WithVariant("LINKEDIN");
    var text = await GettingStarted.FirstCallsAsync(client, AccountId);
    sandbox.Respond("getOwnProfile").Reset();
    return text.Length > 0;
});
await Check("getting started: a Recruiter action", () => GettingStarted.RecruiterActionAsync(client, AccountId));
await Check("getting started: WithResponseAsync", async () => await GettingStarted.WithResponseAsync(client, AccountId) is { Length: > 0 });
await Check("getting started: synchronous calls", () => Task.FromResult(GettingStarted.SynchronousCalls(client, AccountId) is { Length: > 0 }));
await Check("getting started: dependency injection", async () =>
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["PostPress:ApiKey"] = sandbox.ApiKey,
        ["PostPress:BaseUri"] = sandbox.BaseUri.ToString(),
    }).Build();
    return await GettingStarted.FromServiceProviderAsync(configuration, AccountId) is { Length: > 0 };
});

// Errors and retries
await Check("errors: a 404 is a NotFoundException", async () =>
{
    sandbox.Next(1, "getAccount").Fail(404, "errors/resource_not_found");
    return await ErrorsAndRetries.DescribeAccountAsync(client, "acc_gone") == "no account acc_gone";
});
await Check("errors: a 429 on every attempt is a RateLimitException with RetryAfter", async () =>
{
    sandbox.Next(3, "getAccount").RateLimit(TimeSpan.FromSeconds(2));
    return await ErrorsAndRetries.DescribeAccountAsync(client, AccountId) == "rate limited (retries used up); retry after 00:00:02";
});
await Check("errors: a 429 is retried", async () =>
{
    sandbox.Next(2, "getAccount").RateLimit(TimeSpan.FromSeconds(1));
    return !(await ErrorsAndRetries.DescribeAccountAsync(client, AccountId)).StartsWith("rate limited", StringComparison.Ordinal);
});
await Check("errors: WithOptions(MaxRetries = 0) does not retry", async () =>
{
    sandbox.Next(1, "getAccount").ServiceUnavailable();
    try
    {
        await ErrorsAndRetries.GetWithoutRetriesAsync(client, AccountId);
        return false;
    }
    catch (ServiceUnavailableException)
    {
        return true;
    }
});
await Check("errors: PostPressRequestOptions(MaxRetries = 0) does not retry that call", async () =>
{
    sandbox.Next(1, "getAccount").ServiceUnavailable();
    try
    {
        await ErrorsAndRetries.GetWithOwnOptionsAsync(client, AccountId, "corr-1");
        return false;
    }
    catch (ServiceUnavailableException)
    {
        return true;
    }
});
await Check("errors: a well-formed problem has no Problem", async () =>
{
    sandbox.Next(1, "getAccount").Fail(403, "errors/insufficient_permissions");
    return await ErrorsAndRetries.ProblemAsync(client, AccountId) is null;
});
await Check("errors: invalid arguments are ArgumentException", async () => await ErrorsAndRetries.InvalidArgumentAsync(client) == "id");

// Paging
await Check("paging: await foreach reads every relation", async () => await Paging.CountRelationsAsync(client, AccountId) == 1_200);
await Check("paging: AsPages, stop, resume from the saved cursor", async () =>
{
    var (items, cursor) = await Paging.FirstPagesAsync(client, AccountId, pages: 3);
    return items == 300 && cursor is not null && items + await Paging.ResumeAsync(client, AccountId, cursor) == 1_200;
});
await Check("paging: foreach over the synchronous pageable reads every relation", () => Task.FromResult(Paging.CountRelations(client, AccountId) == 1_200));
await Check("paging: one page by hand", async () => await Paging.OnePageAsync(client, AccountId) is not null);

// Testing with the sandbox
await Check("testing: a sandbox of its own (variants, scenarios, journal)", async () => await TestingWithTheSandbox.SandboxAsync() == 4);
await Check("testing: PostPressModelFactory + FromValues", async () => await TestingWithTheSandbox.FakesAsync() == 1);

await Check("testing: an exception built for a mock", () =>
    Task.FromResult(TestingWithTheSandbox.NotFound() is { StatusCode: 404 } e && e.ErrorType == ErrorType.ResourceNotFound));

// Telemetry
await Check("telemetry: a call span, a Client attempt span and the duration metric", async () =>
{
    var seen = await Telemetry.TraceOneCallAsync(client, AccountId);
    Console.WriteLine($"    {string.Join("; ", seen)}");
    return seen.Contains("getAccount (Internal)") && seen.Contains("GET /accounts/{id} (Client)")
        && seen.Contains("metric postpress.client.request.duration");
});
await Check("telemetry: a logging client", () =>
{
    using var logging = Telemetry.CreateLoggingClient("pp_live_docs", Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    return Task.FromResult(true);
});

Console.WriteLine(failures == 0 ? "docs samples: all passed" : $"docs samples: {failures} failed");
return failures == 0 ? 0 : 1;

async Task Check(string name, Func<Task<bool>> sample)
{
    try
    {
        if (await sample())
        {
            Console.WriteLine($"ok   {name}");
            return;
        }

        Console.WriteLine($"FAIL {name}: unexpected result");
    }
    catch (Exception e)
    {
        Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
    }

    failures++;
}
