using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// SigV4 checking for JSON-protocol requests, written from the AWS Signature Version 4 specification independently of
/// any AWS SDK: the canonical request, the string to sign and the derived signing key, against the replay secret.
/// </summary>
internal sealed partial class AwsReplayServer
{
    /// <summary>The secret of every replay access key (base and assumed-role session credentials alike).</summary>
    public const string Secret = "replay-secret";

    private static bool IsJsonProtocol(string service) => service is "kms" or "dynamodb" or "sqs" or "cloudcontrolapi" or "config" or "dax" or "fsx" or "glue" or "dlm";

    private static bool SignatureIsValid(HttpListenerRequest request, string body)
    {
        // AWS4-HMAC-SHA256 Credential=AKID/20261128/eu-west-1/config/aws4_request, SignedHeaders=a;b, Signature=hex
        var authorization = request.Headers["Authorization"] ?? string.Empty;
        var fields = authorization.Replace("AWS4-HMAC-SHA256 ", string.Empty, StringComparison.Ordinal)
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal)
            || !fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature) || request.Headers["X-Amz-Date"] is not { } amzDate)
        {
            return false;
        }

        var scope = credential.Split('/', 2)[1]; // date/region/service/aws4_request
        var parts = scope.Split('/');
        // A session token, when sent, must be signed along with the host.
        var signed = signedHeaders.Split(';');
        if (parts.Length != 4 || !amzDate.StartsWith(parts[0], StringComparison.Ordinal) || !signed.Contains("host")
            || (request.Headers["X-Amz-Security-Token"] is not null && !signed.Contains("x-amz-security-token")))
        {
            return false;
        }

        var canonical = new StringBuilder()
            .Append(request.HttpMethod).Append('\n')
            .Append(request.Url!.AbsolutePath).Append('\n')
            .Append(request.Url.Query.TrimStart('?')).Append('\n');
        foreach (var name in signed)
        {
            canonical.Append(name).Append(':').Append((request.Headers[name] ?? string.Empty).Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + Secret);
        foreach (var step in parts)
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
