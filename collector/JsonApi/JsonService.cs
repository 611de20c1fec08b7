namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// An AWS service spoken to in JSON, signed with SigV4 for <see cref="SigningName"/>. With a
/// <see cref="TargetPrefix"/>, the JSON protocol: every call is <c>POST /</c> with an <c>X-Amz-Target</c> of
/// <see cref="TargetPrefix"/>.<c>Operation</c> and a body of <c>application/x-amz-json-</c><see cref="JsonVersion"/>.
/// Without one, REST-JSON: the operation is a method and a path, and the answer is JSON.
/// </summary>
internal sealed record JsonService(string EndpointPrefix, string SigningName, string? TargetPrefix, string JsonVersion, string IamPrefix)
{
    /// <summary>AWS Cloud Control API (API version 2021-09-30); its IAM actions use the <c>cloudformation:</c> prefix.</summary>
    public static JsonService CloudControl { get; } = new("cloudcontrolapi", "cloudcontrolapi", "CloudApiService", "1.0", "cloudformation");

    /// <summary>AWS Config (API version 2014-11-12).</summary>
    public static JsonService Config { get; } = new("config", "config", "StarlingDoveService", "1.1", "config");

    /// <summary>Amazon DynamoDB Accelerator (API version 2017-04-19).</summary>
    public static JsonService Dax { get; } = new("dax", "dax", "AmazonDAXV3", "1.1", "dax");

    /// <summary>Amazon FSx (API version 2018-03-01).</summary>
    public static JsonService Fsx { get; } = new("fsx", "fsx", "AWSSimbaAPIService_v20180301", "1.1", "fsx");

    /// <summary>AWS Glue (API version 2017-03-31).</summary>
    public static JsonService Glue { get; } = new("glue", "glue", "AWSGlue", "1.1", "glue");

    /// <summary>Amazon Data Lifecycle Manager (API version 2018-01-12), a REST-JSON service.</summary>
    public static JsonService Dlm { get; } = new("dlm", "dlm", null, "1.1", "dlm");

    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <summary>The IAM action of an operation, as messages name it (<c>cloudformation:ListResources</c>).</summary>
    public string Action(string operation) => $"{IamPrefix}:{operation}";
}
