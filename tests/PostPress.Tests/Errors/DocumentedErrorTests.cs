using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>Every status and code each operation's page documents maps to its typed exception.</summary>
public sealed class DocumentedErrorTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static IEnumerable<object[]> DocumentedCodes() =>
        SpecErrors.All().Select(e => new object[] { e.OperationId, e.Status, e.Code });

    public static readonly IReadOnlyDictionary<int, Type> ExpectedType = new Dictionary<int, Type>
    {
        [400] = typeof(BadRequestException),
        [401] = typeof(PostPressAuthenticationException),
        [403] = typeof(PermissionDeniedException),
        [404] = typeof(NotFoundException),
        [422] = typeof(UnprocessableEntityException),
        [429] = typeof(RateLimitException),
        [500] = typeof(InternalServerException),
        [501] = typeof(FeatureNotImplementedException),
        [503] = typeof(ServiceUnavailableException),
        [504] = typeof(GatewayTimeoutException),
    };

    [Fact]
    public void The_spec_documents_fifty_distinct_codes_across_ten_statuses()
    {
        var all = SpecErrors.All().ToList();
        Assert.Equal(50, all.Select(e => e.Code).Distinct().Count());
        Assert.Equal(ExpectedType.Keys.OrderBy(k => k), all.Select(e => e.Status).Distinct().OrderBy(s => s));
        Assert.Contains(all, e => e is { OperationId: "getAccount", Status: 400 });
        Assert.DoesNotContain(all, e => e.OperationId != "getAccount" && e.Status == 400);
        Assert.Contains(all, e => e is { OperationId: "performLinkedInUserAction", Code: "errors/action_already_performed" });
    }

    [Fact]
    public void Every_documented_code_is_a_known_ErrorType_constant()
    {
        var known = typeof(ErrorType).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(ErrorType))
            .Select(p => p.GetValue(null)!.ToString())
            .ToHashSet();
        foreach (var code in SpecErrors.All().Select(e => e.Code).Distinct())
        {
            Assert.Contains(code, known);
        }

        Assert.Equal("errors/disconnected_account", ErrorType.DisconnectedAccount.ToString());
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task Documented_code_maps_to_typed_exception(string operationId, int status, string code)
    {
        var body = $"{{\"title\":\"T{status}\",\"detail\":\"D {code}\",\"instance\":\"req_42\",\"type\":\"{code}\",\"status\":{status}}}";
        var request = Operations.IsPost(operationId) ? _api.Post(Operations.PathOf(operationId)) : _api.Get(Operations.PathOf(operationId));
        _api.Reply(request, status, body);
        using var client = _api.Client(o => o.MaxRetries = 0);

        PostPressApiException ex;
        if (Operations.IsPost(operationId) && status == 504)
        {
            // A write answered 504 may have been performed: the typed error is kept inside the unknown-outcome exception.
            var unknown = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => Operations.InvokeAsync(client, operationId));
            Assert.Equal(504, unknown.StatusCode);
            ex = Assert.IsAssignableFrom<PostPressApiException>(unknown.InnerException);
        }
        else
        {
            ex = await Assert.ThrowsAnyAsync<PostPressApiException>(() => Operations.InvokeAsync(client, operationId));
        }

        Assert.IsType(ExpectedType[status], ex);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(new ErrorType(code), ex.ErrorType);
        Assert.Equal("T" + status, ex.Title);
        Assert.Equal("D " + code, ex.Detail);
        Assert.Equal("req_42", ex.Instance);
        Assert.Null(ex.Details.Problem);
        Assert.Contains(code, ex.Message);
        Assert.Equal(body, ex.RawBody);
        Assert.Single(_api.Requests);
    }
}
