// Consumer test of the packed PostPress packages (tests/consumer/run.sh). Uses only the public API, like a customer:
// calls GET /accounts/{id} on a local mock server and checks the typed result, the typed 404 error, the headers the
// SDK sends (API key, User-Agent with the packed version) and services.AddPostPress(...) from the DI package.
// Usage: ConsumerApp <expected package version>. Prints "consumer: OK" and exits 0, or lists the failures and exits 1.

using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PostPress;
using PostPress.Models;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ConsumerApp <expected PostPress package version>");
    return 2;
}

var expectedVersion = args[0];
var failures = new List<string>();

void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
    if (!ok)
    {
        failures.Add(what);
    }
}

static string ProductVersion(Assembly assembly) =>
    assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";

try
{
    using var server = MockServer.Start();
    var baseUri = new Uri(server.Url + "/api/v1");
    Console.WriteLine($"consumer: PostPress {expectedVersion}, mock server {server.Url}");

    // The packages restored are the ones just packed.
    Check(ProductVersion(typeof(PostPressClient).Assembly) == expectedVersion,
        $"PostPress.dll informational version is {expectedVersion} (got '{ProductVersion(typeof(PostPressClient).Assembly)}')");
    var diAssembly = typeof(PostPressServiceCollectionExtensions).Assembly;
    Check(ProductVersion(diAssembly) == expectedVersion,
        $"PostPress.Extensions.DependencyInjection.dll informational version is {expectedVersion} (got '{ProductVersion(diAssembly)}')");

    using (var client = new PostPressClient(new PostPressClientOptions("pp_test") { BaseUri = baseUri }))
    {
        // 200: the union is resolved to its LINKEDIN variant.
        Account account = await client.Accounts.GetAsync("acc_1");
        Check(account is LinkedInAccount, $"GET /accounts/acc_1 returns a LinkedInAccount (got {account.GetType().FullName})");
        if (account is LinkedInAccount li)
        {
            Check(li.Type == AccountType.LinkedIn, "Type == AccountType.LinkedIn");
            Check(li.Id == "acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", "Id");
            Check(li.Name == "Anna - Sales", "Name");
            Check(li.CreatedAt == new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.Zero), "CreatedAt");
            Check(li.ConnectionParams.Im.Username == "anna-doe", "ConnectionParams.Im.Username == \"anna-doe\"");
            Check(li.ConnectionParams.Im.PublicIdentifier == "anna-doe", "ConnectionParams.Im.PublicIdentifier");
            Check(li.ConnectionParams.Im.PremiumId is null, "ConnectionParams.Im.PremiumId is null");
            Check(li.ConnectionParams.Im.PremiumFeatures is { Count: 1 } features && features[0] == LinkedInPremiumFeature.SalesNavigator,
                "ConnectionParams.Im.PremiumFeatures == [SalesNavigator]");
            Check(li.ConnectionParams.Im.Organizations is [{ Name: "Acme Inc.", MessagingEnabled: true, OrganizationUrn: "urn:li:organization:12345" }],
                "ConnectionParams.Im.Organizations[0]");
            Check(li.CurrentSignature == "sig_default", "CurrentSignature");
            Check(li.Signatures is [{ Title: "Default", Content: "Sent from postpress" }], "Signatures");
            Check(li.Groups.Count == 0, "Groups is empty");
            Check(li.Sources is [{ Id: "messaging" }], "Sources");
        }

        var request = server.Requests.LastOrDefault(r => r.Path == "/api/v1/accounts/acc_1");
        Check(request is { Method: "GET" }, "the client called GET /api/v1/accounts/acc_1");
        Check(request?.ApiKey == "pp_test", "X-API-KEY header is the configured key");
        Check(request?.UserAgent == "postpress-dotnet/" + expectedVersion,
            $"User-Agent is postpress-dotnet/{expectedVersion} (got '{request?.UserAgent}')");

        // 404: typed exception with the problem-details type.
        try
        {
            await client.Accounts.GetAsync("acc_missing");
            Check(false, "GET /accounts/acc_missing throws NotFoundException (nothing was thrown)");
        }
        catch (NotFoundException e)
        {
            Check(true, "GET /accounts/acc_missing throws PostPress.NotFoundException");
            Check(e.StatusCode == 404, "NotFoundException.StatusCode == 404");
            Check(e.ErrorType == ErrorType.ResourceNotFound && e.ErrorType?.Value == "errors/resource_not_found",
                $"NotFoundException.ErrorType == errors/resource_not_found (got '{e.ErrorType?.Value}')");
            Check(e.Instance == "req_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", "NotFoundException.Instance");
        }
        catch (Exception e)
        {
            Check(false, $"GET /accounts/acc_missing throws NotFoundException (got {e.GetType().FullName}: {e.Message})");
        }
    }

    // The DI package: services.AddPostPress(...) with IHttpClientFactory.
    var services = new ServiceCollection();
    services.AddPostPress(o =>
    {
        o.ApiKey = "pp_test";
        o.BaseUri = baseUri;
    });
    using (var provider = services.BuildServiceProvider())
    {
        var client = provider.GetRequiredService<IPostPressClient>();
        var account = await client.Accounts.GetAsync("acc_1");
        Check(account is LinkedInAccount { ConnectionParams.Im.Username: "anna-doe" },
            "services.AddPostPress(...): IPostPressClient.Accounts.GetAsync returns the LinkedInAccount");
    }

    Check(server.UnexpectedRequests.Count == 0,
        "no unexpected request reached the mock server" +
        (server.UnexpectedRequests.Count == 0 ? "" : ": " + string.Join(", ", server.UnexpectedRequests)));
}
catch (Exception e)
{
    Check(false, "unexpected exception: " + e);
}

