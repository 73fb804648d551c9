#if !POSTPRESS_NETSTANDARD_ASSET
using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using PostPress.Tests.Transport.Policies;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Sync;

/// <summary>Downloads and non-JSON bodies (what the generated code hands to the pipeline) on both paths.</summary>
public sealed class SyncContentTests : IDisposable
{
    private static readonly OperationInfo Download = new("downloadDocument", "GET", "/documents/{id}/content");
    private static readonly OperationInfo Upload = new("uploadDocument", "POST", "/documents");
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<CallMode> Modes => PolicyHarness.Modes;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_download_is_handed_over_unread_past_MaxResponseSize(CallMode mode)
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        _api.Server.Given(_api.Get("/documents/d1/content")).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/pdf").WithHeader("Content-Disposition", "attachment; filename=\"r.pdf\"").WithBody(bytes));
        using var client = _api.Client(o => o.MaxResponseSize = 64 * 1024);
        var request = new OperationRequest("/documents/d1/content") { Accept = "application/pdf" };

        using var file = await Both.Call(mode,
            () => client.Pipeline.SendStreamAsync(Download, request, null, CancellationToken.None),
            () => client.Pipeline.SendStream(Download, request, null, CancellationToken.None));
        using var copy = new MemoryStream();
        if (mode == CallMode.Sync)
        {
            file.Content.CopyTo(copy);
        }
        else
        {
            await file.Content.CopyToAsync(copy);
        }

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal("r.pdf", file.FileName);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_download_answered_with_an_error_is_mapped_like_any_call(CallMode mode)
    {
        _api.Reply(_api.Get("/documents/d9/content"), 404, "{\"title\":\"t\",\"type\":\"errors/resource_not_found\",\"status\":404}");
        using var client = _api.Client();
        var request = new OperationRequest("/documents/d9/content");

        await Assert.ThrowsAsync<NotFoundException>(() => Both.Call(mode,
            () => client.Pipeline.SendStreamAsync(Download, request, null, CancellationToken.None),
            () => client.Pipeline.SendStream(Download, request, null, CancellationToken.None)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_multipart_upload_reaches_the_server_with_its_fields_and_files(CallMode mode)
    {
        _api.Reply(_api.Post("/documents"), 201, "{\"id\":\"d1\"}");
        using var client = _api.Client();
        var content = RequestContent.Multipart()
            .Field("title", "Q3")
            .File("file", new PostPressFile(new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7")), "q3.pdf", "application/pdf"));
        var request = new OperationRequest("/documents") { Content = content };

        var response = await Both.Call(mode,
            () => client.Pipeline.SendNoContentAsync(Upload, request, null, CancellationToken.None),
            () => client.Pipeline.SendNoContent(Upload, request, null, CancellationToken.None));

        Assert.Equal(201, response.StatusCode);
        var sent = Assert.Single(_api.Requests).RequestMessage;
        var body = sent.Body ?? Encoding.UTF8.GetString(sent.BodyAsBytes!);
        Assert.Contains("name=title", body, StringComparison.Ordinal);
        Assert.Contains("%PDF-1.7", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_non_seekable_stream_body_is_sent_once_and_not_retried(CallMode mode)
    {
        _api.Reply(_api.Post("/documents"), 503, "{\"title\":\"t\",\"type\":\"errors/service_unavailable\",\"status\":503}");
        using var client = _api.Client(o => o.MaxRetries = 2);
        var request = new OperationRequest("/documents") { Content = RequestContent.Stream(new ForwardOnlyStream(Encoding.UTF8.GetBytes("raw-bytes")), "application/octet-stream") };

        await Assert.ThrowsAnyAsync<PostPressException>(() => Both.Call(mode,
            () => client.Pipeline.SendNoContentAsync(Upload, request, null, CancellationToken.None),
            () => client.Pipeline.SendNoContent(Upload, request, null, CancellationToken.None)));

        var sent = Assert.Single(_api.Requests).RequestMessage;
        Assert.Equal("raw-bytes", sent.Body ?? Encoding.UTF8.GetString(sent.BodyAsBytes!));
    }

    private sealed class ForwardOnlyStream : MemoryStream
    {
        public ForwardOnlyStream(byte[] bytes)
            : base(bytes)
        {
        }

        public override bool CanSeek => false;
    }
}
#endif
