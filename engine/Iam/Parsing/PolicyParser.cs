using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Conditions;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Iam.Principals;
using Sec08Policy.Engine.Iam.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Iam.Parsing;

/// <summary>
/// Reads an IAM policy document (JSON) into statement drafts, checking the grammar AWS documents for the document's
/// kind, and collects every problem with its line and column. Nothing is thrown for a bad document.
/// </summary>
internal sealed class PolicyParser
{
    private static readonly string[] s_topLevel = ["Version", "Id", "Statement"];
    private static readonly string[] s_statementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private readonly IamPolicyKind _kind;
    private readonly List<IamPolicyProblem> _problems = [];
    private bool _variables;

    private PolicyParser(IamPolicyKind kind)
    {
        _kind = kind;
    }

    public static (string? Version, string? Id, List<StatementDraft> Statements, ImmutableArray<IamPolicyProblem> Problems) Parse(ReadOnlyMemory<byte> utf8, IamPolicyKind kind, string name)
    {
        var parser = new PolicyParser(kind);
        InputNode root;
        try
        {
            root = JsonTreeReader.ParseStrict(utf8, name);
        }
        catch (InputException e)
        {
            return (null, null, [], [new IamPolicyProblem(e.Message, e.Line, e.Column)]);
        }

        var (version, id, statements) = parser.Document(root);
        return (version, id, statements, [.. parser._problems]);
    }

    private (string? Version, string? Id, List<StatementDraft> Statements) Document(InputNode root)
    {
        var statements = new List<StatementDraft>();
        if (root is not MappingNode document)
        {
            Problem(root, "a policy document is a JSON object");
            return (null, null, statements);
        }

        CheckElements(document, s_topLevel, "policy document");
        var version = document.Get("Version") is { } versionNode ? Text(versionNode, "Version") : null;
        if (version is not null and not ("2012-10-17" or "2008-10-17"))
        {
            Problem(document.Get("Version")!, $"`Version` is `{version}`; IAM knows `2012-10-17` and `2008-10-17`");
        }

        // Policy variables are read only under 2012-10-17; otherwise ${...} is plain text.
        _variables = version == "2012-10-17";
        var id = document.Get("Id") is { } idNode ? Text(idNode, "Id") : null;
        switch (document.Get("Statement"))
        {
            case null:
                Problem(root, "the policy document has no `Statement`");
                break;
            case MappingNode single:
                AddStatement(single, statements);
                break;
            case SequenceNode { Items.Length: 0 } empty:
                Problem(empty, "`Statement` holds no statement");
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item is MappingNode statement)
                    {
                        AddStatement(statement, statements);
                    }
                    else
                    {
                        Problem(item, "each statement is a JSON object");
                    }
                }

