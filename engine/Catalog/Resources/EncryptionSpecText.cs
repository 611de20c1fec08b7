using System.Text;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// An encryption spec in words, as nested list items: what `sec08 services` prints and docs/resources.md shows. Each
/// line is indented two spaces per level and starts with <c>- </c>.
/// </summary>
public static class EncryptionSpecText
{
    public static IEnumerable<string> Lines(EncryptionSpec spec)
    {
        var lines = new List<string>();
        Describe(spec, 0, lines, lead: null);
        return lines;
    }

    /// <summary>One line for a spec that is a single outcome; nested specs are listed below <paramref name="lead"/>.</summary>
    private static void Describe(EncryptionSpec spec, int depth, List<string> lines, string? lead)
    {
        var pad = new string(' ', depth * 2);
        var prefix = lead is null ? string.Empty : lead + ": ";
        switch (spec)
        {
            case SwitchSpec choice:
                lines.Add($"{pad}- {prefix}by `{choice.Path}`");
                foreach (var option in choice.Cases)
                {
                    Describe(option.Then, depth + 1, lines, $"`{option.Value}`");
                }

                if (choice.Present is { } present)
                {
                    Describe(present, depth + 1, lines, choice.Cases.IsEmpty ? "set" : "any other value");
                }
                else if (choice.Other is { } other)
                {
                    Describe(other, depth + 1, lines, "any other value");
                }

                Describe(choice.Absent, depth + 1, lines, "not set");
                break;
            case AllSpec all:
                lines.Add($"{pad}- {prefix}every part encrypted (the weakest decides)");
                foreach (var part in all.Parts)
                {
                    Describe(part, depth + 1, lines, null);
                }

                break;
            case EachSpec each:
                lines.Add($"{pad}- {prefix}every element of `{each.Items}` encrypted, each");
                Describe(each.Item, depth + 1, lines, null);
                Describe(each.Empty, depth + 1, lines, "no element");
                break;
            default:
                lines.Add($"{pad}- {prefix}{Outcome(spec)}");
                break;
        }
    }

    private static string Outcome(EncryptionSpec spec) => spec switch
    {
        UnencryptedSpec => "not encrypted",
        UnknownSpec unknown => $"Unknown ({unknown.Reason})",
        NoDataSpec nothing => $"nothing to check ({nothing.Reason})",
        ServiceOwnedSpec owned => $"encrypted with a key the service owns ({(owned.Algorithm == "$value" ? "the value" : $"`{owned.Algorithm}`")})",
        KmsSpec kms => Kms(kms),
        EncryptedUnknownKeySpec by => $"encrypted with KMS, key Unknown ({by.Reason})",
        _ => spec.GetType().Name,
    };

    private static string Kms(KmsSpec kms)
    {
        var text = new StringBuilder($"encrypted with KMS (`{kms.Algorithm}`)");
        text.Append(kms.Key is { } key ? $", key from `{key}`" : string.Empty);
        text.Append(kms.AwsManagedAlias is { } alias
            ? $"{(kms.Key is null ? ", key" : "; without one,")} the AWS managed `{alias}`"
            : kms.Key is null ? ", the service's default key" : "; without one, the service's default key");
        return text.ToString();
    }
}
