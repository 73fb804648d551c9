using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>Builds the <see cref="BufferedResponse"/> the error mapper receives, from raw bytes, without a server.</summary>
internal static class ErrorResponses
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The typed exception each status maps to (README, Errors); any other status is the base type.</summary>
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

    public static readonly int[] Statuses = { 400, 401, 403, 404, 409, 418, 422, 429, 500, 501, 502, 503, 504, 599 };

    public static Type TypeFor(int status) => ExpectedType.TryGetValue(status, out var type) ? type : typeof(PostPressApiException);

    public static Task<BufferedResponse> BufferAsync(int status, string body, params (string Name, string Value)[] headers) =>
        BufferAsync(status, Encoding.UTF8.GetBytes(body), headers);

    public static async Task<BufferedResponse> BufferAsync(int status, byte[] body, params (string Name, string Value)[] headers)
    {
        var message = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            Assert.True(message.Headers.TryAddWithoutValidation(name, value), name);
        }

        return await BufferedResponse.ReadAsync(message, 64L * 1024 * 1024, CancellationToken.None);
    }

    /// <summary>Maps <paramref name="body"/> on <paramref name="status"/>, as the pipeline does.</summary>
    public static async Task<PostPressApiException> MapAsync(int status, byte[] body, string? apiKey = null, params (string Name, string Value)[] headers)
    {
        using var response = await BufferAsync(status, body, headers);
        return ErrorMapper.Create(response, Now, apiKey);
    }
}