if (failures.Count > 0)
{
    Console.Error.WriteLine($"consumer: FAILED ({failures.Count} check(s)):");
    foreach (var f in failures)
    {
        Console.Error.WriteLine("  - " + f);
    }

    return 1;
}

Console.WriteLine("consumer: OK");
return 0;

/// <summary>A tiny HTTP server on 127.0.0.1 (HttpListener) answering the two requests the test makes.</summary>
sealed class MockServer : IDisposable
{
    // The example response of GET /accounts/{id} in openapi/postpress.yaml (LINKEDIN).
    private const string LinkedInAccountJson = """
        {
          "object": "Account",
          "type": "LINKEDIN",
          "id": "acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR",
          "name": "Anna - Sales",
          "created_at": "2026-04-12T09:14:21.000Z",
          "connection_params": {
            "im": {
              "id": "ACoAAB7n2J0BV5...",
              "publicIdentifier": "anna-doe",
              "username": "anna-doe",
              "premiumId": null,
              "premiumContractId": null,
              "premiumFeatures": ["sales_navigator"],
              "organizations": [
                {
                  "name": "Acme Inc.",
                  "messaging_enabled": true,
                  "organization_urn": "urn:li:organization:12345",
                  "mailbox_urn": "urn:li:fsd_messagingThread:abc"
                }
              ]
            }
          },
          "current_signature": "sig_default",
          "signatures": [{ "title": "Default", "content": "Sent from postpress" }],
          "groups": [],
          "sources": [{ "id": "messaging", "status": "OK" }]
        }
        """;

    // The example 404 response of GET /accounts/{id}.
    private const string NotFoundJson = """
        {
          "title": "Not Found",
          "detail": "The requested resource was not found.",
          "instance": "req_01HXYZ4QK3WJ8FN3M6QH7TZ8GR",
          "type": "errors/resource_not_found",
          "status": 404
        }
        """;

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly List<string> _unexpected = new();

    private MockServer(HttpListener listener, string url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return _requests.ToArray(); } }
    }

    public IReadOnlyList<string> UnexpectedRequests
    {
        get { lock (_gate) { return _unexpected.ToArray(); } }
    }

    public static MockServer Start()
    {
        // HttpListener cannot bind port 0: take a free port from the OS, then listen on it (retry on a race).
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var url = $"http://127.0.0.1:{port}";
            var listener = new HttpListener();
            listener.Prefixes.Add(url + "/");
            try
            {
                listener.Start();
                return new MockServer(listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var req = context.Request;
            var path = req.Url?.AbsolutePath ?? "";
            lock (_gate)
            {
                _requests.Add(new RecordedRequest(req.HttpMethod, path, req.Headers["X-API-KEY"], req.Headers["User-Agent"]));
            }

            (int status, string contentType, string body) = (req.HttpMethod, path) switch
            {
                ("GET", "/api/v1/accounts/acc_1") => (200, "application/json", LinkedInAccountJson),
                ("GET", "/api/v1/accounts/acc_missing") => (404, "application/problem+json", NotFoundJson),
                _ => (400, "application/problem+json",
                    """{"title":"Bad Request","detail":"unexpected request in the consumer test","type":"errors/invalid_parameters","status":400}"""),
            };
            if (status == 400)
            {
                lock (_gate)
                {
                    _unexpected.Add(req.HttpMethod + " " + req.Url);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}

sealed record RecordedRequest(string Method, string Path, string? ApiKey, string? UserAgent);
