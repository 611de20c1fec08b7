using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// A loopback HTTP server that answers the real AWS SDK clients, and sec08's own JSON-protocol clients, with
/// wire-format responses written from the AWS API references: S3 REST-XML, KMS JSON 1.1, EC2 query XML, DynamoDB JSON
/// 1.0, SQS JSON 1.0, STS query XML, Cloud Control JSON 1.0, Config, DAX, FSx and Glue JSON 1.1, and DLM REST-JSON. Accounts are told apart by the access
/// key in the signature, Regions by its credential scope; JSON-protocol requests must carry a valid SigV4 signature.
/// It can throttle, deny an operation, return a malformed body, fail or hang for a Region. Used only by replay tests;
/// it listens on 127.0.0.1 alone.
/// </summary>
internal sealed partial class AwsReplayServer : IDisposable
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _throttles = new();

    public AwsReplayServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public string Endpoint { get; }

    /// <summary>Accounts by the access key that signs for them.</summary>
    public Dictionary<string, ReplayAccount> Accounts { get; } = [];

    /// <summary>Roles that may be assumed, and the access key of the session each gives.</summary>
    public Dictionary<string, string> Roles { get; } = [];

    /// <summary>Every request received, as it came: method, path, target, content type, and the signature's service and Region.</summary>
    public ConcurrentQueue<ReplayRequest> Requests { get; } = [];

    /// <summary>Requests answered so far, as "service:Operation region".</summary>
    public ConcurrentQueue<string> Log { get; } = [];

    /// <summary>Regions where every request hangs past any sensible client timeout.</summary>
    public HashSet<string> HangingRegions { get; } = [];

    /// <summary>Regions where every request answers HTTP 503, as during an outage.</summary>
    public HashSet<string> FailingRegions { get; } = [];

    /// <summary>How many KMS ListKeys calls to answer with ThrottlingException before answering normally.</summary>
    public int ThrottleListKeys { set => Throttle("kms:ListKeys", value); }

    /// <summary>Answers the next <paramref name="times"/> calls of an operation ("service:Operation") with ThrottlingException.</summary>
    public void Throttle(string operation, int times) => _throttles[operation] = times;

    /// <summary>Page size for KMS ListKeys, S3 ListBuckets and EC2 DescribeVolumes, to force several pages.</summary>
    public int PageSize { get; set; } = 2;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept.
        }

        _stop.Dispose();
    }

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var (accessKey, region, service) = Signature(request.Headers["Authorization"] ?? string.Empty);
        var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync().ConfigureAwait(false);
        Requests.Enqueue(new ReplayRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Headers["X-Amz-Target"], request.ContentType, service, region));
        (int Status, string Type, string Body) reply;
        try
        {
            if (HangingRegions.Contains(region))
            {
                await Task.Delay(TimeSpan.FromSeconds(20), _stop.Token).ConfigureAwait(false);
            }

            var account = Accounts.GetValueOrDefault(accessKey);
            reply = account is null
                ? Json(400, "UnrecognizedClientException", "The security token included in the request is invalid.")
                : FailingRegions.Contains(region)
                    ? Unavailable(service)
                    : IsJsonProtocol(service) && !SignatureIsValid(request, body)
                        ? Json(400, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")
                        : service switch
                {
                    "s3" => S3(account, region, request),
                    "kms" => Kms(account, region, request.Headers["X-Amz-Target"] ?? string.Empty, JsonNode.Parse(body)),
                    "dynamodb" => DynamoDb(account, region, request.Headers["X-Amz-Target"] ?? string.Empty, JsonNode.Parse(body)),
                    "sqs" => Sqs(account, region, request.Headers["X-Amz-Target"] ?? string.Empty, JsonNode.Parse(body)),
                    "ec2" => Ec2(account, region, HttpUtility.ParseQueryString(body)),
                    "sts" => Sts(account, HttpUtility.ParseQueryString(body)),
                    "cloudcontrolapi" => CloudControl(account, region, request, JsonNode.Parse(body)),
                    "config" => Config(account, region, request, JsonNode.Parse(body)),
                    "dax" => Dax(account, region, request, JsonNode.Parse(body)),
                    "fsx" => Fsx(account, region, request, JsonNode.Parse(body)),
                    "glue" => Glue(account, region, request, JsonNode.Parse(body)),
                    "dlm" => Dlm(account, region, request),
                    _ => Json(400, "UnknownOperationException", $"no replay for service `{service}`"),
                };
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (service == "dlm" && reply.Status >= 400)
        {
            // REST-JSON errors carry their code in a header, not in the body.
            var error = JsonNode.Parse(reply.Body)!;
            context.Response.Headers["x-amzn-ErrorType"] = error["__type"]!.GetValue<string>() + ":http://internal.amazon.com/coral/com.amazonaws.dlm/";
            reply = (reply.Status, "application/json", new JsonObject { ["message"] = error["message"]!.GetValue<string>() }.ToJsonString());
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.Type;
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            context.Response.Headers["x-amz-request-id"] = "REPLAY";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout test); nothing to answer.
        }
    }

    /// <summary>AWS4-HMAC-SHA256 Credential=AKID/20261128/eu-west-1/kms/aws4_request, ...</summary>
    private static (string AccessKey, string Region, string Service) Signature(string authorization)
    {
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return (string.Empty, string.Empty, string.Empty);
        }

        var scope = authorization[(start + 11)..].Split(',')[0].Split('/');
        return scope.Length >= 4 ? (scope[0], scope[2], scope[3]) : (string.Empty, string.Empty, string.Empty);
    }

    private (int, string, string) Kms(ReplayAccount account, string region, string target, JsonNode? body)
    {
        var operation = target.Split('.').Last();
        Log.Enqueue($"kms:{operation} {region}");
        if (Refused(account, $"kms:{operation}") is { } refused)
        {
            return refused;
        }

        // Filtered per request only where a listing needs it, so a single-key call costs no copy of the account.
        var keys = new Lazy<List<ReplayKey>>(() => account.Keys.FindAll(k => k.Region == region));
        string Arn(string id) => $"arn:aws:kms:{region}:{account.Id}:key/{id}";
        ReplayKey? Key()
        {
            var id = body?["KeyId"]?.GetValue<string>();
            return account.Keys.Find(k => k.Region == region && k.KeyId == id);
        }
        switch (operation)
        {
            case "ListKeys":
                var start = int.TryParse(body?["Marker"]?.GetValue<string>(), out var m) ? m : 0;
                var page = keys.Value.Skip(start).Take(PageSize).ToList();
                var more = start + page.Count < keys.Value.Count;
                var result = new JsonObject
                {
                    ["Keys"] = new JsonArray([.. page.Select(k => (JsonNode)new JsonObject { ["KeyId"] = k.KeyId, ["KeyArn"] = Arn(k.KeyId) })]),
                    ["Truncated"] = more,
                };
                if (more)
                {
                    result["NextMarker"] = (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Json(result);
            case "ListAliases":
                return Json(new JsonObject
                {
                    ["Aliases"] = new JsonArray([.. keys.Value.SelectMany(k => k.Aliases.Select(a => (JsonNode)new JsonObject
                    {
                        ["AliasName"] = a,
                        ["AliasArn"] = $"arn:aws:kms:{region}:{account.Id}:{a}",
                        ["TargetKeyId"] = k.KeyId,
                    }))]),
                    ["Truncated"] = false,
                });
            case "DescribeKey" when Key() is { } key:
                return Json(new JsonObject
                {
                    ["KeyMetadata"] = new JsonObject
                    {
                        ["AWSAccountId"] = account.Id,
                        ["KeyId"] = key.KeyId,
                        ["Arn"] = Arn(key.KeyId),
                        ["CreationDate"] = 1.7E9,
                        ["Enabled"] = true,
                        ["KeyUsage"] = "ENCRYPT_DECRYPT",
                        ["KeyState"] = "Enabled",
                        ["Origin"] = "AWS_KMS",
                        ["KeyManager"] = key.Manager,
                        ["KeySpec"] = "SYMMETRIC_DEFAULT",
                        ["MultiRegion"] = false,
                    },
                });
            case "GetKeyRotationStatus" when Key() is { } key:
                return Json(new JsonObject { ["KeyRotationEnabled"] = key.Rotation, ["KeyId"] = key.KeyId, ["RotationPeriodInDays"] = key.Period });
            case "GetKeyPolicy" when Key() is { } key:
                return Json(new JsonObject
                {
                    ["Policy"] = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Sid\":\"EnableIamPolicies\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{account.Id}:root\"}},\"Action\":\"kms:*\",\"Resource\":\"*\"}}]}}",
                    ["PolicyName"] = "default",
                });
            case "ListResourceTags" when Key() is { } key:
                return Json(new JsonObject
                {
                    ["Tags"] = new JsonArray([.. key.Tags.Select(t => (JsonNode)new JsonObject { ["TagKey"] = t.Key, ["TagValue"] = t.Value })]),
                    ["Truncated"] = false,
                });
            default:
                return Json(400, "NotFoundException", $"key not found for {operation}");
        }
    }

    private (int, string, string) S3(ReplayAccount account, string region, HttpListenerRequest request)
    {
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath).Trim('/');
        var query = request.QueryString;
        if (path.Length == 0)
        {
            Log.Enqueue($"s3:ListBuckets {region}");
            if (Refused(account, "s3:ListBuckets") is not null)
            {
                return S3Error(403, "AccessDenied", "Access Denied");
            }

            var start = int.TryParse(query["continuation-token"], out var token) ? token : 0;
            var page = account.Buckets.Skip(start).Take(PageSize).ToList();
            var result = new XElement(XName.Get("ListAllMyBucketsResult", S3Namespace),
                new XElement(XName.Get("Owner", S3Namespace), new XElement(XName.Get("ID", S3Namespace), "owner")),
                new XElement(XName.Get("Buckets", S3Namespace), page.Select(b => new XElement(XName.Get("Bucket", S3Namespace),
                    new XElement(XName.Get("Name", S3Namespace), b.Name),
                    new XElement(XName.Get("CreationDate", S3Namespace), "2024-05-01T00:00:00.000Z")))));
            if (start + page.Count < account.Buckets.Count)
            {
                result.Add(new XElement(XName.Get("ContinuationToken", S3Namespace), (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return Xml(200, result);
        }

        var bucket = account.Buckets.FirstOrDefault(b => b.Name == path);
        if (bucket is null)
        {
            return S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
        }

        var keys = query.AllKeys.Concat(query.GetValues(null) ?? []).Where(k => k is not null).ToHashSet();
        if (keys.Contains("location"))
        {
            Log.Enqueue($"s3:GetBucketLocation {region}");
            return Xml(200, new XElement(XName.Get("LocationConstraint", S3Namespace), bucket.Region == "us-east-1" ? string.Empty : bucket.Region));
        }

        if (keys.Contains("encryption"))
        {
            Log.Enqueue($"s3:GetBucketEncryption {region}");
            if (bucket.DenyEncryption)
            {
                return S3Error(403, "AccessDenied", "Access Denied");
            }

            if (bucket.Gone)
            {
                return S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
            }

            if (bucket.Algorithm is null)
            {
                return S3Error(404, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found");
            }

            var byDefault = new XElement(XName.Get("ApplyServerSideEncryptionByDefault", S3Namespace), new XElement(XName.Get("SSEAlgorithm", S3Namespace), bucket.Algorithm));
            if (bucket.KeyId is not null)
            {
                byDefault.Add(new XElement(XName.Get("KMSMasterKeyID", S3Namespace), bucket.KeyId));
            }

            return Xml(200, new XElement(XName.Get("ServerSideEncryptionConfiguration", S3Namespace),
                new XElement(XName.Get("Rule", S3Namespace), byDefault, new XElement(XName.Get("BucketKeyEnabled", S3Namespace), "true"))));
        }

        if (keys.Contains("tagging"))
        {
            Log.Enqueue($"s3:GetBucketTagging {region}");
            return bucket.Tags.Count == 0
                ? S3Error(404, "NoSuchTagSet", "The TagSet does not exist")
                : Xml(200, new XElement(XName.Get("Tagging", S3Namespace), new XElement(XName.Get("TagSet", S3Namespace),
                    bucket.Tags.Select(t => new XElement(XName.Get("Tag", S3Namespace), new XElement(XName.Get("Key", S3Namespace), t.Key), new XElement(XName.Get("Value", S3Namespace), t.Value))))));
        }

        return S3Error(400, "InvalidRequest", "no replay for this S3 request");
    }

    private (int, string, string) Ec2(ReplayAccount account, string region, System.Collections.Specialized.NameValueCollection form)
    {
        var action = form["Action"] ?? string.Empty;
        Log.Enqueue($"ec2:{action} {region}");
        if (Refused(account, $"ec2:{action}") is not null)
        {
            return Xml(403, new XElement("Response", new XElement("Errors", new XElement("Error",
                new XElement("Code", "UnauthorizedOperation"),
                new XElement("Message", $"You are not authorized to perform this operation. User: arn:aws:iam::{account.Id}:user/collector is not authorized to perform: ec2:{action} because no identity-based policy allows the ec2:{action} action"))),
                new XElement("RequestID", Guid.NewGuid().ToString())));
        }

        XElement Response(params object[] content) =>
            new(XName.Get(action + "Response", Ec2Namespace), new XElement(XName.Get("requestId", Ec2Namespace), Guid.NewGuid().ToString()), content);
        XElement E(string name, object? value) => new(XName.Get(name, Ec2Namespace), value);
        XElement Tags(Dictionary<string, string> tags) => E("tagSet", tags.Select(t => E("item", new object[] { E("key", t.Key), E("value", t.Value) })));
        switch (action)
        {
            case "GetEbsEncryptionByDefault":
                return Xml(200, Response(E("ebsEncryptionByDefault", account.EbsEncryptionByDefault ? "true" : "false")));
            case "DescribeVolumes":
                {
                    var volumes = account.Volumes.Where(v => v.Region == region).ToList();
                    var start = int.TryParse(form["NextToken"], out var t) ? t : 0;
                    var page = volumes.Skip(start).Take(PageSize).ToList();
                    var response = Response(E("volumeSet", page.Select(v => E("item", new object?[]
                    {
                        E("volumeId", v.VolumeId), E("size", "8"), E("availabilityZone", region + "a"), E("status", "available"),
                        E("createTime", "2024-05-01T00:00:00.000Z"), E("encrypted", v.Encrypted ? "true" : "false"),
                        v.KeyId is null ? null : E("kmsKeyId", v.KeyId), Tags(v.Tags), E("volumeType", "gp3"),
                    }))));
                    if (start + page.Count < volumes.Count)
                    {
                        response.Add(E("nextToken", (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    return Xml(200, response);
                }

            case "DescribeSnapshots":
                return Xml(200, Response(E("snapshotSet", null)));
            case "DescribeRegions":
                return Xml(200, Response(E("regionInfo", account.Keys.Select(k => k.Region).Concat(account.Volumes.Select(v => v.Region)).Distinct().Order(StringComparer.Ordinal)
                    .Select(r => E("item", new object[] { E("regionName", r), E("regionEndpoint", $"ec2.{r}.amazonaws.com"), E("optInStatus", "opt-in-not-required") })))));
            default:
                return Xml(400, new XElement("Response", new XElement("Errors", new XElement("Error", new XElement("Code", "InvalidAction"), new XElement("Message", $"no replay for {action}"))), new XElement("RequestID", "r")));
        }
    }

    private (int, string, string) DynamoDb(ReplayAccount account, string region, string target, JsonNode? body)
    {
        var operation = target.Split('.').Last();
        Log.Enqueue($"dynamodb:{operation} {region}");
        if (Refused(account, $"dynamodb:{operation}", "1.0") is { } refused)
        {
            return refused;
        }

        var tables = account.Tables.Where(t => t.Region == region).ToList();
        switch (operation)
        {
            case "ListTables":
                return Json(new JsonObject { ["TableNames"] = new JsonArray([.. tables.Select(t => (JsonNode)JsonValue.Create(t.Name))]) }, "1.0");
            case "DescribeTable":
                {
                    var table = tables.First(t => t.Name == body!["TableName"]!.GetValue<string>());
                    if (table.Malformed)
                    {
                        return (200, "application/x-amz-json-1.0", "{\"Table\": {\"TableName\": \"" + table.Name + "\", \"TableStatus\": ");
                    }

                    var description = new JsonObject
                    {
                        ["TableName"] = table.Name,
                        ["TableArn"] = $"arn:aws:dynamodb:{region}:{account.Id}:table/{table.Name}",
                        ["TableStatus"] = "ACTIVE",
                    };
                    if (table.KmsKeyArn is not null)
                    {
                        description["SSEDescription"] = new JsonObject { ["Status"] = "ENABLED", ["SSEType"] = "KMS", ["KMSMasterKeyArn"] = table.KmsKeyArn };
                    }

                    return Json(new JsonObject { ["Table"] = description }, "1.0");
                }

            case "ListTagsOfResource":
                {
                    var arn = body!["ResourceArn"]!.GetValue<string>();
                    var table = tables.First(t => arn.EndsWith("/" + t.Name, StringComparison.Ordinal));
                    return Json(new JsonObject { ["Tags"] = new JsonArray([.. table.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]) }, "1.0");
                }

            default:
                return Json(400, "UnknownOperationException", operation, "1.0");
        }
    }

    private (int, string, string) Sqs(ReplayAccount account, string region, string target, JsonNode? body)
    {
        var operation = target.Split('.').Last();
        Log.Enqueue($"sqs:{operation} {region}");
        if (Refused(account, $"sqs:{operation}", "1.0") is { } refused)
        {
            return refused;
        }

        var queues = account.Queues.Where(q => q.Region == region).ToList();
        ReplayQueue Queue() => queues.First(q => body!["QueueUrl"]!.GetValue<string>().EndsWith("/" + q.Name, StringComparison.Ordinal));
        switch (operation)
        {
            case "ListQueues":
                return Json(new JsonObject { ["QueueUrls"] = new JsonArray([.. queues.Select(q => (JsonNode)JsonValue.Create($"{Endpoint}{account.Id}/{q.Name}"))]) }, "1.0");
            case "GetQueueAttributes":
                {
                    var queue = Queue();
                    var attributes = new JsonObject { ["QueueArn"] = $"arn:aws:sqs:{region}:{account.Id}:{queue.Name}", ["SqsManagedSseEnabled"] = queue.SqsManaged ? "true" : "false" };
                    if (queue.KmsKeyId is not null)
                    {
                        attributes["KmsMasterKeyId"] = queue.KmsKeyId;
                    }

                    return Json(new JsonObject { ["Attributes"] = attributes }, "1.0");
                }

            case "ListQueueTags":
                {
                    var tags = new JsonObject();
                    foreach (var (key, value) in Queue().Tags)
                    {
                        tags[key] = value;
                    }

                    return Json(new JsonObject { ["Tags"] = tags }, "1.0");
                }

            default:
                return Json(400, "UnsupportedOperation", operation, "1.0");
        }
    }

    private (int, string, string) Sts(ReplayAccount account, System.Collections.Specialized.NameValueCollection form)
    {
        var action = form["Action"] ?? string.Empty;
        Log.Enqueue($"sts:{action}");
        XElement E(string name, object? value) => new(XName.Get(name, StsNamespace), value);
        switch (action)
        {
            case "GetCallerIdentity":
                return Xml(200, E("GetCallerIdentityResponse", new object[]
                {
                    E("GetCallerIdentityResult", new object[] { E("Arn", $"arn:aws:iam::{account.Id}:user/collector"), E("UserId", "AIDAREPLAY"), E("Account", account.Id) }),
                    E("ResponseMetadata", E("RequestId", Guid.NewGuid().ToString())),
                }));
            case "AssumeRole" when Roles.TryGetValue(form["RoleArn"] ?? string.Empty, out var sessionKey):
                return Xml(200, E("AssumeRoleResponse", new object[]
                {
                    E("AssumeRoleResult", new object[]
                    {
                        E("Credentials", new object[] { E("AccessKeyId", sessionKey), E("SecretAccessKey", "replay-secret"), E("SessionToken", "replay-token"), E("Expiration", "2099-01-01T00:00:00Z") }),
                        E("AssumedRoleUser", new object[] { E("Arn", form["RoleArn"] + "/sec08-collect"), E("AssumedRoleId", "AROAREPLAY:sec08-collect") }),
                    }),
                    E("ResponseMetadata", E("RequestId", Guid.NewGuid().ToString())),
                }));
            default:
                return Xml(403, new XElement(XName.Get("ErrorResponse", StsNamespace), E("Error", new object[] { E("Type", "Sender"), E("Code", "AccessDenied"), E("Message", $"not authorized to perform {action}") }), E("RequestId", "r")));
        }
    }

    /// <summary>
    /// The answer to an operation the account's policy denies ("service:Operation" in <see cref="ReplayAccount.Denied"/>),
    /// or one of the throttling answers left for it; null to go on.
    /// </summary>
    private (int, string, string)? Refused(ReplayAccount account, string operation, string version = "1.1")
    {
        if (TakeThrottle(operation))
        {
            return Json(400, "ThrottlingException", "Rate exceeded", version);
        }

        return account.Denied.Contains(operation)
            ? Json(400, "AccessDeniedException", $"User: arn:aws:iam::{account.Id}:user/collector is not authorized to perform: {operation} because no identity-based policy allows the {operation} action", version)
            : null;
    }

    /// <summary>
    /// Whether this call of <paramref name="operation"/> is to be throttled, counting it; calls that race for the last
    /// count try again rather than pass unthrottled.
    /// </summary>
    private bool TakeThrottle(string operation)
    {
        while (_throttles.TryGetValue(operation, out var left) && left > 0)
        {
            if (_throttles.TryUpdate(operation, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>HTTP 503 in the service's own error format.</summary>
    private static (int, string, string) Unavailable(string service) => service switch
    {
        "s3" => S3Error(503, "ServiceUnavailable", "Please reduce your request rate."),
        "ec2" or "sts" => Xml(503, new XElement("Response", new XElement("Errors", new XElement("Error", new XElement("Code", "Unavailable"), new XElement("Message", "The server is overloaded"))), new XElement("RequestID", "r"))),
        _ => Json(503, "ServiceUnavailableException", "Service is unavailable", service is "dynamodb" or "sqs" or "cloudcontrolapi" ? "1.0" : "1.1"),
    };

    private static (int, string, string) Json(JsonNode body, string version = "1.1") => (200, $"application/x-amz-json-{version}", body.ToJsonString());

    private static (int, string, string) Json(int status, string type, string message, string version = "1.1") =>
        (status, $"application/x-amz-json-{version}", new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());

    private static (int, string, string) Xml(int status, XElement body) =>
        (status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body.ToString(SaveOptions.DisableFormatting));

    private static (int, string, string) S3Error(int status, string code, string message) =>
        Xml(status, new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("RequestId", "REPLAY"), new XElement("HostId", "replay")));
}
