using System;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>Bodies that are not what the API documents end in typed exceptions with the status and an excerpt.</summary>
public sealed class BadResponseTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Unknown_error_code_is_preserved()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 404, "{\"title\":\"Not Found\",\"type\":\"errors/brand_new_code\",\"status\":404}");
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal("errors/brand_new_code", ex.ErrorType?.ToString());
        Assert.NotEqual(ErrorType.ResourceNotFound, ex.ErrorType);
    }

    [Fact]
    public async Task Undocumented_status_maps_to_the_base_api_exception()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 418, "{\"title\":\"Teapot\",\"type\":\"errors/teapot\",\"status\":418}");
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressApiException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(418, ex.StatusCode);
        Assert.Equal("Teapot", ex.Title);
    }

    [Fact]
    public async Task Html_error_page_from_a_proxy()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        _api.Reply(_api.Get("/accounts/acc_01"), 502, html, ("Content-Type", "text/html"));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressApiException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(502, ex.StatusCode);
        Assert.Null(ex.ErrorType);
        Assert.Equal(html, ex.RawBody);
        Assert.Contains("not valid JSON", ex.Details.Problem);
        Assert.Contains("502 Bad Gateway", ex.Message);
    }

    [Fact]
    public async Task Empty_error_body()
    {
        _api.Server.Given(_api.Get("/accounts/acc_01")).RespondWith(Response.Create().WithStatusCode(500));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<InternalServerException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(string.Empty, ex.RawBody);
        Assert.Contains("no body", ex.Details.Problem);
    }

    [Fact]
    public async Task Truncated_error_json()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 400, "{\"title\":\"Bad Req");
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Contains("not valid JSON", ex.Details.Problem);
        Assert.Equal("{\"title\":\"Bad Req", ex.RawBody);
    }

    [Fact]
    public async Task Body_status_that_disagrees_with_the_http_status()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 404, "{\"title\":\"Oops\",\"type\":\"errors/unexpected_error\",\"status\":500}");
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal(500, ex.Details.BodyStatus);
        Assert.Contains("disagrees", ex.Details.Problem);
    }

    [Theory]
    [InlineData("{\"object\":\"Account\",\"type\":\"LINKEDIN\",\"id\":\"acc_1\",\"na", "truncated JSON")]
    [InlineData("<html>maintenance</html>", "HTML")]
    [InlineData("{\"object\":\"Account\",\"type\":\"MAIL\"}", "required fields missing")]
    [InlineData("[1,2,3]", "wrong JSON type")]
    public async Task Success_status_with_a_malformed_body(string body, string because)
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 200, body);
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.True(ex.StatusCode == 200, because);
        Assert.StartsWith(body.Substring(0, Math.Min(8, body.Length)), ex.BodyExcerpt);
        Assert.Contains("200", ex.Message);
    }

    [Fact]
    public async Task Success_status_with_an_empty_body()
    {
        _api.Server.Given(_api.Get("/accounts/acc_01")).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json"));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Equal(200, ex.StatusCode);
    }

    [Theory]
    [InlineData(WireMock.ResponseBuilders.FaultType.EMPTY_RESPONSE)]
    [InlineData(WireMock.ResponseBuilders.FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Transport_faults_end_in_a_connection_exception(WireMock.ResponseBuilders.FaultType fault)
    {
        _api.Server.Given(_api.Get("/accounts/acc_01"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"object\":\"Account\",\"type\":\"LINKEDIN\",\"id\":\"acc_1\",\"name\":\"x\"}").WithFault(fault));
        using var client = _api.Client(o => o.MaxRetries = 1);

        var ex = await Assert.ThrowsAnyAsync<PostPressException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.True(ex is PostPressConnectionException || ex is PostPressSerializationException, ex.GetType() + ": " + ex.Message);
        Assert.IsNotType<PostPressApiException>(ex);
    }
}
