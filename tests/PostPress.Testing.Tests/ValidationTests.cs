using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>Requests are validated against the spec and answered with its problem details and documented codes.</summary>
public sealed class ValidationTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;

    public ValidationTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.StartsWith("req_", problem["instance"]!.GetValue<string>(), System.StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task A_request_without_the_api_key_is_401_missing_credentials()
    {
        using var http = _sandbox.CreateHttpClient(sendApiKey: false);
        using var response = await http.GetAsync("users/me?account_id=acc_1");
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, "errors/missing_credentials");
        Assert.Equal("Some credentials are necessary to perform the request.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_api_key_is_401_invalid_credentials_and_a_typed_exception_in_the_sdk()
    {
        using var http = _sandbox.CreateHttpClient(sendApiKey: false);
        http.DefaultRequestHeaders.Add("X-API-KEY", "pp_wrong");
        using var response = await http.GetAsync("accounts/acc_1");
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "errors/invalid_credentials");

        using var client = _sandbox.CreateClient(o => o.ApiKey = "pp_wrong");
        var e = await Assert.ThrowsAsync<PostPressAuthenticationException>(() => client.Accounts.GetAsync("acc_1"));
        Assert.Equal(ErrorType.InvalidCredentials, e.ErrorType);
        Assert.DoesNotContain("pp_wrong", e.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_400_missing_parameters()
    {
        using var http = _sandbox.CreateHttpClient();
        using var response = await http.GetAsync("users/relations");
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "errors/missing_parameters");
        Assert.Contains("account_id", problem["detail"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users/relations?account_id=acc_1&limit=5000", "errors/limit_too_high", "limit")]
    [InlineData("users/relations?account_id=acc_1&limit=0", "errors/invalid_parameters", "limit")]
    [InlineData("users/relations?account_id=acc_1&limit=ten", "errors/invalid_parameters", "limit")]
    [InlineData("users/relations?account_id=", "errors/invalid_parameters", "account_id")]
    [InlineData("users/relations?account_id=acc_1&cursor=forged", "errors/invalid_parameters", "cursor")]
    [InlineData("users/jordan?account_id=acc_1&notify=maybe", "errors/invalid_parameters", "notify")]
    public async Task A_constrained_parameter_out_of_its_schema_is_400(string url, string type, string parameter)
    {
        using var http = _sandbox.CreateHttpClient();
        using var response = await http.GetAsync(url);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, type);
        Assert.Contains(parameter, problem["detail"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"account_id":"acc_1","api":"recruiter","action":"addCandidateToPipeline","stage":"CONTACTED"}""", "errors/invalid_parameters")]
    [InlineData("""{"account_id":"acc_1","api":"recruiter","action":"fly","hiring_project_id":"p","stage":"CONTACTED"}""", "errors/invalid_parameters")]
    [InlineData("""{"account_id":"","api":"sales_navigator","action":"saveLead"}""", "errors/invalid_parameters")]
    [InlineData("""{"account_id": "acc_1", """, "errors/malformed_request")]
    public async Task A_body_that_does_not_match_its_schema_is_400(string body, string type)
    {
        using var http = _sandbox.CreateHttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("linkedin/user/AEMAAB1", content);
        await ProblemAsync(response, HttpStatusCode.BadRequest, type);
    }

    [Fact]
    public async Task A_missing_required_body_is_400_missing_parameters()
    {
        using var http = _sandbox.CreateHttpClient();
        using var response = await http.PostAsync("linkedin/user/AEMAAB1", null);
        await ProblemAsync(response, HttpStatusCode.BadRequest, "errors/missing_parameters");
    }

    [Fact]
    public async Task Every_documented_request_body_example_is_accepted()
    {
        using var http = _sandbox.CreateHttpClient();
        foreach (var example in _sandbox.Operation("performLinkedInUserAction").Body!.Examples)
        {
            using var content = new StringContent(example.Value!.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("linkedin/user/AEMAAB1", content);
            Assert.True(response.IsSuccessStatusCode, example.Name + ": " + await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_unknown_path_is_404_resource_not_found()
    {
        using var http = _sandbox.CreateHttpClient();
        using var response = await http.GetAsync("nothing/here");
        await ProblemAsync(response, HttpStatusCode.NotFound, "errors/resource_not_found");
    }

    [Fact]
    public async Task Validation_can_be_turned_off()
    {
        await using var lax = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { ValidateRequests = false });
        using var http = lax.CreateHttpClient(sendApiKey: false);
        using var response = await http.GetAsync("users/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
