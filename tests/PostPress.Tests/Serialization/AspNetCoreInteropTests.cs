using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// An ASP.NET Core minimal API (Kestrel on loopback, the shared framework's System.Text.Json) returns and accepts SDK
/// models with no setup: the models carry their System.Text.Json converters.
/// </summary>
public sealed class AspNetCoreInteropTests : IAsyncLifetime
{
    private readonly JObject _profileJson;
    private WebApplication? _app;
    private HttpClient? _http;

    public AspNetCoreInteropTests()
    {
        _profileJson = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), maximal: true);
        _profileJson["provider"] = "LINKEDIN";
        _profileJson["recruiter"] = new JObject { ["error"] = "MULTIPLE_SESSIONS" };
        _profileJson["brand_new_field"] = new JObject { ["since"] = "2026-04-12T09:14:21.000Z" };
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();

        var profile = PostPressJson.Deserialize<OwnProfile>(_profileJson.ToString())!;
        _app.MapGet("/me", () => profile);
        _app.MapPost("/actions", (LinkedInUserActionRequest request) => Results.Ok(new Received(request.GetType().Name, request.AccountId, request)));
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_endpoint_returning_an_OwnProfile_writes_the_wire_format()
    {
        var response = await _http!.GetAsync("/me");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = SpecModel.Parse(body);
        Assert.True(JToken.DeepEquals(_profileJson, json), body);
        Assert.Equal("LINKEDIN", (string?)json["provider"]);
        var back = Assert.IsType<LinkedInOwnProfile>(PostPressJson.Deserialize<OwnProfile>(body));
        Assert.IsType<RecruiterSeatError>(back.Recruiter);
    }

    [Fact]
    public async Task An_endpoint_accepting_a_LinkedInUserActionRequest_reads_the_variant()
    {
        var request = LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted);
        var sent = PostPressJson.Serialize(request);

        var response = await _http!.PostAsync("/actions", new StringContent(sent, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = SpecModel.Parse(body);
        Assert.Equal(nameof(RecruiterPipelineActionRequest), (string?)json["type"]);
        Assert.Equal("acc_1", (string?)json["accountId"]);
        Assert.True(JToken.DeepEquals(SpecModel.Parse(sent), json["request"]), body);
    }

    [Fact]
    public async Task An_unknown_action_is_accepted_as_the_Unknown_variant_and_echoed_unchanged()
    {
        const string sent = "{\"action\":\"followCompany\",\"account_id\":\"acc_1\",\"company\":{\"id\":7,\"at\":\"2026-04-12T09:14:21+02:00\"}}";

        var response = await _http!.PostAsync("/actions", new StringContent(sent, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = SpecModel.Parse(body);
        Assert.Equal(nameof(UnknownLinkedInUserActionRequest), (string?)json["type"]);
        Assert.True(JToken.DeepEquals(SpecModel.Parse(sent), json["request"]), body);
    }

    [Fact]
    public async Task A_body_that_is_not_a_valid_request_is_a_400()
    {
        var response = await _http!.PostAsync("/actions", new StringContent("{\"action\":\"saveLead\",\"account_id\":5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed record Received(string Type, string AccountId, LinkedInUserActionRequest Request);
}
