using Sec08Policy.Engine.Iam.Text;

namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary><c>Bool</c>: <c>true</c> or <c>false</c>, ignoring case; policy values may hold variables.</summary>
internal sealed class BoolClause(ConditionOperator op, string key, PolicyText[] values) : ConditionClause(op, key), IVariableHolder
{
    public IEnumerable<string> Variables => values.SelectMany(v => v.Variables);

    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        if (!ConditionValues.TryBoolean(entry.Values[index], out var request))
        {
            return false;
        }

        foreach (var value in values)
        {
            var text = value.Constant ?? (RenderBuffer.TryRender(value, context, out var chars, out _) ? chars.ToString() : null);
            if (text is not null && ConditionValues.TryBoolean(text, out var expected) && expected == request)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>BinaryEquals</c>: the bytes of the base64 request value against the policy's base64 values.</summary>
internal sealed class BinaryClause(ConditionOperator op, string key, byte[][] values) : ConditionClause(op, key)
{
    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        var text = entry.Values[index];
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written)
            && values.Any(v => v.AsSpan().SequenceEqual(bytes.AsSpan(0, written)));
    }
}

/// <summary><c>IpAddress</c> and <c>NotIpAddress</c>: the request address within any of the policy's CIDR blocks.</summary>
internal sealed class IpClause(ConditionOperator op, string key, IpValue[] values) : ConditionClause(op, key)
{
    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        if (entry.Addresses[index] is not { } request)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value.Contains(request))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>Null</c>: <c>true</c> matches an absent key, <c>false</c> a present one.</summary>
internal sealed class NullClause(ConditionOperator op, string key, bool[] values) : ConditionClause(op, key)
{
    public override bool Evaluate(IamRequestContext context)
    {
        var absent = context.Find(LowerKey) is null;
        return Array.IndexOf(values, absent) >= 0;
    }

    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context) => false;
}
