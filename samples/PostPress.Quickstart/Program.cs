// The PostPress SDK in one file: every operation of the API, its unions, paging, a Recruiter action and a typed error.
//
//   dotnet run --project samples/PostPress.Quickstart            # against an in-process sandbox (no key needed)
//   POSTPRESS_API_KEY=... POSTPRESS_ACCOUNT_ID=acc_... dotnet run --project samples/PostPress.Quickstart   # the real API
//   dotnet run --project samples/PostPress.Quickstart -- --serve # only the sandbox: prints its URL and key, serves until stdin closes
using System.Diagnostics;
using PostPress;
using PostPress.Testing;
using Spectre.Console;

var stopwatch = Stopwatch.StartNew();

if (args.Contains("--serve"))
{
    return await ServeAsync();
}

var apiKey = Environment.GetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable);
PostPressSandbox? sandbox = null;
PostPressClient client;
string accountId;
if (string.IsNullOrEmpty(apiKey))
{
    sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 5_000 });
    client = sandbox.CreateClient();
    accountId = "acc_sandbox";
    AnsiConsole.MarkupLine($"[grey]No {PostPressClientOptions.ApiKeyEnvironmentVariable}: using the PostPress sandbox at {sandbox.BaseUri} ({sandbox.Operations.Count} operations from the spec).[/]");
}
else
{
    var baseUrl = Environment.GetEnvironmentVariable("POSTPRESS_BASE_URL");
    client = new PostPressClient(new PostPressClientOptions(apiKey)
    {
        BaseUri = string.IsNullOrEmpty(baseUrl) ? new Uri(PostPressClientOptions.DefaultBaseUrl) : new Uri(baseUrl),
    });
    accountId = Environment.GetEnvironmentVariable("POSTPRESS_ACCOUNT_ID")
        ?? throw new InvalidOperationException("Set POSTPRESS_ACCOUNT_ID to the id of a linked account (acc_...).");
    AnsiConsole.MarkupLine($"[grey]Using the postpress API at {Markup.Escape(client.ToString())}.[/]");
}

