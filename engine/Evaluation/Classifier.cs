using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>A resource's classification level: its tag under the scheme, or the scheme's default when untagged.</summary>
public sealed class Classifier(ClassificationScheme? scheme)
{
    public Fact<string?> Classify(Resource resource)
    {
        if (scheme is null)
        {
            return Fact<string?>.Known(null);
        }

        if (!resource.Tags.IsKnown)
        {
            return Fact<string?>.Unknown($"its tags, and so its classification, are unknown: {resource.Tags.UnknownReason}");
        }

        if (!resource.Tags.Value.TryGetValue(scheme.TagKey, out var level))
        {
            return scheme.DefaultLevel is { } fallback
                ? Fact<string?>.Known(fallback)
                : Fact<string?>.Unknown($"it has no `{scheme.TagKey}` tag and the scheme has no default level");
        }

        return scheme.Rank(level) >= 0
            ? Fact<string?>.Known(level)
            : Fact<string?>.Unknown($"its `{scheme.TagKey}` tag is `{level}`, which is not a level of the scheme");
    }
}
