using System;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>
/// One error path: a non-2xx response is translated exactly once into its typed exception, which carries the
/// response headers, the request id (problem <c>instance</c>), the body excerpt and <c>Retry-After</c>.
/// </summary>
public sealed class ErrorPathTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_429_carries_headers_request_id_body_and_RetryAfter_in_one_typed_exception()
    {
        _api.Reply(_api.Get("/accounts/acc_err"), 429,
            "{\"title\":\"Too Many Requests\",\"type\":\"errors/too_many_requests\",\"detail\":\"slow down\",\"instance\":\"req_err_429\",\"status\":429}",
            ("Retry-After", "7"), ("X-Custom-Trace", "trace-abc"), ("X-RateLimit-Remaining", "0"));
        using var client = _api.Client(o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<RateLimitException>(() => client.Accounts.GetAsync("acc_err"));

        Assert.Null(ex.InnerException); // built once from the response, not wrapping an earlier translation
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(ErrorType.TooManyRequests, ex.ErrorType);
        Assert.Equal("slow down", ex.Detail);
        Assert.Equal("req_err_429", ex.Instance);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(new[] { "trace-abc" }, ex.Headers["x-custom-trace"]);
        Assert.Equal(new[] { "0" }, ex.Headers["X-RateLimit-Remaining"]);
        Assert.Contains("application/json", ex.Headers["Content-Type"].Single()); // content headers too
        Assert.Contains("\"instance\":\"req_err_429\"", ex.RawBody);
        Assert.Contains("(request req_err_429)", ex.Message);
        Assert.Single(_api.Logs.Lines, l => l.Contains("failed with 429"));
    }

    [Fact]
    public async Task A_404_is_a_NotFoundException_with_the_custom_header_and_no_inner_exception()
    {
        _api.Reply(_api.Get("/accounts/acc_err"), 404, Bodies.Problem(404, "errors/resource_not_found", "req_err_404"), ("X-Custom-Trace", "t404"));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_err"));

        Assert.Null(ex.InnerException);
        Assert.Equal("req_err_404", ex.Instance);
        Assert.Equal("t404", ex.Headers["X-Custom-Trace"].Single());
        Assert.Null(ex.RetryAfter);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task A_status_without_a_subclass_is_a_plain_PostPressApiException_with_the_same_data()
    {
        _api.Reply(_api.Post("/linkedin/user/AEM1"), 409, Bodies.Problem(409, "errors/conflict_x", "req_err_409"), ("X-Custom-Trace", "t409"));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressApiException>(() =>
            client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_err")));

        Assert.Equal(typeof(PostPressApiException), ex.GetType());
        Assert.Null(ex.InnerException);
        Assert.Equal("errors/conflict_x", ex.ErrorType?.Value);
        Assert.Equal("req_err_409", ex.Instance);
        Assert.Equal("t409", ex.Headers["X-Custom-Trace"].Single());
    }

    [Fact]
    public async Task The_WithResponse_twin_throws_the_same_typed_exception()
    {
        _api.Reply(_api.Get("/accounts/acc_err"), 404, Bodies.Problem(404, "errors/resource_not_found", "req_err_twin"));
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetWithResponseAsync("acc_err"));

        Assert.Null(ex.InnerException);
        Assert.Equal("req_err_twin", ex.Instance);
    }
}
