namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// An AWS service spoken to in the JSON protocol: every call is <c>POST /</c> with an <c>X-Amz-Target</c> of
/// <see cref="TargetPrefix"/>.<c>Operation</c>, a body of <c>application/x-amz-json-</c><see cref="JsonVersion"/>, and a
/// SigV4 signature for <see cref="SigningName"/>.
/// </summary>
internal sealed record JsonService(string EndpointPrefix, string SigningName, string TargetPrefix, string JsonVersion, string IamPrefix)
{
    /// <summary>AWS Cloud Control API (API version 2021-09-30); its IAM actions use the <c>cloudformation:</c> prefix.</summary>
    public static JsonService CloudControl { get; } = new("cloudcontrolapi", "cloudcontrolapi", "CloudApiService", "1.0", "cloudformation");

    /// <summary>AWS Config (API version 2014-11-12).</summary>
    public static JsonService Config { get; } = new("config", "config", "StarlingDoveService", "1.1", "config");

    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <summary>The IAM action of an operation, as messages name it (<c>cloudformation:ListResources</c>).</summary>
    public string Action(string operation) => $"{IamPrefix}:{operation}";
}
