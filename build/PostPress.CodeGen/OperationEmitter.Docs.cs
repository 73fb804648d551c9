using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PostPress.CodeGen;

/// <summary>The operations pass, XML docs of the generated methods (summary, parameters, returns, exceptions, paging).</summary>
internal static partial class OperationEmitter
{
    private static void Docs(CodeWriter w, OperationModel op, bool withResponse, bool perCall, bool sync = false)
    {
        var summary = op.Summary ?? op.OperationId;
        w.Summary(summary + " (" + op.HttpMethod + " " + op.Path + ")" + (withResponse ? ", with the response's status, headers and request id." : ".") + (sync ? " Synchronous." : string.Empty));
        var remarks = new List<string>();
        if (sync)
        {
            remarks.Add(Naming.XmlEscape($"The synchronous twin of {op.MethodName}{(withResponse ? "WithResponse" : string.Empty)}Async (net8.0 and later): the same validation, retries, timeouts, errors and telemetry, the I/O done on the calling thread (HttpClient.Send), never by waiting on a task."));
        }

        if (op.Description is not null)
        {
            remarks.AddRange(Naming.DocLines(op.Description));
        }

        if (op.BodyKind is "multipart" or "form")
        {
            remarks.Add(Naming.XmlEscape($"The body is sent as {op.BodyMediaType}: the fields are the arguments so marked" + (op.BodyDescription is null ? "." : " (" + op.BodyDescription + ").")));
        }

        if (op.OtherBodyMediaTypes.Count > 0)
        {
            remarks.Add(Naming.XmlEscape($"The body is sent as {(op.BodyKind == "json" ? "application/json" : op.BodyMediaType)}; the API also accepts {string.Join(", ", op.OtherBodyMediaTypes)}, which this method does not send."));
        }

        if (remarks.Count > 0)
        {
            w.Line("/// <remarks>");
            foreach (var line in remarks)
            {
                w.Line("/// " + line);
            }

            w.Line("/// </remarks>");
        }

        foreach (var p in op.Parameters.Where(p => op.OptionsClass is null || p.Required || p.In == "path"))
        {
            w.Param(p.Name.TrimStart('@'), (p.Description ?? DefaultDescription(op, p)) + (p.Required ? string.Empty : " Optional.") + (p.Deprecated is null ? string.Empty : " Deprecated: " + p.Deprecated));
        }

        if (op.BodyType is not null)
        {
            w.Param(op.BodyName, (op.BodyDescription ?? "The request body.") + op.BodyKind switch
            {
                "binary" => " Sent as " + op.BodyMediaType + ", read from the stream's current position (the SDK does not dispose it; a non-seekable stream is sent once, without retries).",
                "text" => " Sent as " + op.BodyMediaType + " (UTF-8).",
                _ => string.Empty,
            });
        }

        if (op.OptionsClass is not null)
        {
            w.Param("options", "The optional parameters, or null.");
        }

        if (perCall)
        {
            w.Param("requestOptions", "This call's own headers, timeouts, retry count or API key (the client's for whatever is not set), or null.");
        }

        w.Param("cancellationToken", "Cancels the call.");
        var returns = op.ResponseDescription ?? "The response.";
        if (op.StreamsResponse)
        {
            w.Line("/// <returns>" + Naming.XmlEscape(returns) + " The body (" + Naming.XmlEscape(op.ResponseMediaType!) + ") is streamed, unread: read <see cref=\"PostPressFileResponse.Content\"/> and dispose the result. Retries and the attempt timeout apply until the headers arrive, not to reading the body.</returns>");
        }
        else
        {
            w.Line("/// <returns>" + Naming.XmlEscape(withResponse ? "The value and the HTTP response: " + returns : returns) + "</returns>");
        }

        w.Line("/// <exception cref=\"global::System.ArgumentException\">An argument" + (perCall ? " or a request option" : string.Empty) + " breaks the documented constraints (nothing was sent).</exception>");
        w.Line("/// <exception cref=\"PostPressApiException\">The API answered with an error status (a typed subclass per status).</exception>");
        w.Line("/// <exception cref=\"PostPressException\">The call failed otherwise (connection, timeout, unreadable response).</exception>");
    }

    private static void PagingDocs(CodeWriter w, OperationModel op, PagingModel paging, bool perCall, bool sync = false)
    {
        w.Summary(sync
            ? $"Lists every item of {op.Summary ?? op.OperationId} ({op.HttpMethod} {op.Path}) synchronously, following the {paging.CursorParameter} lazily: one page in memory at a time, each fetched on the calling thread. Iterate with foreach, or call AsPages for pages and cursors."
            : $"Lists every item of {op.Summary ?? op.OperationId} ({op.HttpMethod} {op.Path}), following the {paging.CursorParameter} lazily: one page in memory at a time. Iterate with await foreach, or call AsPages for pages and cursors.");
        foreach (var p in op.Parameters.Where(p => p.WireName != paging.CursorParameter && (op.OptionsClass is null || p.Required || p.In == "path")))
        {
            var name = p.WireName == paging.LimitParameter ? "pageSize" : p.Name.TrimStart('@');
            w.Param(name, (p.WireName == paging.LimitParameter ? "The page size. " : string.Empty) + (p.Description ?? $"The {p.WireName} {p.In} parameter.") + (p.Required ? string.Empty : " Optional.") + (p.Deprecated is null ? string.Empty : " Deprecated: " + p.Deprecated));
        }

        if (op.BodyType is not null)
        {
            w.Param(op.BodyName, op.BodyDescription ?? "The request body.");
        }

        if (op.OptionsClass is not null)
        {
            w.Param("options", "The optional parameters, or null.");
        }

        if (perCall)
        {
            w.Param("requestOptions", "The headers, timeouts, retry count or API key of every page's call (the client's for whatever is not set), or null.");
        }

        w.Param("cancellationToken", sync ? "Cancels the listing (every page's call carries it)." : "Cancels the listing; combined with any token given to WithCancellation when enumerating.");
        w.Line("/// <returns>The items, in server order.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">An argument breaks the documented constraints (nothing was sent).</exception>");
    }
}
