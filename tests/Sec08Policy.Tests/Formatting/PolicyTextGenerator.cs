using System.Text;

namespace Sec08Policy.Tests.Formatting;

/// <summary>Generates syntactically valid policy text with random spacing, line breaks and comments.</summary>
internal static class PolicyTextGenerator
{
    private static readonly string[] s_names = ["a", "team", "data_key", "lvl-2", "x9", "public", "internal", "restricted"];
    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted"];
    private static readonly string[] s_actions = ["s3:GetObject", "kms:Decrypt", "kms:GenerateDataKey*", "dynamodb:PutItem", "*"];
    private static readonly string[] s_ops = ["==", "!=", "<", "<=", ">", ">="];

    public static string Generate(Random random)
    {
        var tokens = new List<string>();
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            Declaration(random, tokens);
        }

        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append("// leading\n");
        }

        foreach (var token in tokens)
        {
            text.Append(token).Append(Separator(random));
        }

        return text.ToString();
    }

    private static string Separator(Random random) => random.Next(12) switch
    {
        0 => "\n",
        1 => "\n\n",
        2 => "  ",
        3 => "\t",
        4 => " /* note */ ",
        5 => " // remark\n",
        6 => "\r\n",
        _ => " ",
    };

    private static void Declaration(Random random, List<string> t)
    {
        switch (random.Next(7))
        {
            case 0:
                t.AddRange(["import", Str(random)]);
                break;
            case 1:
                t.AddRange(["policy", Str(random), "{"]);
                Maybe(random, () => t.AddRange(["owner", Str(random)]));
                Maybe(random, () => t.AddRange(["description", Str(random)]));
                t.Add("}");
                break;
            case 2:
                t.AddRange(["classification", Name(random), "{", "levels", "public", "<", "internal", "<", "restricted"]);
                Maybe(random, () => t.AddRange(["default", "internal"]));
                t.Add("}");
                break;
            case 3:
                t.AddRange(["key", Name(random), "{", "alias", Str(random)]);
                Maybe(random, () => t.AddRange(["protects", Pick(random, s_levels), ",", Pick(random, s_levels)]));
                Maybe(random, () => t.AddRange(["rotation", "every", random.Next(90, 2561).ToString(System.Globalization.CultureInfo.InvariantCulture), "days"]));
                Maybe(random, () => t.AddRange(["multi_region", random.Next(2) == 0 ? "true" : "false"]));
                Maybe(random, () => t.AddRange(["usable", "via", "s3", ",", "ebs"]));
                t.Add("}");
                break;
            case 4:
                t.AddRange(["require", Name(random), "for", "s3", ",", "rds", "{"]);
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    Maybe(random, () => t.AddRange(["classification", Pick(random, s_ops), Pick(random, s_levels), ":"]));
                    t.AddRange(random.Next(5) switch
                    {
                        0 => ["encrypted"],
                        1 => ["encrypted", "with", "customer_managed", "key"],
                        2 => ["encrypted", "with", "key", Name(random)],
                        3 => ["key", "rotation", "within", "365", "days"],
                        _ => ["regions", Str(random), ",", Str(random)],
                    });
                }

                Maybe(random, () => t.AddRange(["severity", "high", "control", "SEC08-BP02"]));
                Maybe(random, () => t.AddRange(["compliance", "pci_dss", Str(random)]));
                t.Add("}");
                break;
            case 5:
                t.AddRange([random.Next(2) == 0 ? "allow" : "deny", Name(random), "{", "actions", Pick(random, s_actions), ",", Pick(random, s_actions)]);
                Maybe(random, () => { t.Add("when"); Expression(random, t, 0); });
                Maybe(random, () => { t.Add("unless"); Expression(random, t, 0); });
                Maybe(random, () => t.AddRange(["until", "2027-01-01T00:00:00Z", "justification", Str(random)]));
                t.Add("}");
                break;
            default:
                t.AddRange(["waive", Name(random), "{", "resources", Str(random), "requirement", Name(random), "expires", "2027-03-31", "}"]);
                break;
        }
    }

    private static void Expression(Random random, List<string> t, int depth)
    {
        var choice = depth > 2 ? random.Next(2) : random.Next(6);
        switch (choice)
        {
            case 0:
                Operand(random, t);
                t.Add(Pick(random, s_ops));
                Operand(random, t);
                break;
            case 1:
                Operand(random, t);
                t.AddRange(random.Next(2) == 0 ? ["in", "["] : ["not", "in", "["]);
                Operand(random, t);
                t.AddRange([",", Str(random), "]"]);
                break;
            case 2:
                t.Add("not");
                Expression(random, t, depth + 1);
                break;
            case 3:
                t.Add("(");
                Expression(random, t, depth + 1);
                t.Add(")");
                break;
            default:
                Expression(random, t, depth + 1);
                t.Add(random.Next(2) == 0 ? "and" : "or");
                Expression(random, t, depth + 1);
                break;
        }
    }

    private static void Operand(Random random, List<string> t) =>
        t.AddRange(random.Next(6) switch
        {
            0 => ["principal", ".", "tag", ".", Name(random)],
            1 => ["resource.tag.\"cost:center\""],
            2 => ["request.tag." + Name(random)],
            3 => ["resource.classification"],
            4 => [Str(random)],
            _ => [Pick(random, s_levels)],
        });

    private static string Str(Random random)
    {
        const string alphabet = "abc XYZ-/:*\"\\\t09é";
        var builder = new StringBuilder("\"");
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\t' => "\\t", _ => c.ToString() });
        }

        return builder.Append('"').ToString();
    }

    private static string Name(Random random) => Pick(random, s_names);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static void Maybe(Random random, Action action)
    {
        if (random.Next(2) == 0)
        {
            action();
        }
    }
}
