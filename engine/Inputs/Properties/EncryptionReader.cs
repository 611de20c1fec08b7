using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// Interprets a catalogue <see cref="EncryptionSpec"/> over one resource's properties, the same way for every input.
/// A value that is unknown, or of the wrong shape, never counts as encrypted unless every way it could turn out is
/// encrypted; otherwise it is Unknown with its path.
/// </summary>
internal static class EncryptionReader
{
    public static Reading Read(EncryptionSpec spec, PropertySource source) => Read(spec, source, matched: null);

    private static Reading Read(EncryptionSpec spec, PropertySource source, string? matched) => spec switch
    {
        UnencryptedSpec => EncryptionState.Unencrypted,
        UnknownSpec unknown => EncryptionState.Unknown(unknown.Reason) with { LeftToDeployment = unknown.LeftToDeployment },
        NoDataSpec nothing => Reading.Nothing(nothing.Reason),
        EncryptedUnknownKeySpec by => new EncryptionState(Fact<bool>.Known(true), Fact<string?>.Known("aws:kms"), Fact<string?>.Unknown(by.Reason), Fact<KeyManager?>.Unknown(by.Reason)),
        ServiceOwnedSpec owned => EncryptionState.ServiceOwned(Algorithm(owned.Algorithm, matched)),
        KmsSpec kms => (kms.Key is null ? KeyRef.None : source.Key(kms.Key)).Apply(Algorithm(kms.Algorithm, matched), kms.AwsManagedAlias),
        SwitchSpec choice => Switch(choice, source),
        AllSpec all => All(all, source, matched),
        EachSpec each => Each(each, source),
        _ => throw new InvalidOperationException($"unexpected encryption spec {spec.GetType().Name}"),
    };

    private static Reading All(AllSpec spec, PropertySource source, string? matched)
    {
        var parts = new Reading[spec.Parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Read(spec.Parts[i], source, matched);
        }

        return Combine(parts);
    }

    private static string Algorithm(string algorithm, string? matched) => algorithm == "$value" ? matched ?? "AES256" : algorithm;

    private static Reading Switch(SwitchSpec spec, PropertySource source)
    {
        var value = source.Get(spec.Path);
        switch (value.State)
        {
            case PropertyState.Absent:
                return Read(spec.Absent, source, null);
            case PropertyState.Text:
                foreach (var option in spec.Cases)
                {
                    if (string.Equals(option.Value, value.Text, StringComparison.OrdinalIgnoreCase))
                    {
                        return Read(option.Then, source, value.Text);
                    }
                }

                if ((spec.Present ?? spec.Other) is { } any)
                {
                    return Read(any, source, value.Text);
                }

                return EncryptionState.Unknown($"`{Path(source, spec.Path)}` is `{value.Text}`, which is not one of {string.Join(", ", spec.Cases.Select(c => $"`{c.Value}`"))}");
            case PropertyState.Composite when spec.Present is { } present:
                return Read(present, source, null);
            case PropertyState.Composite:
                return Undecided(spec, source, value.Reason ?? $"`{Path(source, spec.Path)}` is an object or a list, where a value belongs", mayBeAbsent: false, present: false, leftToDeployment: false);
            default:
                return Undecided(spec, source, value.Reason!, value.MayBeAbsent, present: value.State == PropertyState.Unknown && spec.Present is not null, leftToDeployment: value.State == PropertyState.Unknown);
        }
    }

