using System.Text.Json;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// The texts of a finding that repeat from one finding to the next, escaped for JSON once: a rule's texts appear in a
/// finding for every resource it applies to, and a resource's in one for every rule. Findings come grouped by
/// resource, so the last resource's texts are kept.
/// </summary>
internal sealed class FindingTexts
{
    private readonly Dictionary<CompiledRule, RuleTexts> _rules = new(ReferenceEqualityComparer.Instance);
    private Resource? _lastResource;
    private ResourceTexts _lastTexts;

    public RuleTexts Of(CompiledRule rule)
    {
        if (!_rules.TryGetValue(rule, out var texts))
        {
            texts = new RuleTexts(
                Encode(rule.Id),
                Encode(rule.Requirement),
                Encode(ReportOrder.Severity(rule.Severity)),
                EncodeOrNull(rule.Control),
                [.. rule.Compliance.Select(c => Encode($"{c.Framework}:{c.Control}"))],
                Encode(rule.Message),
                EncodeOrNull(rule.Remediation),
                Encode(rule.Origin.File));
            _rules.Add(rule, texts);
        }

        return texts;
    }

    public ResourceTexts Of(Resource resource)
    {
        if (!ReferenceEquals(resource, _lastResource))
        {
            _lastResource = resource;
            _lastTexts = new ResourceTexts(
                Encode(resource.Id),
                Encode(resource.Type),
                resource.Arn is { IsKnown: true } ? EncodeOrNull(resource.Arn.Value) : null,
                Encode(resource.Position.File),
                Encode(resource.Position.Pointer));
        }

        return _lastTexts;
    }

    private static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, JsonOutput.Options.Encoder);

    private static JsonEncodedText? EncodeOrNull(string? text) => text is null ? null : Encode(text);
}

internal sealed record RuleTexts(
    JsonEncodedText Id,
    JsonEncodedText Requirement,
    JsonEncodedText Severity,
    JsonEncodedText? Control,
    JsonEncodedText[] Compliance,
    JsonEncodedText Message,
    JsonEncodedText? Remediation,
    JsonEncodedText OriginFile);

internal readonly record struct ResourceTexts(JsonEncodedText Id, JsonEncodedText Type, JsonEncodedText? Arn, JsonEncodedText File, JsonEncodedText Pointer);
