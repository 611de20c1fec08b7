using System.Net;
using System.Runtime.CompilerServices;
using System.Xml;
using Amazon.Runtime;

namespace Sec08Policy.Collector;

/// <summary>
/// The S3 SDK returns any HTTP 404 to <c>GetBucketEncryption</c> as an empty, successful reply, whatever its error
/// code: <c>ServerSideEncryptionConfigurationNotFoundError</c> (no default encryption configured, so SSE-S3) as well as
/// <c>NoSuchBucket</c> (the bucket was deleted meanwhile) or anything else. This HTTP handler, put under the S3 client,
/// reads the code of such a reply's body for the call that awaits it (<see cref="Expect"/>), then hands the body on.
/// </summary>
internal sealed class S3NotFoundCodes : DelegatingHandler
{
    private static readonly AsyncLocal<StrongBox<string?>?> s_current = new();

    /// <summary>
    /// Makes the next 404 answered in this asynchronous flow leave its error code in the box returned; the flow's own
    /// calls only, so calls about other buckets running at the same time do not mix.
    /// </summary>
    public static StrongBox<string?> Expect()
    {
        var box = new StrongBox<string?>();
        s_current.Value = box;
        return box;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound || s_current.Value is not { } box)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        box.Value = Code(body);
        var again = new ByteArrayContent(body);
        foreach (var (name, values) in response.Content.Headers)
        {
            again.Headers.TryAddWithoutValidation(name, values);
        }

        response.Content = again;
        return response;
    }

    /// <summary>The <c>Code</c> of an S3 error document; empty when the body is none.</summary>
    private static string Code(byte[] body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "Code")
                {
                    return reader.ReadElementContentAsString();
                }
            }
        }
        catch (XmlException)
        {
            // Not an S3 error document.
        }

        return string.Empty;
    }

    /// <summary>Builds the S3 client's HTTP clients over this handler, with the run's per-attempt timeout.</summary>
    internal sealed class Factory(TimeSpan timeout) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new S3NotFoundCodes { InnerHandler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All } }) { Timeout = timeout };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