                break;
            case var other:
                Problem(other, "`Statement` is a statement object or an array of them");
                break;
        }

        return (version, id, statements);
    }

    private void AddStatement(MappingNode node, List<StatementDraft> statements)
    {
        if (Statement(node) is { } draft)
        {
            statements.Add(draft);
        }
    }

    private StatementDraft? Statement(MappingNode node)
    {
        var before = _problems.Count;
        CheckElements(node, s_statementElements, "statement");
        var sid = node.Get("Sid") is { } sidNode ? Text(sidNode, "Sid") : null;

        var effect = IamEffect.Deny;
        switch (node.Get("Effect"))
        {
            case null:
                Problem(node, "the statement has no `Effect`");
                break;
            case var effectNode when Text(effectNode, "Effect") is { } text:
                if (text == "Allow")
                {
                    effect = IamEffect.Allow;
                }
                else if (text != "Deny")
                {
                    Problem(effectNode, $"`Effect` is `{text}`; it must be `Allow` or `Deny` (case matters)");
                }

                break;
        }

        var (actionNode, notAction) = OneOf(node, "Action", "NotAction", required: true);
        var actions = actionNode is null ? [] : Strings(actionNode, notAction ? "NotAction" : "Action");
        foreach (var (action, at) in actions)
        {
            if (action != "*" && (action.IndexOf(':', StringComparison.Ordinal) is var colon && (colon <= 0 || colon == action.Length - 1)))
            {
                Problem(at, $"`{action}` is not an action; write `service:Action` or `*`");
            }
        }

        var (resourceNode, notResource) = OneOf(node, "Resource", "NotResource", required: _kind != IamPolicyKind.KeyPolicy);
        var resources = resourceNode is null ? [] : Strings(resourceNode, notResource ? "NotResource" : "Resource");
        var resourceTexts = new List<PolicyText>();
        foreach (var (resource, at) in resources)
        {
            if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
            {
                Problem(at, $"`{resource}` is not a resource; write an ARN or `*`");
            }

            resourceTexts.Add(PolicyText.Parse(resource, _variables, ResourcePartStart(resource)));
        }

        var (principals, notPrincipal) = Principal(node, effect);
        var conditions = node.Get("Condition") is { } conditionNode ? Conditions(conditionNode) : [];

        if (_problems.Count > before)
        {
            return null;
        }

        var variables = resourceTexts.SelectMany(t => t.Variables)
            .Concat(conditions.OfType<IVariableHolder>().SelectMany(c => c.Variables))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new StatementDraft(
            sid,
            effect,
            node.Position.Line,
            node.Position.Column,
            new ActionList(actions.Select(a => a.Text)),
            notAction,
            resourceNode is null ? null : new ResourceList(resourceTexts),
            notResource,
            principals,
            notPrincipal,
            [.. conditions],
            variables);
    }

    private (PrincipalSet? Principals, bool NotPrincipal) Principal(MappingNode statement, IamEffect effect)
    {
        var takesPrincipal = _kind is IamPolicyKind.Resource or IamPolicyKind.KeyPolicy or IamPolicyKind.ResourceControl;
        var (node, not) = OneOf(statement, "Principal", "NotPrincipal", required: false);
        if (!takesPrincipal)
        {
            if (node is not null)
            {
                Problem(node, $"`{(not ? "NotPrincipal" : "Principal")}` is not allowed in {Describe(_kind)}: it applies to whoever it is attached to");
            }

            return (null, false);
        }

        if (node is null)
        {
            Problem(statement, $"a statement of {Describe(_kind)} needs a `Principal`");
            return (null, false);
        }

        if (not && effect == IamEffect.Allow)
        {
            Problem(node, "`NotPrincipal` works only with `\"Effect\": \"Deny\"`; use `Principal` with a condition on `aws:PrincipalArn`");
        }

        if (not && _kind == IamPolicyKind.ResourceControl)
        {
            Problem(node, "resource control policies do not support `NotPrincipal`");
        }

        if (node is ScalarNode { Text: "*", Kind: ScalarKind.String })
        {
            return (new PrincipalSet(everyone: true, []), not);
        }

        if (node is not MappingNode map)
        {
            Problem(node, "`Principal` is `\"*\"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser`");
            return (null, not);
        }

        CheckElements(map, ["AWS", "Service", "Federated", "CanonicalUser"], "principal");
        var everyone = false;
        var entries = new List<PrincipalEntry>();
        foreach (var (type, values) in map.Entries)
        {
            foreach (var (value, at) in Strings(values, type))
            {
                switch (type)
                {
                    case "AWS" when value == "*":
                        everyone = true;
                        break;
                    case "AWS":
                        if (AwsPrincipal(value) is { } entry)
                        {
                            entries.Add(entry);
                        }
                        else
                        {
                            Problem(at, value.AsSpan().IndexOfAny('*', '?') >= 0
                                ? $"`{value}`: a principal cannot hold wildcards; use `\"*\"` alone, or a condition on `aws:PrincipalArn`"
                                : $"`{value}` is not an AWS principal (an account ID, or the ARN of an account root, user, role, role session or federated user)");
                        }

                        break;
                    case "Service":
                        entries.Add(new PrincipalEntry(PrincipalEntryKind.Service, value));
                        break;
                    default:
                        entries.Add(new PrincipalEntry(PrincipalEntryKind.Other, value));
                        break;
                }
            }
        }

        return (new PrincipalSet(everyone, entries), not);
    }

    private static PrincipalEntry? AwsPrincipal(string value)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            return new PrincipalEntry(PrincipalEntryKind.Account, value);
        }

        // A saved policy shows a deleted principal as its unique ID (AIDA..., AROA...); it names no one any more.
        if (value.Length >= 16 && value[0] == 'A' && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return new PrincipalEntry(PrincipalEntryKind.Other, value);
        }

        if (value.AsSpan().IndexOfAny('*', '?') >= 0 || !IamPrincipal.TryParse(value, out var principal, out _) || principal.Arn is null)
        {
            return null;
        }

        return principal.Kind switch
        {
            IamPrincipalKind.Root => new PrincipalEntry(PrincipalEntryKind.Account, principal.Account!),
            IamPrincipalKind.User => new PrincipalEntry(PrincipalEntryKind.User, principal.Arn),
            IamPrincipalKind.RoleSession when principal.HasSessionArn => new PrincipalEntry(PrincipalEntryKind.RoleSession, principal.Arn),
            IamPrincipalKind.RoleSession => new PrincipalEntry(PrincipalEntryKind.Role, PrincipalSet.RoleKey(principal.Account!, principal.RoleName!)),
            IamPrincipalKind.FederatedUser => new PrincipalEntry(PrincipalEntryKind.FederatedUser, principal.Arn),
            _ => null,
        };
    }

    private List<ConditionClause> Conditions(InputNode node)
    {
        var clauses = new List<ConditionClause>();
        if (node is not MappingNode block)
        {
            Problem(node, "`Condition` is an object of condition operators");
            return clauses;
        }

        CheckDuplicates(block);
        foreach (var (name, keysNode) in block.Entries)
        {
            var op = ConditionOperator.Parse(name);
            if (op is null)
            {
                Problem(keysNode, $"`{name}` is not a condition operator");
                continue;
            }

            if (keysNode is not MappingNode { Entries.Length: > 0 } keys)
            {
                Problem(keysNode, $"`{name}` takes an object of condition keys and their values");
                continue;
            }

            CheckDuplicates(keys);
            foreach (var (key, valuesNode) in keys.Entries)
            {
                var values = Strings(valuesNode, key);
                if (values.Count > 0 && Clause(op, key, values) is { } clause)
                {
                    clauses.Add(clause);
                }
            }
        }

        return clauses;
    }

    private ConditionClause? Clause(ConditionOperator op, string key, List<(string Text, InputNode At)> values)
    {
        var before = _problems.Count;
        T[] Parsed<T>(string what, Func<string, (bool Ok, T Value)> parse) =>
            [.. values.Select(v =>
            {
                var (ok, value) = parse(v.Text);
                if (!ok)
                {
                    Problem(v.At, $"`{v.Text}` is not {what} ({op.Name})");
                }

                return value;
            })];

        ConditionClause clause = op.Family switch
        {
            ConditionFamily.String => new StringClause(op, key, Texts(values)),
            ConditionFamily.Arn => new ArnClause(op, key, Texts(values)),
            ConditionFamily.Bool => new BoolClause(op, key, Texts(values, check: t => ConditionValues.TryBoolean(t, out _), what: "`true` or `false`", op)),
            ConditionFamily.Numeric => new NumericClause(op, key, Parsed("a number", t => (ConditionValues.TryNumber(t, out var n), n))),
            ConditionFamily.Date => new DateClause(op, key, Parsed("a date (ISO 8601 or epoch seconds)", t => (ConditionValues.TryDate(t, out var d), d))),
            ConditionFamily.IpAddress => new IpClause(op, key, Parsed("an IPv4 or IPv6 address or CIDR block", t => (IpValue.TryParse(t, out var a), a))),
            ConditionFamily.Binary => new BinaryClause(op, key, Parsed("base64", t => (TryBase64(t, out var b), b))),
            _ => new NullClause(op, key, Parsed("`true` or `false`", t => (ConditionValues.TryBoolean(t, out var b), b))),
        };
        return _problems.Count > before ? null : clause;
    }

    private PolicyText[] Texts(List<(string Text, InputNode At)> values, Func<string, bool>? check = null, string? what = null, ConditionOperator? op = null)
    {
        var texts = new PolicyText[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            texts[i] = PolicyText.Parse(values[i].Text, _variables);
            if (check is not null && texts[i].Constant is { } constant && !check(constant))
            {
                Problem(values[i].At, $"`{values[i].Text}` is not {what} ({op!.Name})");
            }
        }

        return texts;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out var written);
        bytes = ok ? buffer[..written] : [];
        return ok;
    }

    /// <summary>Where an ARN's resource part begins: after its fifth colon outside <c>${...}</c>; policy variables count only from there.</summary>
    private static int ResourcePartStart(string arn)
    {
        var colons = 0;
        var depth = 0;
        for (var i = 0; i < arn.Length; i++)
        {
            if (arn[i] == '$' && i + 1 < arn.Length && arn[i + 1] == '{')
            {
                depth++;
            }
            else if (arn[i] == '}' && depth > 0)
            {
                depth--;
            }
            else if (arn[i] == ':' && depth == 0 && ++colons == 5)
            {
                return i + 1;
            }
        }

        return arn.Length;
    }

    /// <summary>The element that is present of a pair that excludes each other (<c>Action</c>/<c>NotAction</c>), and whether it is the negated one.</summary>
    private (InputNode? Node, bool Negated) OneOf(MappingNode statement, string element, string negated, bool required)
    {
        var plain = statement.Get(element);
        var not = statement.Get(negated);
        if (plain is not null && not is not null)
        {
            Problem(not, $"a statement has `{element}` or `{negated}`, not both");
        }
        else if (plain is null && not is null && required)
        {
            Problem(statement, $"the statement has neither `{element}` nor `{negated}`");
        }

        return plain is not null ? (plain, false) : (not, not is not null);
    }

    /// <summary>A string, or an array of them (a number or Boolean counts as its text); each with its node for positions.</summary>
    private List<(string Text, InputNode At)> Strings(InputNode node, string element)
    {
        var values = new List<(string, InputNode)>();
        switch (node)
        {
            case ScalarNode { Kind: not ScalarKind.Null, Text: { } text }:
                values.Add((text, node));
                break;
            case SequenceNode { Items.Length: 0 }:
                Problem(node, $"`{element}` holds no value");
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item is ScalarNode { Kind: not ScalarKind.Null, Text: { } itemText })
                    {
                        values.Add((itemText, item));
                    }
                    else
                    {
                        Problem(item, $"each value of `{element}` is a string");
                    }
                }

                break;
            default:
                Problem(node, $"`{element}` is a string or an array of strings");
                break;
        }

        return values;
    }

    private string? Text(InputNode node, string element)
    {
        if (node is ScalarNode { Kind: ScalarKind.String, Text: { } text })
        {
            return text;
        }

        Problem(node, $"`{element}` is a string");
        return null;
    }

    private void CheckElements(MappingNode node, string[] known, string what)
    {
        CheckDuplicates(node);
        foreach (var (name, value) in node.Entries)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var hint = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                Problem(value, hint is null
                    ? $"`{name}` is not an element of a {what}; it takes {string.Join(", ", known.Select(k => $"`{k}`"))}"
                    : $"`{name}` is not an element of a {what}; did you mean `{hint}`? (element names are case-sensitive)");
            }
        }
    }

    private void CheckDuplicates(MappingNode node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in node.Entries)
        {
            if (!seen.Add(name))
            {
                Problem(value, $"`{name}` appears twice; AWS rejects repeated keys (merge their values)");
            }
        }
    }

    private void Problem(InputNode at, string message) => _problems.Add(new IamPolicyProblem(message, at.Position.Line, at.Position.Column));

    private static string Describe(IamPolicyKind kind) => kind switch
    {
        IamPolicyKind.Identity => "an identity policy",
        IamPolicyKind.PermissionsBoundary => "a permissions boundary",
        IamPolicyKind.ServiceControl => "a service control policy",
        IamPolicyKind.ResourceControl => "a resource control policy",
        IamPolicyKind.KeyPolicy => "a key policy",
        _ => "a resource policy",
    };
}
