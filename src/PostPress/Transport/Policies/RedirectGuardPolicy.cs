using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Refuses every 3xx (the SDK's own handler does not follow redirects, so the API key never reaches another address),
/// and notices when a caller-supplied <see cref="HttpClient"/> followed one to another origin on its own.
/// </summary>
internal sealed class RedirectGuardPolicy : PipelinePolicy
{
    /// <summary>When the rest of the path completed synchronously, the response is checked without a state machine.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        var pending = next.ProcessAsync(message);
        if (!pending.IsCompletedSuccessfully)
        {
            return CheckAsync(message, pending);
        }

        PipelineResult.End(pending);
        try
        {
            Check(message);
            return default;
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask CheckAsync(PipelineMessage message, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        Check(message);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        next.Process(message);
        Check(message);
    }
#endif

    /// <summary>Refuses a 3xx, or a redirect a caller's HttpClient followed to another origin (both paths).</summary>
    private static void Check(PipelineMessage message)
    {
        var response = message.RawResponse!;
        var status = (int)response.StatusCode;
        if (status >= 300 && status < 400 && status != 304)
        {
            var location = response.Headers.Location;
            Uri? target = null;
            if (location is not null)
            {
                target = location.IsAbsoluteUri ? location : new Uri(message.Uri, location);
                target = WithoutSecrets(target);
            }

            Discard(message);
            var sameOrigin = target is not null && SameOrigin(target, message.Uri);
            throw new PostPressRedirectException(
                message.Operation.SpanName + " was answered with " + status + " redirecting to " + (target?.ToString() ?? "(no Location)") + ". "
                + "The SDK does not follow redirects, so that the API key never reaches another address"
                + (sameOrigin ? string.Empty : " (this one is another origin)") + ". Check PostPressClientOptions.BaseUri.",
                status,
                target);
        }

        // The URI of the request that produced the response is the one sent unless a handler followed a redirect.
        if (response.RequestMessage?.RequestUri is { } final && !ReferenceEquals(final, message.Uri) && !SameOrigin(final, message.Uri))
        {
            var target = WithoutSecrets(final);
            Discard(message);
            throw new PostPressRedirectException(
                message.Operation.SpanName + " was redirected to another origin (" + target.GetLeftPart(UriPartial.Authority) + ") by the HttpClient given to "
                + "PostPressClient, which follows redirects on its own: the API key may have been sent there. Set AllowAutoRedirect = false on its handler.",
                0,
                target);
        }
    }

    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    private static Uri WithoutSecrets(Uri uri) =>
        new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty, UserName = string.Empty, Password = string.Empty }.Uri;

    private static void Discard(PipelineMessage message)
    {
        message.RawResponse!.Dispose();
        message.RawResponse = null;
    }
}
