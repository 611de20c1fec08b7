using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// Calls one JSON AWS service in one Region: a JSON-protocol operation (the input object written, <c>POST /</c> with
/// <c>X-Amz-Target</c>) or a REST-JSON <c>GET</c> of a path, signed with the AWS SDK's SigV4 signer and the run's
/// credentials, and retried on throttling and transient failures with backoff, each attempt limited to the call
/// timeout. Both go through one attempt, one retry policy and one error mapping. The answer comes back as a
/// <see cref="JsonDocument"/> for the caller to dispose; a failure as <see cref="JsonApiException"/> (with AWS's error
/// code), <see cref="MalformedResponseException"/> or <see cref="TimeoutException"/>.
/// </summary>
internal sealed class JsonApiClient(JsonService service, string region, Uri endpoint, AWSCredentials credentials, HttpClient http, TimeSpan timeout, int retries)
{
    /// <summary>Answers larger than this are refused, not buffered: a page of Cloud Control or Config answers is far smaller.</summary>
    internal const int MaxResponseBytes = 64 << 20;

    public JsonService Service => service;

    /// <summary>The service's endpoint in the Region (<c>https://config.eu-west-1.amazonaws.com/</c>), or the one given instead.</summary>
    public static Uri EndpointFor(JsonService service, string region, string? endpointUrl) =>
        endpointUrl is not null
            ? new Uri(endpointUrl)
            : new Uri($"https://{service.EndpointPrefix}.{region}.{RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix}/");

    /// <summary>One HTTP client for a whole collection: connections are pooled across services and Regions.</summary>
    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // each attempt has its own deadline
        };

    /// <summary>Calls the JSON-protocol <paramref name="operation"/> with the input object's members written by <paramref name="writeInput"/>.</summary>
    public Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> writeInput, CancellationToken cancellation)
    {
        var prefix = service.TargetPrefix ?? throw new InvalidOperationException($"{service.EndpointPrefix} is a REST-JSON service: it has no X-Amz-Target");
        return SendAsync(new Call(HttpMethod.Post, null, $"{prefix}.{operation}", Body(writeInput)), cancellation);
    }

    /// <summary>A REST-JSON <c>GET</c> of <paramref name="path"/> (<c>/policies</c>), under the endpoint's own path, with no query.</summary>
    public Task<JsonDocument> GetAsync(string path, CancellationToken cancellation) =>
        SendAsync(new Call(HttpMethod.Get, path, null, []), cancellation);

    private async Task<JsonDocument> SendAsync(Call call, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AttemptAsync(call, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < retries && RetryPolicy.IsRetryable(e) && !cancellation.IsCancellationRequested)
            {
                await Task.Delay(RetryPolicy.Backoff(attempt), cancellation).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonDocument> AttemptAsync(Call call, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            var identity = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var request = Signed(call, identity, DateTime.UtcNow);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var answer = await ReadAsync(response.Content, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Error(response, answer);
            }

            try
            {
                return JsonDocument.Parse(answer);
            }
            catch (JsonException e)
            {
                throw new MalformedResponseException("the answer is not JSON: " + e.Message, e);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s"));
        }
    }

    /// <summary>
    /// The request with its SigV4 signature: the canonical request (the method, the path, no query, the signed headers
    /// in order, the body's SHA-256) is built here; the string to sign, the signing key and the signature are the
    /// SDK's <see cref="AWS4Signer"/>. A call with a body signs its content type and target too.
    /// </summary>
    private HttpRequestMessage Signed(Call call, ImmutableCredentials identity, DateTime signedAt)
    {
        var uri = call.Path is null ? endpoint : new UriBuilder(endpoint) { Path = endpoint.AbsolutePath.TrimEnd('/') + call.Path }.Uri;
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}",
            ["x-amz-date"] = amzDate,
        };
        if (call.Target is not null)
        {
            headers["content-type"] = service.ContentType;
            headers["x-amz-target"] = call.Target;
        }

        if (identity.UseToken)
        {
            headers["x-amz-security-token"] = identity.Token;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder(call.Method.Method).Append('\n').Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath).Append("\n\n");
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(call.Body)));
        var signature = AWS4Signer.ComputeSignature(identity, region, signedAt, service.SigningName, signedHeaders, canonical.ToString());

        var request = new HttpRequestMessage(call.Method, uri);
        if (call.Target is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(service.ContentType);
            request.Headers.TryAddWithoutValidation("X-Amz-Target", call.Target);
        }

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (identity.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", identity.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        return request;
    }

    /// <summary>One request: its method, its path (null for the endpoint itself), its target (JSON protocol only) and body.</summary>
    private sealed record Call(HttpMethod Method, string? Path, string? Target, byte[] Body);

    private static byte[] Body(Action<Utf8JsonWriter> writeInput)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeInput(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContent content, CancellationToken cancellation)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            throw TooLarge();
        }

        var stream = await content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxResponseBytes)
                    {
                        throw TooLarge();
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }

    private static MalformedResponseException TooLarge() =>
        new(string.Create(CultureInfo.InvariantCulture, $"the answer is larger than {MaxResponseBytes >> 20} MB"));

    /// <summary>
    /// The error an answer carries: its code from <c>x-amzn-query-error</c>, else the body's <c>__type</c> (the part after
    /// <c>#</c> and before <c>:</c>), else <c>x-amzn-ErrorType</c>, else the HTTP status; its message from
    /// <c>message</c> or <c>Message</c>.
    /// </summary>
    private static JsonApiException Error(HttpResponseMessage response, ReadOnlyMemory<byte> answer)
    {
        var code = Header(response, "x-amzn-query-error") is { } queryError ? queryError.Split(';')[0] : null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code ??= Member(document.RootElement, "__type") is { } type ? CodeOf(type) : null;
                message = Member(document.RootElement, "message") ?? Member(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): the status and headers still tell what happened.
        }

        code ??= Header(response, "x-amzn-ErrorType") is { } errorType ? CodeOf(errorType) : "HTTP" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return new JsonApiException(message ?? response.ReasonPhrase ?? code, code, Header(response, "x-amzn-RequestId"), response.StatusCode);
    }

    private static string CodeOf(string type)
    {
        var start = type.IndexOf('#', StringComparison.Ordinal) + 1;
        var end = type.IndexOf(':', start);
        return end < 0 ? type[start..] : type[start..end];
    }

    private static string? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
