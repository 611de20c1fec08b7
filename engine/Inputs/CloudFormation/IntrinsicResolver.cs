using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// Resolves CloudFormation intrinsic functions (long forms and YAML short forms) against the template's parameter
/// defaults, mappings, conditions and resources. What deployment alone decides becomes <see cref="CfnUnknown"/>.
/// </summary>
internal sealed class IntrinsicResolver
{
    private const int MaxDepth = 64;

    private readonly MappingNode? _parameters;
    private readonly MappingNode? _mappings;
    private readonly MappingNode? _conditions;
    private readonly IReadOnlyDictionary<string, string> _types;
    private readonly Dictionary<string, bool?> _conditionCache = new(StringComparer.Ordinal);
    private int _depth;

    /// <summary>
    /// How many times a <c>Ref</c> or <c>Fn::GetAtt</c> named a resource not among <c>types</c> (the resources by logical ID): while a template
    /// is read in order, one declared further down, so the value may change once it is known.
    /// </summary>
    public int Misses { get; private set; }

    public IntrinsicResolver(MappingNode template, IReadOnlyDictionary<string, string> types)
    {
        _parameters = template.Get("Parameters") as MappingNode;
        _mappings = template.Get("Mappings") as MappingNode;
        _conditions = template.Get("Conditions") as MappingNode;
        _types = types;
    }

