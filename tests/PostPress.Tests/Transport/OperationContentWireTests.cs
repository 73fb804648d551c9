using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// What the generated code of a header-parameter, download or non-JSON-body operation hands to the pipeline
/// (<see cref="OperationRequest"/>), sent through a real <see cref="PostPressClient"/> to a loopback server.
/// </summary>
public sealed class OperationContentWireTests : IDisposable
{
    private static readonly OperationInfo Download = new("downloadDocument", "GET", "/documents/{id}/content");
    private static readonly OperationInfo Upload = new("uploadDocument", "POST", "/documents");
    private static readonly OperationInfo Remove = new("deleteDocument", "DELETE", "/documents/{id}");

    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private void ReplyFile(string path, byte[] body, string contentType, string? disposition = null, int status = 200)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType)
            .WithHeader("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithBody(body);
        if (disposition is not null)
        {
            response = response.WithHeader("Content-Disposition", disposition);
        }

        _api.Server.Given(_api.Get(path)).RespondWith(response);
    }

    [Fact]
    public async Task Header_parameters_reach_the_server_with_the_call()
    {
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(MockApi.BasePath + "/documents/d1").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));
        using var client = _api.Client();

        var response = await client.Pipeline.SendNoContentAsync(Remove, new OperationRequest("/documents/d1").Header("If-Match", "\"v3\"").Header("X-Dry-Run", "true"), null, CancellationToken.None);

        Assert.Equal(204, response.StatusCode);
        var sent = Assert.Single(_api.Requests).RequestMessage;
        Assert.Equal("\"v3\"", sent.Headers!["If-Match"].Single());
        Assert.Equal("true", sent.Headers!["X-Dry-Run"].Single());
        Assert.Equal(MockApi.ApiKey, sent.Headers!["X-API-KEY"].Single());
    }

    [Fact]
    public async Task A_download_is_streamed_unbuffered_past_MaxResponseSize_with_its_type_name_and_length()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        ReplyFile("/documents/d1/content", bytes, "application/pdf", "attachment; filename=\"../../secret/report.pdf\"");
        using var client = _api.Client(o => o.MaxResponseSize = 64 * 1024);

        await using var file = await client.Pipeline.SendStreamAsync(Download, new OperationRequest("/documents/d1/content") { Accept = "application/pdf" }, null, CancellationToken.None);
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(200, file.StatusCode);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal("report.pdf", file.FileName);
        Assert.True(file.Length is null || file.Length == bytes.Length); // WireMock may send it chunked
        Assert.Equal("application/pdf", Assert.Single(_api.Requests).RequestMessage.Headers!["Accept"].Single());
    }

    [Fact]
    public async Task A_download_stays_readable_after_the_callers_token_is_cancelled_once_the_call_returned()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 100_000));
        ReplyFile("/documents/d1/content", bytes, "application/octet-stream");
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();

        using var file = await client.Pipeline.SendStreamAsync(Download, new OperationRequest("/documents/d1/content") { Accept = "application/octet-stream" }, null, cts.Token);
        cts.Cancel();
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);

        Assert.Equal(bytes.Length, copy.Length);
    }

    [Fact]
    public async Task The_attempt_and_call_timeouts_do_not_cut_a_download_read_after_the_call_returned()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('y', 200_000));
        ReplyFile("/documents/d1/content", bytes, "application/octet-stream");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = _api.Client(o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.Timeout = TimeSpan.FromSeconds(2);
        });

        using var file = await client.Pipeline.SendStreamAsync(Download, new OperationRequest("/documents/d1/content"), null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5)); // every timer the call armed has fired by now
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);

        Assert.Equal(bytes.Length, copy.Length);
    }

    [Fact]
    public async Task A_download_answered_with_an_error_is_mapped_like_any_call()
    {
        _api.Reply(_api.Get("/documents/d9/content"), 404, "{\"title\":\"Not found\",\"type\":\"errors/resource_not_found\",\"status\":404}");
        using var client = _api.Client();

        var e = await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Pipeline.SendStreamAsync(Download, new OperationRequest("/documents/d9/content"), null, CancellationToken.None));

        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task A_download_is_retried_until_its_headers_arrive()
    {
        var path = "/documents/d1/content";
        _api.Server.Given(_api.Get(path)).InScenario("d").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json").WithBody("{\"status\":503}"));
        _api.Server.Given(_api.Get(path)).InScenario("d").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(new byte[] { 1, 2, 3 }));
        using var client = _api.Client();

        using var file = await client.Pipeline.SendStreamAsync(Download, new OperationRequest(path), null, CancellationToken.None);
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);

        Assert.Equal(new byte[] { 1, 2, 3 }, copy.ToArray());
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task A_multipart_upload_reaches_the_server_with_its_fields_and_files()
    {
        _api.Reply(_api.Post("/documents"), 201, "{\"id\":\"d1\"}");
        using var client = _api.Client();
        var content = RequestContent.Multipart()
            .Field("title", "Q3")
            .File("file", new PostPressFile(new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7")), "q3.pdf", "application/pdf"))
            .Files("attachments", new[] { new PostPressFile(new MemoryStream(new byte[] { 0x89, 0x50 }), "chart.png", "image/png") });

        var response = await client.Pipeline.SendNoContentAsync(Upload, new OperationRequest("/documents") { Content = content }, null, CancellationToken.None);

        Assert.Equal(201, response.StatusCode);
        var sent = Assert.Single(_api.Requests).RequestMessage;
        Assert.StartsWith("multipart/form-data; boundary=", sent.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        var body = sent.Body ?? Encoding.UTF8.GetString(sent.BodyAsBytes!);
        Assert.Contains("name=title", body, StringComparison.Ordinal);
        Assert.Contains("%PDF-1.7", body, StringComparison.Ordinal);
        Assert.Contains("filename=chart.png", body, StringComparison.Ordinal);
    }
}
