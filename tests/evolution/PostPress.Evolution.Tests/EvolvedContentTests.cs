using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PostPress.Testing;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// The non-JSON operations added to the spec copy (tests/evolution/paths.yaml), called through the generated public API
/// against the sandbox (which serves the same copy): a multipart upload with two files and a field, a download, header
/// parameters, a form POST and a 204 DELETE.
/// </summary>
public sealed class EvolvedContentTests : IAsyncLifetime
{
    private PostPressSandbox _sandbox = null!;
    private PostPressClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await PostPressSandbox.StartAsync();
        _client = _sandbox.CreateClient(o => o.MaxRetries = 0);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Upload_sends_a_field_and_two_files_as_multipart()
    {
        using var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7 q3"));
        using var chart = new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        DocumentInfo info = await _client.Documents.UploadDocumentAsync(
            "Q3 report",
            new PostPressFile(pdf, "q3.pdf"),
            attachments: new[] { new PostPressFile(chart, "chart.png", "image/png") });

        Assert.False(string.IsNullOrEmpty(info.Id));
        var request = _sandbox.Requests.Single(r => r.OperationId == "uploadDocument");
        Assert.Equal(201, request.ResponseStatus);
        Assert.StartsWith("multipart/form-data", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("Q3 report", request.Body, StringComparison.Ordinal);
        Assert.Contains("%PDF-1.7 q3", request.Body, StringComparison.Ordinal);
        Assert.Contains("filename=q3.pdf", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/pdf", request.Body, StringComparison.Ordinal); // encoding.contentType
        Assert.Contains("filename=chart.png", request.Body, StringComparison.Ordinal);
        Assert.True(pdf.CanRead); // the caller's stream stays open
    }

    [Fact]
    public async Task Upload_rejects_bad_arguments_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.Documents.UploadDocumentAsync("t", null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.Documents.UploadDocumentAsync("", new PostPressFile(new MemoryStream(), "a.pdf")));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.Documents.UploadDocumentAsync("t", new PostPressFile(new MemoryStream(), "a.pdf"),
            attachments: Enumerable.Range(0, 6).Select(i => new PostPressFile(new MemoryStream(), i + ".png")).ToList()));
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task Download_streams_the_file_with_its_type_and_name()
    {
        await using var file = await _client.Documents.DownloadDocumentAsync("doc_1");
        using var reader = new StreamReader(file.Content);
        var text = await reader.ReadToEndAsync();

        Assert.Equal(200, file.StatusCode);
        Assert.Equal("application/octet-stream", file.ContentType);
        Assert.Equal("downloadDocument.bin", file.FileName);
        Assert.Contains("downloadDocument", text, StringComparison.Ordinal);
        Assert.Equal("application/octet-stream", _sandbox.Requests.Single().Headers["Accept"]);
    }

    [Fact]
    public async Task Header_parameters_are_sent_and_validated()
    {
        DocumentInfo info = await _client.Documents.GetDocumentAsync("doc_1", "trace-42", xIncludePages: true);

        Assert.NotNull(info.Id);
        var request = _sandbox.Requests.Single();
        Assert.Equal(200, request.ResponseStatus);
        Assert.Equal("trace-42", request.Headers["X-Trace-Id"]);
        Assert.Equal("true", request.Headers["X-Include-Pages"]);

        _sandbox.ClearRequests();
        await _client.Documents.GetDocumentAsync("doc_1", "trace-43");
        Assert.False(_sandbox.Requests.Single().Headers.ContainsKey("X-Include-Pages"));

        _sandbox.ClearRequests();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _client.Documents.GetDocumentAsync("doc_1", "a\r\nX-Evil: 1"));
        Assert.Equal("xTraceId", e.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => _client.Documents.GetDocumentAsync("doc_1", new string('x', 65)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.Documents.GetDocumentAsync("doc_1", null!));
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task Form_post_sends_its_fields_url_encoded()
    {
        PostPressResponse response = await _client.Documents.ShareDocumentAsync("doc_1", "ada+docs@example.test", expiresInDays: 7);

        Assert.Equal(202, response.StatusCode);
        var request = _sandbox.Requests.Single();
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("email=ada%2Bdocs%40example.test&expires_in_days=7", request.Body);

        _sandbox.ClearRequests();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.Documents.ShareDocumentAsync("doc_1", "ada@example.test", expiresInDays: 31));
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task Delete_returns_the_204_response()
    {
        PostPressResponse response = await _client.Documents.DeleteDocumentAsync("doc_1");

        Assert.Equal(204, response.StatusCode);
        Assert.NotNull(response.RequestId);
        Assert.Equal("DELETE", _sandbox.Requests.Single().Method);
    }
}
