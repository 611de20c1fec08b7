using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// Reads a KMS key's spec, origin, replica Regions and primary key through a catalogue <see cref="KeyFactsSpec"/>, the
/// same way for every input. A replica key shares its primary's key material, spec, origin and rotation, so those
/// are Unknown on the replica itself until the evaluator finds the primary.
/// </summary>
internal static class KeyFactsReader
{
    public static KeyFacts Apply(KeyFacts facts, KeyFactsSpec? spec, PropertySource source, string? ownArn = null)
    {
        if (spec is null)
        {
            return facts;
        }

        facts = facts with
        {
            Spec = spec.Spec is null ? facts.Spec : Value(spec.Spec, source),
            Origin = spec.Origin is null ? facts.Origin : Value(spec.Origin, source),
            ReplicaRegions = spec.ReplicaRegions is null ? facts.ReplicaRegions : Regions(spec.ReplicaRegions, source),
        };

        if (spec.Primary is null || source.Key(spec.Primary) is not { } primary
            || (primary.Reference is { IsKnown: true, Value: var written } && (written is null || written == ownArn)))
        {
            return facts;
        }

        var shared = $"a replica key shares it with its primary key `{primary.Reference.ValueOrDefault ?? primary.LocalId}`";
        if (!primary.Reference.IsKnown)
        {
            shared = $"a replica key shares it with its primary key, which is unknown: {primary.Reference.UnknownReason}";
        }

        return facts with
        {
            Primary = primary.LocalId is { } local ? Fact<string?>.Known(local) : primary.Reference,
            ResolvedPrimary = primary.LocalId,
            MultiRegion = Fact<bool>.Known(true),
            Spec = spec.Spec is null ? Fact<string?>.Unknown(shared) : facts.Spec,
            Origin = spec.Origin is null ? Fact<string?>.Unknown(shared) : facts.Origin,
            RotationEnabled = Fact<bool>.Unknown(shared),
            RotationPeriodDays = Fact<int?>.Unknown(shared),
            ReplicaRegions = Fact<ImmutableArray<string>>.Known([]),
        };
    }

    private static Fact<string?> Value(ValueSpec spec, PropertySource source)
    {
        switch (spec)
        {
            case ConstantValueSpec constant:
                return Fact<string?>.Known(constant.Value);
            case PathValueSpec path:
                var value = source.Get(path.Path);
                return value.State switch
                {
                    PropertyState.Text => Fact<string?>.Known(value.Text),
                    PropertyState.Absent when path.Absent is { } assumed => Fact<string?>.Known(assumed),
                    PropertyState.Absent => Fact<string?>.Unknown($"the input has no `{path.Path.Under(source.Prefix)}`"),
                    _ => Fact<string?>.Unknown(value.Reason ?? $"`{path.Path.Under(source.Prefix)}` is not a value"),
                };
            case SwitchValueSpec choice:
                var on = source.Get(choice.Path);
                return on.State switch
                {
                    PropertyState.Absent => Value(choice.Absent, source),
                    PropertyState.Text or PropertyState.Composite => Value(choice.Present, source),
                    _ => Fact<string?>.Unknown(on.Reason ?? $"`{choice.Path.Under(source.Prefix)}` cannot be read"),
                };
            default:
                throw new InvalidOperationException($"unexpected value spec {spec.GetType().Name}");
        }
    }

    private static Fact<ImmutableArray<string>> Regions(ReplicaRegionsSpec spec, PropertySource source)
    {
        if (spec.Unknown is { } reason || spec.Items is null || spec.Value is null)
        {
            return Fact<ImmutableArray<string>>.Unknown(spec.Unknown ?? "the input does not show the key's replicas");
        }

        var elements = source.Elements(spec.Items, out var undecided);
        if (elements is null)
        {
            return Fact<ImmutableArray<string>>.Unknown(undecided.Reason ?? "the key's replicas cannot be read");
        }

        var regions = ImmutableArray.CreateBuilder<string>();
        foreach (var element in elements)
        {
            var region = element.Get(spec.Value);
            if (region.State != PropertyState.Text)
            {
                return Fact<ImmutableArray<string>>.Unknown(region.Reason ?? $"a replica at `{element.Prefix}` names no Region");
            }

            regions.Add(region.Text!);
        }

        return Fact<ImmutableArray<string>>.Known(regions.ToImmutable());
    }
}
