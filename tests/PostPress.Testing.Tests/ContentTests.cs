using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>
/// The sandbox with the operations of tests/evolution (header parameters, multipart upload, form body, download, 204):
/// header parameters and Content-Types checked, multipart and form fields validated, files served with a type and name.
/// </summary>
public sealed class ContentTests : IAsyncLifetime
{
    private PostPressSandbox _sandbox = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { SpecStream = new MemoryStream(Encoding.UTF8.GetBytes(EvolvedSpec())) });
        _http = _sandbox.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    /// <summary>openapi/postpress.yaml with tests/evolution/paths.yaml, examples.yaml and schemas.yaml inserted, as run.sh does.</summary>
    internal static string EvolvedSpec()
    {
        var spec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "postpress.yaml"));
        var paths = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "evolution", "paths.yaml"));
        var schemas = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "evolution", "schemas.yaml"));
        var examples = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "evolution", "examples.yaml"));
        spec = spec.Replace("\npaths:\n", "\npaths:\n" + paths.TrimEnd('\n') + "\n", StringComparison.Ordinal);
        return spec.Replace("\n  schemas:\n", "\n  examples:\n" + examples.TrimEnd('\n') + "\n  schemas:\n" + schemas.TrimEnd('\n') + "\n", StringComparison.Ordinal);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    [Theory]
    [InlineData("12")]
    [InlineData("small")]
    public async Task A_scalar_union_query_parameter_takes_any_branch_and_the_documented_example_answers(string size)
    {
        using var body = new StringContent("{\"kind\":\"circle\",\"radius\":2.5}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("shapes?size=" + size, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        Assert.Equal("shp_1", JsonNode.Parse(text)!["id"]!.GetValue<string>()); // the media type's example
    }

    [Fact]
    public async Task A_scalar_union_query_parameter_matching_no_branch_is_400()
    {
        using var body = new StringContent("{\"kind\":\"circle\",\"radius\":2.5}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("shapes?size=huge", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "errors/invalid_parameters");
        Assert.Contains("size", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_offering_JSON_and_form_is_read_as_JSON_only_when_sent_as_JSON()
    {
        using var form = new FormUrlEncodedContent(new[] { KeyValuePair.Create("kind", "circle") });
        using var formResponse = await _http.PostAsync("shapes", form);
        Assert.Equal(HttpStatusCode.Created, formResponse.StatusCode);

        using var notJson = new StringContent("kind=circle", Encoding.UTF8, "application/json");
        using var jsonResponse = await _http.PostAsync("shapes", notJson);
        await ProblemAsync(jsonResponse, HttpStatusCode.BadRequest, "errors/malformed_request");
    }

    [Fact]
    public async Task A_JSON_response_without_a_schema_is_its_documented_example()
    {
        using var response = await _http.GetAsync("shapes/shp_1/render");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("<svg/>", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["svg"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_required_header_parameter_is_400_with_the_documented_code()
    {
        using var missing = await _http.GetAsync("documents/doc_1");
        var problem = await ProblemAsync(missing, HttpStatusCode.BadRequest, "errors/missing_parameters");
        Assert.Contains("X-Trace-Id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "documents/doc_1");
        request.Headers.Add("X-Trace-Id", "t-1");
        request.Headers.Add("X-Include-Pages", "maybe");
        using var invalid = await _http.SendAsync(request);
        await ProblemAsync(invalid, HttpStatusCode.BadRequest, "errors/invalid_parameters");

        using var ok = new HttpRequestMessage(HttpMethod.Get, "documents/doc_1");
        ok.Headers.Add("X-Trace-Id", "t-1");
        ok.Headers.Add("X-Include-Pages", "true");
        using var answered = await _http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task A_body_of_a_content_type_the_operation_does_not_take_is_415_problem_details()
    {
        using var json = new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("documents", json);
        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "errors/unsupported_media_type");
        Assert.Contains("multipart/form-data", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_multipart_body_needs_its_required_parts_and_valid_fields()
    {
        using (var noFile = new MultipartFormDataContent { { new StringContent("Q3"), "title" } })
        using (var response = await _http.PostAsync("documents", noFile))
        {
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "errors/missing_parameters");
            Assert.Contains("'file'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var emptyTitle = new MultipartFormDataContent { { new StringContent(string.Empty), "title" }, { new ByteArrayContent([1]), "file", "a.pdf" } })
        using (var response = await _http.PostAsync("documents", emptyTitle))
        {
            await ProblemAsync(response, HttpStatusCode.BadRequest, "errors/invalid_parameters");
        }

        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7"));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var valid = new MultipartFormDataContent { { new StringContent("Q3"), "title" }, { pdf, "file", "q3.pdf" } };
        using var created = await _http.PostAsync("documents", valid);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.NotNull(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]);
    }

    [Fact]
    public async Task A_form_body_is_parsed_and_validated()
    {
        using (var missing = await _http.PostAsync("documents/doc_1/shares", new FormUrlEncodedContent([new("expires_in_days", "3")])))
        {
            await ProblemAsync(missing, HttpStatusCode.BadRequest, "errors/missing_parameters");
        }

        using (var tooLong = await _http.PostAsync("documents/doc_1/shares", new FormUrlEncodedContent([new("email", "ada@example.test"), new("expires_in_days", "99")])))
        {
            var problem = await ProblemAsync(tooLong, HttpStatusCode.BadRequest, "errors/invalid_parameters");
            Assert.Contains("expires_in_days", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using var accepted = await _http.PostAsync("documents/doc_1/shares", new FormUrlEncodedContent([new("email", "ada@example.test"), new("expires_in_days", "7")]));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task A_download_is_served_as_an_example_file_with_its_type_and_name()
    {
        using var response = await _http.GetAsync("documents/doc_1/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("downloadDocument.bin", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains("downloadDocument", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_204_operation_answers_without_a_body()
    {
        using var response = await _http.DeleteAsync("documents/doc_1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }
}