try
{
    // 1. GET /users/me: the owner's profile, one class per provider.
    Heading("Own profile (GET /users/me)");
    foreach (var variant in Variants("getOwnProfile"))
    {
        sandbox?.Respond(SandboxOperations.GetOwnProfile).Reset().WithVariant(variant);
        var me = await client.Users.GetMeAsync(accountId);
        Line(me.Provider.Value, me switch
        {
            LinkedInOwnProfile li => $"{li.FirstName} {li.LastName}, {li.Headline}; Recruiter: {Seat(li.Recruiter)}, Sales Navigator: {Seat(li.SalesNavigator)}",
            TelegramOwnProfile tg => $"@{tg.Username} ({tg.FirstName} {tg.LastName})",
            TwitterOwnProfile tw => $"@{tw.ScreenName}, {tw.FollowersCount} followers",
            GmailOwnProfile gmail => $"{gmail.Email}, {gmail.Aliases.Count} alias(es)",
            OutlookOwnProfile outlook => $"{outlook.DisplayName} <{outlook.Email}>",
            ImapOwnProfile imap => $"IMAP account ({imap.ConnectionParams.GetType().Name})",
            UnknownOwnProfile other => $"a provider this SDK version does not know: {other.Provider}",
            _ => me.GetType().Name,
        });
    }

    // 2. GET /users/{identifier}: someone else's profile, with LinkedIn sections.
    Heading("A user's profile (GET /users/{identifier})");
    foreach (var variant in Variants("getUserProfile"))
    {
        sandbox?.Respond(SandboxOperations.GetUserProfile).Reset().WithVariant(variant);
        var profile = await client.Users.GetProfileAsync("jordan-walke", accountId,
            new UserProfileOptions { LinkedInSections = { LinkedInSectionSelector.AllPreview, LinkedInSectionSelector.Skills } });
        Line(profile.Provider.Value, profile switch
        {
            LinkedInUserProfile li => $"{li.FirstName} {li.LastName}, {li.Headline} ({li.NetworkDistance?.Value ?? "distance unknown"}, {li.WorkExperience?.Count ?? 0} position(s))",
            WhatsAppUserProfile wa => $"{wa.Id}{(wa.IsBusiness == true ? " (business)" : string.Empty)}",
            InstagramUserProfile ig => $"@{ig.PublicIdentifier}, {ig.FollowersCount} followers, {ig.ProfileType}",
            TelegramUserProfile tg => $"@{tg.Username}",
            TwitterUserProfile tw => $"@{tw.ScreenName}: {tw.Description}",
            UnknownUserProfile other => $"a provider this SDK version does not know: {other.Provider}",
            _ => profile.GetType().Name,
        });
    }

    // 3. GET /accounts/{id}: a linked account, one class per type (14).
    Heading("Accounts (GET /accounts/{id})");
    foreach (var variant in Variants("getAccount"))
    {
        sandbox?.Respond(SandboxOperations.GetAccount).Reset().WithVariant(variant);
        var account = await client.Accounts.GetAsync(accountId);
        Line(account.Type.Value, account switch
        {
            LinkedInAccount li => $"{li.Name}: LinkedIn, premium features [{string.Join(", ", li.ConnectionParams.Im.PremiumFeatures ?? [])}]",
            MailAccount mail => $"{mail.Name}: IMAP {mail.ConnectionParams.Mail.ImapHost}",
            GoogleOAuthAccount google => $"{google.Name}: Google",
            OutlookAccount outlook => $"{outlook.Name}: Outlook",
            WhatsAppAccount wa => $"{wa.Name}: WhatsApp",
            UnknownAccount other => $"a type this SDK version does not know: {other.Type}",
            _ => $"{account.Name}: {account.GetType().Name}, created {account.CreatedAt:yyyy-MM-dd}",
        });
    }

    // 4. GET /users/relations: every relation, page by page, one page in memory.
    Heading("Relations (GET /users/relations, every page)");
    var relations = 0;
    string? last = null;
    var listing = client.Users.ListAllRelationsAsync(accountId, pageSize: 500);
    if (AnsiConsole.Profile.Capabilities.Interactive)
    {
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("relations", maxValue: sandbox is null ? double.MaxValue : 5_000);
                await foreach (var relation in listing)
                {
                    relations++;
                    last = relation.PublicIdentifier;
                    task.Increment(1);
                }

                task.StopTask();
            });
    }
    else
    {
        // Redirected output (CI, a pipe): one progress line per 1,000 relations instead of a live bar.
        await foreach (var relation in listing)
        {
            relations++;
            last = relation.PublicIdentifier;
            if (relations % 1_000 == 0)
            {
                AnsiConsole.MarkupLine($"  [grey]{relations:N0} relations...[/]");
            }
        }
    }

    AnsiConsole.MarkupLine($"  {relations:N0} relations read; the last one is [bold]{Markup.Escape(last ?? "(none)")}[/].");

    // 5. POST /linkedin/user/{user_id}: a Recruiter action.
    Heading("Recruiter action (POST /linkedin/user/{user_id})");
    var result = await client.LinkedIn.PerformUserActionAsync("AEMAACr-1eYBl",
        LinkedInUserAction.AddCandidateToPipeline(accountId, "proj_quickstart", RecruiterPipelineStage.Contacted));
    Line("addCandidateToPipeline", result.Success ? "done" : "not done");

    // 6. A typed error, handled.
    Heading("A handled error");
    sandbox?.Next(1, SandboxOperations.GetAccount).Fail(404, SandboxErrors.ResourceNotFound);
    try
    {
        await client.Accounts.GetAsync("acc_does_not_exist");
        Line("acc_does_not_exist", "found (unexpected)");
    }
    catch (NotFoundException e)
    {
        Line("NotFoundException", $"{e.StatusCode} {e.ErrorType}: {e.Detail} (request {e.Instance})");
    }

    if (sandbox is not null)
    {
        AnsiConsole.MarkupLine($"\n[grey]The sandbox received {sandbox.Requests.Count} requests.[/]");
    }

    AnsiConsole.MarkupLine($"[green]Quickstart done in {stopwatch.Elapsed.TotalSeconds:F1} s.[/]");
    return 0;
}
finally
{
    client.Dispose();
    if (sandbox is not null)
    {
        await sandbox.DisposeAsync();
    }
}

// Every variant when the sandbox can serve them; the real API answers what the account is.
IEnumerable<string> Variants(string operationId) =>
    sandbox is null ? [string.Empty] : sandbox.Operations.Single(o => o.OperationId == operationId).Variants;

static string Seat(object? seat) => seat switch
{
    RecruiterSeat s => $"seat {s.OwnerSeatId}",
    SalesNavigatorSeat s => $"seat {s.OwnerSeatId}",
    RecruiterSeatError e => $"error {e.Error}",
    SalesNavigatorSeatError e => $"error {e.Error}",
    null => "not available",
    _ => seat.GetType().Name,
};

static void Heading(string text) => AnsiConsole.Write(new Rule($"[yellow]{Markup.Escape(text)}[/]").LeftJustified());

static void Line(string label, string text) =>
    AnsiConsole.MarkupLine($"  [blue]{Markup.Escape(label),-24}[/] {Markup.Escape(text)}");

static async Task<int> ServeAsync()
{
    var relations = Environment.GetEnvironmentVariable("POSTPRESS_SANDBOX_RELATIONS");
    await using var server = await PostPressSandbox.StartAsync(new PostPressSandboxOptions
    {
        Relations = int.TryParse(relations, out var count) ? count : 1_000,
    });
    // One line each, for scripts: the URL and the API key of the sandbox.
    Console.WriteLine($"POSTPRESS_BASE_URL={server.BaseUri}");
    Console.WriteLine($"POSTPRESS_API_KEY={server.ApiKey}");
    Console.Out.Flush();
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    try
    {
        // Serves until stdin reaches its end (the parent closed it) or Ctrl+C.
        await Task.Run(() => Console.In.ReadToEnd(), stop.Token).WaitAsync(stop.Token);
    }
    catch (OperationCanceledException)
    {
    }

    return 0;
}
