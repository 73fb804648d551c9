// A generic-host app that gets IPostPressClient from dependency injection.
//
//   dotnet run --project samples/PostPress.HostedApp
//
// Without POSTPRESS_API_KEY it starts the PostPress sandbox first and points the "PostPress" configuration section at
// it; with POSTPRESS_API_KEY (and POSTPRESS_ACCOUNT_ID) it talks to the real API. It does its work once and stops.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PostPress;
using PostPress.Testing;

PostPressSandbox? sandbox = null;
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration[PostPressClientOptions.ApiKeyEnvironmentVariable]))
{
    sandbox = await PostPressSandbox.StartAsync();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["PostPress:ApiKey"] = sandbox.ApiKey,
        ["PostPress:BaseUri"] = sandbox.BaseUri.AbsoluteUri,
        ["PostPress:AccountId"] = "acc_sandbox",
    });
}
else
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["PostPress:AccountId"] = Environment.GetEnvironmentVariable("POSTPRESS_ACCOUNT_ID"),
    });
}

// Binds the "PostPress" section (ApiKey, BaseUri, MaxRetries, ...); the API key may also come from POSTPRESS_API_KEY.
builder.Services.AddPostPress(builder.Configuration);
builder.Services.AddHostedService<AccountReport>();

using var host = builder.Build();
try
{
    await host.RunAsync();
}
finally
{
    if (sandbox is not null)
    {
        await sandbox.DisposeAsync();
    }
}

return Environment.ExitCode;

/// <summary>An app service that depends on <see cref="IPostPressClient"/> (mock the interface in its unit tests).</summary>
internal sealed class AccountReport(IPostPressClient postPress, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<AccountReport> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var accountId = configuration["PostPress:AccountId"] ?? throw new InvalidOperationException("Set POSTPRESS_ACCOUNT_ID.");
        try
        {
            var account = await postPress.Accounts.GetAsync(accountId, stoppingToken);
            Console.WriteLine($"hosted: account {account.Id} is a {account.Type} account named '{account.Name}'");

            var me = await postPress.Users.GetMeAsync(accountId, stoppingToken);
            Console.WriteLine($"hosted: the owner's profile is a {me.GetType().Name}");

            var count = 0;
            await foreach (var _ in postPress.Users.ListAllRelationsAsync(accountId, pageSize: 100, cancellationToken: stoppingToken))
            {
                count++;
            }

            Console.WriteLine($"hosted: {count} relations");
            Console.WriteLine("hosted: OK");
        }
        catch (PostPressApiException e)
        {
            logger.LogError("postpress answered {Status} {ErrorType}", e.StatusCode, e.ErrorType);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
