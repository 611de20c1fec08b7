using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// The verdict of one rule on one resource, with everything a report needs: the rule (severity, SEC08 control,
/// compliance, message, remediation, policy origin), the resource (and its position in its input), the resource's
/// classification, why it failed or is unknown, and the waiver that applies, if any.
/// </summary>
public sealed record Finding(
    CompiledRule Rule,
    Resource Resource,
    Verdict Verdict,
    string? Reason,
    string? Classification,
    Waiver? Waiver,
    bool WaiverExpired = false);
