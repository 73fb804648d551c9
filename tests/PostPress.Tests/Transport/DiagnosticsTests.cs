using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>Logging content, headers on the wire, and the API key never leaking.</summary>
public sealed class DiagnosticsTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Each_attempt_is_logged_with_method_path_status_attempt_duration_and_request_id()
    {
        _api.Server.Given(_api.Get("/accounts/acc_01")).RespondWith(Response.Create().WithStatusCode(404)
            .WithHeader("X-Request-Id", "req_abc").WithBody("{\"title\":\"Not Found\",\"type\":\"errors/resource_not_found\",\"status\":404}"));
        using var client = _api.Client();

        await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));

        var line = Assert.Single(_api.Logs.Lines, l => l.Contains("attempt 1"));
        // The URL template, never the concrete ids (they can identify people).
        Assert.Contains("GET /accounts/{id}", line);
        Assert.DoesNotContain("acc_01", line);
        Assert.Contains("-> 404", line);
        Assert.Contains("req_abc", line);
        Assert.Contains("ElapsedMs=", line);
        var failure = Assert.Single(_api.Logs.Lines, l => l.Contains("failed with 404"));
        Assert.Contains("errors/resource_not_found", failure);
    }

    [Fact]
    public async Task The_problem_details_instance_is_logged_as_the_request_id_of_a_failed_call()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 503, "{\"title\":\"x\",\"type\":\"errors/no_handler\",\"instance\":\"req_support_77\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 1);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Accounts.GetAsync("acc_01"));

        var line = Assert.Single(_api.Logs.Lines, l => l.Contains("failed with 503"));
        Assert.Contains("req_support_77", line);
        Assert.Contains("errors/no_handler", line);
        Assert.Contains("after 2 attempt(s)", line);
    }

    [Fact]
    public async Task Headers_on_the_wire()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 404, "{\"title\":\"x\",\"type\":\"errors/resource_not_found\",\"status\":404}");
        using var client = _api.Client(o => o.ApplicationId = "my-app/2.1");

        await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));

        var headers = _api.Requests.Single().RequestMessage.Headers!;
        Assert.Equal(MockApi.ApiKey, headers["X-API-KEY"].Single());
        Assert.Contains("application/json", headers["Accept"].Single());
        Assert.Matches(@"^postpress-dotnet/\d+\.\d+\.\d+[^ ]* my-app/2\.1$", string.Join(" ", headers["User-Agent"]));
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_exception_texts_or_ToString()
    {
        var texts = new List<string>();
        _api.Reply(_api.Get("/accounts/a401"), 401, "{\"title\":\"Unauthorized\",\"type\":\"errors/invalid_credentials\",\"status\":401}");
        _api.Reply(_api.Get("/accounts/a503"), 503, "{\"title\":\"x\",\"type\":\"errors/network_down\",\"status\":503}");
        _api.Reply(_api.Get("/accounts/a200"), 200, "{not json");
        _api.Reply(_api.Get("/accounts/html"), 502, "<html>bad gateway</html>", ("Content-Type", "text/html"));
        _api.Server.Given(_api.Get("/accounts/fault")).RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        _api.Server.Given(_api.Get("/accounts/slow")).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)));

        var options = _api.Options(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(100));
        using var client = new PostPressClient(options);
        texts.Add(options.ToString());
        texts.Add(client.ToString());
        foreach (var id in new[] { "a401", "a503", "a200", "html", "fault", "slow" })
        {
            var ex = await Assert.ThrowsAnyAsync<PostPressException>(() => client.Accounts.GetAsync(id));
            texts.Add(ex.ToString());
            texts.Add(ex.Message);
            if (ex is PostPressApiException api)
            {
                texts.AddRange(api.Headers.SelectMany(h => h.Value));
                texts.Add(api.RawBody);
            }
        }

        var bad = Assert.Throws<ArgumentException>(() => new PostPressClient(new PostPressClientOptions(MockApi.ApiKey + " with space")));
        texts.Add(bad.ToString());
        texts.AddRange(_api.Logs.Lines);

        Assert.True(_api.Logs.Lines.Count >= 10, "the scenarios must have produced logs");
        Assert.All(_api.Requests, r => Assert.Equal(MockApi.ApiKey, r.RequestMessage.Headers!["X-API-KEY"].Single()));
        Assert.DoesNotContain(texts, t => t.Contains(MockApi.ApiKey) || t.Contains("SECRET_7f3a9c1e5b"));
    }
}