    /// <summary>
    /// The value cannot be read: what every branch it could take says, when they agree on being encrypted (the key is
    /// then unknown), or not; else Unknown with the reason. A value only deployment tells is there, unless it may be removed.
    /// </summary>
    private static Reading Undecided(SwitchSpec spec, PropertySource source, string reason, bool mayBeAbsent, bool present, bool leftToDeployment)
    {
        var branches = new List<EncryptionSpec>();
        if (present && !mayBeAbsent)
        {
            branches.Add(spec.Present!);
        }
        else
        {
            branches.AddRange(spec.Cases.Select(c => c.Then));
            branches.AddRange(new[] { spec.Present, spec.Other }.OfType<EncryptionSpec>());
            if (mayBeAbsent || present)
            {
                branches.Add(spec.Absent);
            }
        }

        var outcomes = branches.Select(b => Read(b, source, null)).ToList();
        if (outcomes.Count > 0 && outcomes.All(o => o == outcomes[0]))
        {
            return outcomes[0];
        }

        if (outcomes.Count > 0 && outcomes.All(o => o.State is { Enabled: { IsKnown: true, Value: true } }))
        {
            return new EncryptionState(Fact<bool>.Known(true), Fact<string?>.Unknown(reason), Fact<string?>.Unknown(reason), Fact<KeyManager?>.Unknown(reason));
        }

        return EncryptionState.Unknown(reason) with { LeftToDeployment = leftToDeployment };
    }

    private static Reading Each(EachSpec spec, PropertySource source)
    {
        var elements = source.Elements(spec.Items, out var undecided);
        if (elements is null)
        {
            return EncryptionState.Unknown(undecided.Reason!);
        }

        if (elements.Count == 0)
        {
            return Read(spec.Empty, source, null);
        }

        var parts = new Reading[elements.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Read(spec.Item, elements[i], null);
        }

        return Combine(parts);
    }

    /// <summary>
    /// Several parts that must all be encrypted: the first unencrypted part decides, then the first unknown one, then the
    /// weakest key (a key the service owns, an AWS managed key, an unknown one, a customer-managed one). Parts that store
    /// nothing do not count; parts under different customer-managed keys leave the key unknown.
    /// </summary>
    internal static Reading Combine(IReadOnlyList<Reading> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0]; // one part decides alone, as the rules below would
        }

        var stored = new List<EncryptionState>(parts.Count);
        foreach (var part in parts)
        {
            if (part.State is { } state)
            {
                stored.Add(state);
            }
        }

        if (stored.Count == 0)
        {
            return parts.Count > 0 ? parts[0] : Reading.Nothing("there is nothing to store");
        }

        if (stored.FirstOrDefault(p => p.Enabled is { IsKnown: true, Value: false }) is { } unencrypted)
        {
            return unencrypted;
        }

        if (stored.FirstOrDefault(p => !p.Enabled.IsKnown) is { } unknown)
        {
            // Deployment decides the whole only when it decides every unknown part; one part not read keeps it Unknown.
            var notRead = stored.FirstOrDefault(p => !p.Enabled.IsKnown && !p.LeftToDeployment);
            return notRead ?? unknown;
        }

        var weakest = stored.OrderBy(Strength).First();
        var keys = stored.Select(p => p.ResolvedKey ?? p.KeyReference.ValueOrDefault).Distinct().ToList();
        if (Strength(weakest) == 3 && keys.Count > 1)
        {
            var reason = $"its parts use different keys ({string.Join(", ", keys.Select(k => $"`{k}`"))})";
            return weakest with { KeyReference = Fact<string?>.Unknown(reason), ResolvedKey = null };
        }

        return weakest;
    }

    private static int Strength(EncryptionState state) => state.KeyManager switch
    {
        { IsKnown: true, Value: KeyManager.AwsOwned } => 0,
        { IsKnown: true, Value: KeyManager.AwsManaged } => 1,
        { IsKnown: false } => 2,
        { IsKnown: true, Value: KeyManager.Customer } => 3,
        _ => 2,
    };

    private static string Path(PropertySource source, PropertyPath path) => path.Under(source.Prefix);
}

/// <summary>The encryption a spec reads, or why the resource stores nothing at rest as described.</summary>
internal readonly record struct Reading(EncryptionState? State, string? NothingStored)
{
    public static Reading Nothing(string reason) => new(null, reason);

    public static implicit operator Reading(EncryptionState state) => new(state, null);
}
