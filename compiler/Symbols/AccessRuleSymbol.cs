using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>
/// An ABAC rule. With <see cref="Keys"/> it is granted in those keys' key policies; otherwise in an IAM identity
/// policy. <see cref="When"/> and <see cref="Unless"/> are null when absent.
/// </summary>
public sealed record AccessRuleSymbol(
    string Name,
    AccessEffect Effect,
    ImmutableArray<string> Actions,
    ImmutableArray<string> Resources,
    ImmutableArray<string> Principals,
    ImmutableArray<KeySymbol> Keys,
    BoundExpression? When,
    BoundExpression? Unless,
    DateTimeOffset? Until,
    string? Justification,
    string? Description,
    Location Location) : Symbol(Name, Location);
