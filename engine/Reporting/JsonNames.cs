using System.Text.Json;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Property names and fixed values of the JSON reports (sec08-eval/1 and /2), escaped once.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    public static readonly JsonEncodedText Requirement = JsonEncodedText.Encode("requirement");
    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    public static readonly JsonEncodedText Control = JsonEncodedText.Encode("control");
    public static readonly JsonEncodedText Compliance = JsonEncodedText.Encode("compliance");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Remediation = JsonEncodedText.Encode("remediation");
    public static readonly JsonEncodedText Classification = JsonEncodedText.Encode("classification");
    public static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Arn = JsonEncodedText.Encode("arn");
    public static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
    public static readonly JsonEncodedText Pointer = JsonEncodedText.Encode("pointer");
    public static readonly JsonEncodedText PolicyOrigin = JsonEncodedText.Encode("policyOrigin");
    public static readonly JsonEncodedText Pass = JsonEncodedText.Encode("pass");
    public static readonly JsonEncodedText Fail = JsonEncodedText.Encode("fail");
    public static readonly JsonEncodedText Unknown = JsonEncodedText.Encode("unknown");
    public static readonly JsonEncodedText Waived = JsonEncodedText.Encode("waived");
    public static readonly JsonEncodedText Resources = JsonEncodedText.Encode("resources");
    public static readonly JsonEncodedText Passed = JsonEncodedText.Encode("passed");
    public static readonly JsonEncodedText Findings = JsonEncodedText.Encode("findings");
    public static readonly JsonEncodedText Waiver = JsonEncodedText.Encode("waiver");
}
