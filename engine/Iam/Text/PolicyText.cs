namespace Sec08Policy.Engine.Iam.Text;

/// <summary>
/// A string from a policy, a condition value or a <c>Resource</c> ARN, with its policy variables (<c>${aws:username}</c>,
/// <c>${aws:PrincipalTag/team, 'none'}</c>) and escapes (<c>${*}</c>, <c>${?}</c>, <c>${$}</c>), parsed once. Text with
/// no variables is a constant; otherwise <see cref="Render"/> substitutes the request's values each time.
/// </summary>
internal sealed class PolicyText
{
    private readonly TextPart[] _parts;

    private PolicyText(string raw, TextPart[] parts)
    {
        Raw = raw;
        _parts = parts;
        if (!parts.Any(p => p.IsVariable))
        {
            Constant = string.Concat(parts.Select(p => p.Text));
            LiteralMask = parts.Any(p => p.Escaped) ? Mask(parts) : null;
        }
        else if (parts is [{ IsVariable: true, Default: null } only])
        {
            SoleVariable = only.Key;
        }

        Variables = [.. parts.Where(p => p.IsVariable && p.Default is null).Select(p => p.Key!)];
    }

    /// <summary>The text as the policy writes it.</summary>
    public string Raw { get; }

    /// <summary>The text when it has no variables (escapes already replaced), else null.</summary>
    public string? Constant { get; }

    /// <summary>For a constant with escapes, which of its <c>*</c> and <c>?</c> stand for themselves; else null.</summary>
    public bool[]? LiteralMask { get; }

    /// <summary>The key, lower-cased, when the whole text is one variable without a default: the common <c>${aws:PrincipalTag/team}</c>.</summary>
    public string? SoleVariable { get; }

    /// <summary>The keys (lower-cased) of the variables that have no default: the request must hold them for the text to resolve.</summary>
    public string[] Variables { get; }

    /// <summary>
    /// Parses <paramref name="raw"/>. Variables are recognised only where <paramref name="variablesFrom"/> and later
    /// (the resource part of an ARN) and only when <paramref name="variablesEnabled"/> (policy version 2012-10-17);
    /// elsewhere <c>${...}</c> is plain text, as IAM reads it.
    /// </summary>
    public static PolicyText Parse(string raw, bool variablesEnabled, int variablesFrom = 0)
    {
        if (!variablesEnabled || raw.IndexOf("${", variablesFrom, StringComparison.Ordinal) < 0)
        {
            return new PolicyText(raw, [TextPart.Literal(raw)]);
        }

        var parts = new List<TextPart>();
        var at = variablesFrom;
        var literalStart = 0;
        while (true)
        {
            var open = raw.IndexOf("${", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : raw.IndexOf('}', open + 2);
            if (close < 0)
            {
                break;
            }

            var inner = raw[(open + 2)..close];
            TextPart? part = inner switch
            {
                "*" or "?" or "$" => TextPart.Escape(inner),
                _ => Variable(inner),
            };
            if (part is { } parsed)
            {
                if (open > literalStart)
                {
                    parts.Add(TextPart.Literal(raw[literalStart..open]));
                }

                parts.Add(parsed);
                literalStart = close + 1;
            }

            at = part is null ? open + 2 : close + 1;
        }

        if (literalStart < raw.Length || parts.Count == 0)
        {
            parts.Add(TextPart.Literal(raw[literalStart..]));
        }

        return new PolicyText(raw, [.. parts]);
    }

    /// <summary>
    /// Writes the text with the request's values into <paramref name="chars"/> and marks in <paramref name="literal"/>
    /// the characters that stand for themselves (escapes and substituted values, so that a <c>*</c> in a tag value is
    /// no wildcard). Returns the length, or -1 when a variable without a default has no single value in the request.
    /// The buffers must be at least <see cref="MaxLength"/> long.
    /// </summary>
    public int Render(IamRequestContext context, Span<char> chars, Span<bool> literal)
    {
        var length = 0;
        foreach (var part in _parts)
        {
            string text;
            bool isLiteral;
            if (part.IsVariable)
            {
                if (context.SingleValue(part.Key!) is { } value)
                {
                    text = value;
                }
                else if (part.Default is { } fallback)
                {
                    text = fallback;
                }
                else
                {
                    return -1;
                }

                isLiteral = true;
            }
            else
            {
                text = part.Text;
                isLiteral = part.Escaped;
            }

            if (length + text.Length > chars.Length)
            {
                return -1;
            }

            text.AsSpan().CopyTo(chars[length..]);
            literal.Slice(length, text.Length).Fill(isLiteral);
            length += text.Length;
        }

        return length;
    }

    /// <summary>The longest rendered text the engine handles; longer values (past any ARN or tag limit) never match.</summary>
    public const int MaxLength = 4096;

    public override string ToString() => Raw;

    private static TextPart? Variable(string inner)
    {
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            var key = inner.Trim();
            return key.Length == 0 ? null : TextPart.Variable(key, null);
        }

        // ${key, 'default'}: the default in single quotes after a comma.
        var name = inner[..comma].Trim();
        var fallback = inner[(comma + 1)..].Trim();
        return name.Length > 0 && fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\''
            ? TextPart.Variable(name, fallback[1..^1])
            : null;
    }

    private static bool[] Mask(TextPart[] parts)
    {
        var mask = new List<bool>();
        foreach (var part in parts)
        {
            mask.AddRange(Enumerable.Repeat(part.Escaped, part.Text.Length));
        }

        return [.. mask];
    }

    private readonly record struct TextPart(string Text, bool Escaped, string? Key, string? Default)
    {
        public bool IsVariable => Key is not null;

        public static TextPart Literal(string text) => new(text, false, null, null);

        public static TextPart Escape(string character) => new(character, true, null, null);

        public static TextPart Variable(string key, string? fallback) => new(string.Empty, false, key.ToLowerInvariant(), fallback);
    }
}
