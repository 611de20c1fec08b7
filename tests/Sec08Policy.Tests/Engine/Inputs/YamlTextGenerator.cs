using System.Text;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// Random YAML documents shaped like CloudFormation templates, mostly plain block YAML with awkward scalars, and now
/// and then a construct outside the plain subset or an outright error, for comparing YAML readers.
/// </summary>
internal static class YamlTextGenerator
{
    private static readonly string[] Scalars =
    [
        "a", "value", "AWS::S3::Bucket", "true", "False", "yes", "null", "~", "0", "-1", "1.5", "1e3", "0x1F", ".5", "+3",
        "2012-10-17", "arn:aws:s3:::bucket/*", "kms:*", "two words", "a #not a comment", "-a", "a:", "x: y", "é ✓ 𝄞",
        "${AWS::Region}", "a,b", "[x]", "{x}", "!Ref", "@x", "%x", "*x", "&x", "?", "- x", "it's", "back\\slash", "-", ":x",
        "a # comment", "tab\there", "trailing ",
    ];

    private static readonly string[] Keys =
    [
        "Type", "Properties", "Fn::If", "two words", "'quoted key'", "\"double\"", "Key", "Value", "k1", "k2", "k3", "-x",
        "x#y", "é", "Tags", "a:b",
    ];

    private static readonly string[] Tags = ["!Ref", "!Sub", "!If", "!GetAtt", "!Equals", "!!str", "!"];

    public static string Generate(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(6) == 0)
        {
            text.Append("---\n");
        }

        if (random.Next(4) == 0)
        {
            text.Append("# a template\n");
        }

        var keys = random.Next(1, 4);
        for (var i = 0; i < keys; i++)
        {
            Entry(random, text, 0, 0);
        }

        return random.Next(8) == 0 ? text.Replace("\n", "\r\n").ToString() : text.ToString();
    }

    private static void Entry(Random random, StringBuilder text, int indent, int depth)
    {
        text.Append(' ', indent).Append(Pick(random, Keys)).Append(':');
        Value(random, text, indent, depth, mappingValue: true);
        if (random.Next(5) == 0)
        {
            text.Append(' ', random.Next(3)).Append('\n');
        }
    }

    /// <summary>A value after <c>key:</c> or <c>-</c>, ending with a line break.</summary>
    private static void Value(Random random, StringBuilder text, int owner, int depth, bool mappingValue)
    {
        var choice = depth > 3 ? random.Next(5) : random.Next(10);
        switch (choice)
        {
            case 0 or 1:
                text.Append(' ').Append(Scalar(random)).Append(Comment(random)).Append('\n');
                break;
            case 2:
                text.Append(' ').Append(Pick(random, Tags)).Append(' ').Append(random.Next(2) == 0 ? Scalar(random) : Flow(random, 0)).Append('\n');
                break;
            case 3:
                text.Append(' ').Append(Flow(random, 0)).Append(Comment(random)).Append('\n');
                break;
            case 4:
                BlockScalar(random, text, owner);
                break;
            case 5 or 6:
                {
                    text.Append(random.Next(4) == 0 ? " " + Pick(random, Tags) : string.Empty).Append(Comment(random)).Append('\n');
                    var indent = owner + random.Next(1, 4);
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        Entry(random, text, indent, depth + 1);
                    }

                    break;
                }

            case 7 or 8:
                {
                    text.Append(random.Next(4) == 0 ? " " + Pick(random, Tags) : string.Empty).Append('\n');
                    var indent = mappingValue && random.Next(2) == 0 ? owner : owner + random.Next(1, 4);
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        SequenceItem(random, text, indent, depth + 1);
                    }

                    break;
                }

            default:
                Oddity(random, text, owner);
                break;
        }
    }

    private static void SequenceItem(Random random, StringBuilder text, int indent, int depth)
    {
        text.Append(' ', indent).Append('-');
        if (random.Next(3) == 0)
        {
            // A compact mapping: `- key: value`, its other keys lined up under the first.
            var spaces = random.Next(1, 3);
            text.Append(' ', spaces);
            var keyIndent = indent + 1 + spaces;
            text.Append(Pick(random, Keys)).Append(':');
            Value(random, text, keyIndent, depth + 1, mappingValue: true);
            for (var i = random.Next(0, 3); i > 0; i--)
            {
                Entry(random, text, keyIndent, depth + 1);
            }

            return;
        }

        Value(random, text, indent, depth, mappingValue: false);
    }

    private static void BlockScalar(Random random, StringBuilder text, int owner)
    {
        text.Append(' ').Append(Pick(random, ["|", "|-", ">", ">-", "|+", "|2"])).Append('\n');
        var indent = owner + random.Next(1, 4);
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            switch (random.Next(6))
            {
                case 0:
                    text.Append(' ', random.Next(0, 2)).Append('\n');
                    break;
                case 1:
                    text.Append(' ', indent + 1).Append("more indented\n");
                    break;
                default:
                    text.Append(' ', indent).Append(Pick(random, ["line", "# not a comment", "words and: colons", "é"])).Append('\n');
                    break;
            }
        }
    }

    /// <summary>Something outside the plain subset, or an error.</summary>
    private static void Oddity(Random random, StringBuilder text, int owner)
    {
        text.Append(random.Next(7) switch
        {
            0 => " &anchor value\n",
            1 => " plain\n" + new string(' ', owner + 2) + "continued\n",
            2 => " \"quoted\n" + new string(' ', owner + 2) + "continued\"\n",
            3 => "\n",
            4 => " [a,\n" + new string(' ', owner + 2) + "b]\n",
            5 => " \t tabbed\n",
            _ => " 'it''s'\n",
        });
    }

    private static string Scalar(Random random) => random.Next(4) switch
    {
        0 => "'" + Pick(random, Scalars).Replace("'", "''", StringComparison.Ordinal) + "'",
        1 => "\"" + Pick(random, ["a\\tb", "\\u00e9", "\\x41", "q\\\"q", "\\\\", "\\/", "\\n", "\\q", Pick(random, Scalars)]) + "\"",
        _ => Pick(random, Scalars),
    };

    private static string Flow(Random random, int depth)
    {
        var sequence = random.Next(3) > 0;
        var items = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var item = depth < 2 && random.Next(4) == 0 ? Flow(random, depth + 1) : Scalar(random);
            var tagged = random.Next(5) == 0 ? Pick(random, Tags) + " " + item : item;
            return sequence ? tagged : Pick(random, Keys) + ": " + tagged;
        });
        var joined = string.Join(Pick(random, [", ", ",", " , "]), items);
        return sequence ? "[" + joined + "]" : "{" + joined + "}";
    }

    private static string Comment(Random random) => random.Next(4) == 0 ? " # note" : string.Empty;

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
