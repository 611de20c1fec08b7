using System.Globalization;
using System.Text;
using System.Text.Json;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Inputs;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// The fields of one access request as the user gave them, on the command line or as one line of a JSON Lines file
/// (<c>principal</c>, <c>principal_tags</c>, <c>action</c>, <c>resource</c>, <c>resource_tags</c>, <c>request_tags</c>,
/// <c>context</c>, <c>s3_bucket_abac</c>, <c>time</c>: the names of access cases in policy tests).
/// </summary>
internal sealed record AccessRequestFields(
    string? Principal,
    IReadOnlyList<KeyValuePair<string, string>> PrincipalTags,
    string? Action,
    string? Resource,
    IReadOnlyList<KeyValuePair<string, string>> ResourceTags,
    IReadOnlyList<KeyValuePair<string, string>> RequestTags,
    IReadOnlyList<KeyValuePair<string, string>> Context,
    bool? S3BucketAbac,
    string? Time);

/// <summary>
/// Checks request fields and builds the request: a principal that is not an IAM ARN, an action the IAM catalogue does
/// not list, a resource that is not an ARN, or a context key that is neither global nor one of the action's service,
/// is a problem that names the field.
/// </summary>
internal static class AccessRequestInput
{
    /// <summary>The request, or null with the problem (field, message).</summary>
    public static AccessRequest? Build(AccessRequestFields fields, bool defaultAbac, DateTimeOffset defaultTime, Func<string, string> name, out string? problem)
    {
        problem = null;
        if (fields.Principal is not { } principal || fields.Action is not { } action || fields.Resource is not { } resource)
        {
            problem = $"a request needs {name("principal")}, {name("action")} and {name("resource")}";
            return null;
        }

        if (!IamPrincipal.TryParse(principal, out var parsed, out var error) || parsed.Arn is null)
        {
            problem = $"{name("principal")}: `{principal}` is not the ARN of an IAM user, role or account root{(error is null ? string.Empty : $" ({error})")}";
            return null;
        }

        if (IamActionCatalog.Default.FindAction(action) is null)
        {
            problem = $"{name("action")}: `{action}` is not an action the IAM catalogue lists";
            return null;
        }

        if (resource != "*" && (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.Split(':', 6).Length < 6 || resource.Split(':', 6)[2].Length == 0))
        {
            problem = $"{name("resource")}: `{resource}` is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)";
            return null;
        }

        foreach (var (key, _) in fields.Context)
        {
            if (IamActionCatalog.Default.FindConditionKey(action, key) == IamConditionKeyScope.Unknown)
            {
                problem = $"{name("context")}: `{key}` is neither a global condition key nor one of `{action.Split(':')[0]}`";
                return null;
            }
        }

        var time = defaultTime;
        if (fields.Time is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            problem = $"{name("time")}: `{text}` is not a time such as `2026-12-01T09:00:00Z`";
            return null;
        }

        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in fields.Context)
        {
            context[key] = value;
        }

        foreach (var (key, value) in fields.RequestTags)
        {
            context["aws:RequestTag/" + key] = value;
        }

        return new AccessRequest
        {
            Principal = principal,
            PrincipalTags = ToMap(fields.PrincipalTags),
            Action = action,
            Resource = resource,
            ResourceTags = ToMap(fields.ResourceTags),
            Context = context,
            S3BucketAbac = fields.S3BucketAbac ?? defaultAbac,
            Time = time,
        };
    }

    /// <summary><c>KEY=VALUE</c>; null when there is no <c>=</c> or the key is empty.</summary>
    public static KeyValuePair<string, string>? Pair(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : KeyValuePair.Create(text[..equals], text[(equals + 1)..]);
    }

    /// <summary>
    /// Reads a JSON Lines file of requests: one object per line (blank lines skipped). Every line is checked before any is
    /// decided; a bad line is an <see cref="InputException"/> with its line number.
    /// </summary>
    public static List<(int Line, AccessRequest Request)> ReadLines(string path, long maxSize, bool defaultAbac, DateTimeOffset defaultTime)
    {
        byte[] bytes;
        try
        {
            bytes = SafeFile.ReadAll(path, maxSize);
        }
        catch (FileTooLargeException e)
        {
            throw new InputException(path, 1, 1, $"the file is too large: {e.Message} (set by `--max-input-size`)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 1, 1, $"cannot read the file: {e.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException(path, 1, 1, "the file is not UTF-8 text");
        }

        var requests = new List<(int, AccessRequest)>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = Fields(line, path, i + 1);
            var request = Build(fields, defaultAbac, defaultTime, f => $"`{f}`", out var problem)
                ?? throw new InputException(path, i + 1, 1, problem!);
            requests.Add((i + 1, request));
        }

        if (requests.Count == 0)
        {
            throw new InputException(path, 1, 1, "the file holds no request");
        }

        return requests;
    }

    private static readonly string[] s_fields = ["principal", "principal_tags", "action", "resource", "resource_tags", "request_tags", "context", "s3_bucket_abac", "time"];

    private static AccessRequestFields Fields(string line, string path, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new InputException(path, number, (int)(e.BytePositionInLine ?? 0) + 1, $"the line is not JSON: {e.Message.Split(" LineNumber", 2)[0]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(path, number, 1, "a request is a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!s_fields.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new InputException(path, number, 1, $"`{property.Name}` is not a request field; expected one of {string.Join(", ", s_fields)}");
                }
            }

            string? Text(string field) => root.TryGetProperty(field, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InputException(path, number, 1, $"`{field}` is a string")
                : null;
            List<KeyValuePair<string, string>> Map(string field)
            {
                if (!root.TryGetProperty(field, out var value))
                {
                    return [];
                }

                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(path, number, 1, $"`{field}` maps names to strings");
                }

                return [.. value.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String
                    ? KeyValuePair.Create(p.Name, p.Value.GetString()!)
                    : throw new InputException(path, number, 1, $"`{field}`: the value of `{p.Name}` is a string"))];
            }

            bool? abac = root.TryGetProperty("s3_bucket_abac", out var flag)
                ? flag.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new InputException(path, number, 1, "`s3_bucket_abac` is true or false"),
                }
                : null;
            return new AccessRequestFields(Text("principal"), Map("principal_tags"), Text("action"), Text("resource"), Map("resource_tags"), Map("request_tags"), Map("context"), abac, Text("time"));
        }
    }

    private static Dictionary<string, string> ToMap(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            map[key] = value;
        }

        return map;
    }
}
