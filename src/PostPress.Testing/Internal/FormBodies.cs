using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PostPress.Testing.Internal;

/// <summary>
/// The fields of a <c>multipart/form-data</c> or <c>application/x-www-form-urlencoded</c> request body: text values by
/// name, and which names carried files (with their file names and sizes), for the sandbox's validation.
/// </summary>
internal sealed class FormBody
{
    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<(string? FileName, string? ContentType, long Length)>> Files { get; } = new(StringComparer.Ordinal);

    public bool Has(string name) => Fields.ContainsKey(name) || Files.ContainsKey(name);

    /// <summary>Parses a body of the given media type; null with a reason when it is malformed.</summary>
    public static async Task<(FormBody? Body, string? Error)> ParseAsync(string contentType, byte[] bytes, CancellationToken cancellationToken)
    {
        var form = new FormBody();
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            return (null, "The Content-Type is not a media type.");
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes)))
            {
                form.Fields[name] = [.. values.Select(v => v ?? string.Empty)];
            }

            return (form, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, "The multipart/form-data Content-Type has no boundary.");
        }

        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(bytes));
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, "A multipart part has no form-data Content-Disposition.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (!form.Files.TryGetValue(name, out var files))
                    {
                        form.Files[name] = files = [];
                    }

                    files.Add((fileName, section.ContentType, content.Length));
                }
                else
                {
                    if (!form.Fields.TryGetValue(name, out var values))
                    {
                        form.Fields[name] = values = [];
                    }

                    values.Add(Encoding.UTF8.GetString(content.ToArray()));
                }
            }
        }
        catch (IOException e)
        {
            return (null, "The multipart/form-data body is malformed: " + e.Message);
        }
        catch (InvalidDataException e)
        {
            return (null, "The multipart/form-data body is malformed: " + e.Message);
        }

        return (form, null);
    }
}