    public CfnValue Resolve(InputNode node)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            return new CfnUnknown("intrinsic functions nest too deeply");
        }

        try
        {
            if (FunctionOf(node) is { } function)
            {
                return Apply(function.Name, function.Argument);
            }

            return node switch
            {
                ScalarNode s => new CfnScalar(s.Text),
                SequenceNode seq => ResolveItems(seq),
                MappingNode map => new CfnMap(map, this),
                _ => new CfnUnknown("unsupported template value"),
            };
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A list's items resolved, without those that resolve to <c>AWS::NoValue</c>.</summary>
    private CfnList ResolveItems(SequenceNode sequence)
    {
        var items = ImmutableArray.CreateBuilder<CfnValue>(sequence.Items.Length);
        foreach (var item in sequence.Items)
        {
            var value = Resolve(item);
            if (value is not CfnNoValue)
            {
                items.Add(value);
            }
        }

        return new CfnList(items.DrainToImmutable());
    }

    /// <summary>The value of a named condition: true, false, or null when deployment decides.</summary>
    public bool? EvaluateCondition(string name)
    {
        if (_conditionCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        _conditionCache[name] = null; // guards against a condition that refers to itself
        var misses = Misses;
        var node = _conditions?.Get(name);
        var result = node is null ? null : Resolve(node).AsBoolean;
        if (Misses == misses)
        {
            _conditionCache[name] = result;
        }
        else
        {
            _conditionCache.Remove(name); // asked again once every resource is known
        }

        return result;
    }

    private static (string Name, InputNode Argument)? FunctionOf(InputNode node)
    {
        if (node.Tag is { } tag && tag.StartsWith('!'))
        {
            var name = tag[1..];
            var full = name is "Ref" or "Condition" ? name : "Fn::" + name;
            return (full, node with { Tag = null });
        }

        if (node is MappingNode { Entries.Length: 1 } map)
        {
            var key = map.Entries[0].Key;
            if (key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                return (key, map.Entries[0].Value);
            }
        }

        return null;
    }

    private CfnValue Apply(string name, InputNode argument) => name switch
    {
        "Ref" => Ref(argument is ScalarNode s ? s.Text ?? string.Empty : string.Empty),
        "Fn::GetAtt" => GetAtt(argument),
        "Fn::Sub" => Sub(argument),
        "Fn::Join" => Join(argument),
        "Fn::Select" => Select(argument),
        "Fn::Split" => Split(argument),
        "Fn::If" => If(argument),
        "Fn::Equals" => Equals(argument),
        "Fn::And" => Logical(argument, all: true),
        "Fn::Or" => Logical(argument, all: false),
        "Fn::Not" => Not(argument),
        "Condition" => Bool(EvaluateCondition(argument is ScalarNode c ? c.Text ?? string.Empty : string.Empty), "condition depends on deployment"),
        "Fn::FindInMap" => FindInMap(argument),
        "Fn::Base64" => Resolve(argument),
        "Fn::ImportValue" => new CfnUnknown("`Fn::ImportValue` is resolved only when the stack is deployed"),
        _ => new CfnUnknown($"`{name}` is resolved only when the stack is deployed"),
    };

    private CfnValue Ref(string target)
    {
        if (target == "AWS::NoValue")
        {
            return new CfnNoValue();
        }

        if (target.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return new CfnUnknown($"pseudo parameter `{target}` is known only when the stack is deployed");
        }

        if (_parameters?.Get(target) is MappingNode parameter)
        {
            return parameter.Get("Default") is { } value
                ? Resolve(value)
                : new CfnUnknown($"parameter `{target}` has no default; its value is given at deployment");
        }

        return Declared(target)
            ? new CfnReference(target, null)
            : new CfnUnknown($"`Ref` to `{target}`, which the template does not declare");
    }

    private bool Declared(string resource)
    {
        if (_types.ContainsKey(resource))
        {
            return true;
        }

        Misses++;
        return false;
    }

    private CfnValue GetAtt(InputNode argument)
    {
        string? resource = null;
        string? attribute = null;
        if (argument is ScalarNode { Text: { } text } && text.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            (resource, attribute) = (text[..dot], text[(dot + 1)..]);
        }
        else if (Resolve(argument) is CfnList { Items: [CfnScalar { Text: { } r }, CfnScalar { Text: { } a }] })
        {
            (resource, attribute) = (r, a);
        }

        return resource is not null && Declared(resource)
            ? new CfnReference(resource, attribute)
            : new CfnUnknown($"`Fn::GetAtt` on `{resource ?? "?"}`, which the template does not declare");
    }

    private CfnValue Sub(InputNode argument)
    {
        string? template;
        Dictionary<string, CfnValue>? variables = null;
        if (argument is SequenceNode { Items: [ScalarNode first, MappingNode vars] })
        {
            template = first.Text;
            variables = new Dictionary<string, CfnValue>(StringComparer.Ordinal);
            foreach (var (key, value) in vars.Entries)
            {
                variables[key] = Resolve(value);
            }
        }
        else
        {
            template = (argument as ScalarNode)?.Text;
        }

        if (template is null)
        {
            return new CfnUnknown("`Fn::Sub` needs a string");
        }

        var builder = new StringBuilder();
        var last = 0;

        // Each `${...}`, up to the first `}` after it; `${!Literal}` is written as `${Literal}`.
        for (var open = template.IndexOf("${", StringComparison.Ordinal); open >= 0; open = template.IndexOf("${", last, StringComparison.Ordinal))
        {
            var close = template.IndexOf('}', open + 2);
            if (close < 0)
            {
                break;
            }

            builder.Append(template, last, open - last);
            last = close + 1;
            var name = template[(open + 2)..close];
            if (name.StartsWith('!'))
            {
                builder.Append("${").Append(name[1..]).Append('}');
                continue;
            }

            var value = variables is not null && variables.TryGetValue(name, out var given) ? given
                : name.Contains('.', StringComparison.Ordinal) ? GetAtt(new ScalarNode(name, ScalarKind.String, argument.Position))
                : Ref(name);
            if (value.AsString is not { } text)
            {
                return value is CfnUnknown unknown ? unknown : new CfnUnknown($"`${{{name}}}` in `Fn::Sub` is known only when the stack is deployed");
            }

            builder.Append(text);
        }

        builder.Append(template, last, template.Length - last);
        return new CfnScalar(builder.ToString());
    }

    private CfnValue Join(InputNode argument)
    {
        if (Resolve(argument) is not CfnList { Items: [CfnScalar { Text: var delimiter }, CfnList parts] })
        {
            return new CfnUnknown("`Fn::Join` takes a delimiter and a list");
        }

        var texts = new List<string>();
        foreach (var part in parts.Items)
        {
            if (part.AsString is not { } text)
            {
                return part as CfnUnknown ?? new CfnUnknown("a part of `Fn::Join` is known only when the stack is deployed");
            }

            texts.Add(text);
        }

        return new CfnScalar(string.Join(delimiter ?? string.Empty, texts));
    }

    private CfnValue Select(InputNode argument) =>
        Resolve(argument) is CfnList { Items: [CfnScalar { Text: var index }, CfnList list] }
        && int.TryParse(index, out var i) && i >= 0 && i < list.Items.Length
            ? list.Items[i]
            : new CfnUnknown("`Fn::Select` cannot be resolved from the template");

    private CfnValue Split(InputNode argument) =>
        Resolve(argument) is CfnList { Items: [CfnScalar { Text: { } delimiter }, CfnScalar { Text: { } text }] }
            ? new CfnList([.. text.Split(delimiter).Select(p => (CfnValue)new CfnScalar(p))])
            : new CfnUnknown("`Fn::Split` cannot be resolved from the template");

    private CfnValue If(InputNode argument)
    {
        if (argument is not SequenceNode { Items: [ScalarNode condition, var whenTrue, var whenFalse] })
        {
            return new CfnUnknown("`Fn::If` takes a condition name and two values");
        }

        return EvaluateCondition(condition.Text ?? string.Empty) switch
        {
            true => Resolve(whenTrue),
            false => Resolve(whenFalse),
            null => new CfnUnknown(
                $"condition `{condition.Text}` is decided only when the stack is deployed",
                MayBeAbsent: Resolve(whenTrue) is CfnNoValue or CfnUnknown { MayBeAbsent: true } || Resolve(whenFalse) is CfnNoValue or CfnUnknown { MayBeAbsent: true }),
        };
    }

    private CfnValue Equals(InputNode argument)
    {
        if (Resolve(argument) is not CfnList { Items: [var left, var right] })
        {
            return new CfnUnknown("`Fn::Equals` takes two values");
        }

        return left is CfnScalar l && right is CfnScalar r
            ? Bool(string.Equals(l.Text, r.Text, StringComparison.Ordinal), string.Empty)
            : new CfnUnknown("`Fn::Equals` compares values known only when the stack is deployed");
    }

    private CfnValue Logical(InputNode argument, bool all)
    {
        if (Resolve(argument) is not CfnList list)
        {
            return new CfnUnknown("a condition function takes a list");
        }

        var values = list.Items.Select(v => v.AsBoolean).ToList();
        if (all ? values.Contains(false) : values.Contains(true))
        {
            return Bool(!all, string.Empty);
        }

        return values.Contains(null) ? new CfnUnknown("a condition is decided only when the stack is deployed") : Bool(all, string.Empty);
    }

    private CfnValue Not(InputNode argument) =>
        Resolve(argument) switch
        {
            CfnList { Items: [var value] } when value.AsBoolean is { } b => Bool(!b, string.Empty),
            _ => new CfnUnknown("a condition is decided only when the stack is deployed"),
        };

    private CfnValue FindInMap(InputNode argument)
    {
        if (Resolve(argument) is CfnList { Items: [CfnScalar { Text: { } map }, CfnScalar { Text: { } top }, CfnScalar { Text: { } second }] }
            && (_mappings?.Get(map) as MappingNode)?.Get(top) is MappingNode level
            && level.Get(second) is { } value)
        {
            return Resolve(value);
        }

        return new CfnUnknown("`Fn::FindInMap` cannot be resolved from the template");
    }

    private static CfnValue Bool(bool? value, string unknownReason) =>
        value is { } b ? new CfnScalar(b ? "true" : "false") : new CfnUnknown(unknownReason);
}
