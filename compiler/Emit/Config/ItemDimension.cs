using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// One way a configuration item can be in one respect (its encryption flag is true, its key is an AWS managed alias,
/// ...): the Guard clauses that recognise it, one per line (each line may be a disjunction), and how to make a sample
/// item that is that way.
/// </summary>
internal sealed record ItemAlternative(string Label, ImmutableArray<string> Clauses, Action<JsonObject> Apply);

/// <summary>
/// A respect in which configuration items differ, with alternatives that are mutually exclusive and together cover
/// every item: Guard tells them apart, and the evaluator decides a sample of each.
/// </summary>
internal sealed record ItemDimension(string Name, ImmutableArray<ItemAlternative> Alternatives);
