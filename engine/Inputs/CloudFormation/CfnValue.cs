using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>A template value after intrinsic functions are resolved as far as the template alone allows.</summary>
internal abstract record CfnValue
{
    public string? AsString => this is CfnScalar s ? s.Text : null;

    public bool? AsBoolean => this is CfnScalar s
        ? (string.Equals(s.Text, "true", StringComparison.OrdinalIgnoreCase) ? true : string.Equals(s.Text, "false", StringComparison.OrdinalIgnoreCase) ? false : null)
        : null;
}

/// <summary>A string, number or boolean (CloudFormation accepts <c>"true"</c> and <c>true</c> alike).</summary>
internal sealed record CfnScalar(string? Text) : CfnValue;

internal sealed record CfnList(ImmutableArray<CfnValue> Items) : CfnValue;

/// <summary>
/// A mapping whose values are resolved when read: resources hold much that sec08 never looks at (key policies,
/// descriptions), and a reference inside it should not count as one the resource depends on.
/// </summary>
internal sealed record CfnMap(MappingNode Node, IntrinsicResolver Resolver) : CfnValue
{
    /// <summary>The resolved value of a key, or null when it is absent or resolves to <c>AWS::NoValue</c>.</summary>
    public CfnValue? Get(string key) => Node.Get(key) is { } value && Resolver.Resolve(value) is not CfnNoValue and var resolved ? resolved : null;
}

/// <summary><c>Ref</c> or <c>Fn::GetAtt</c> on a resource of the same template.</summary>
internal sealed record CfnReference(string LogicalId, string? Attribute) : CfnValue;

/// <summary>
/// A value only deployment can tell, with the reason. <see cref="MayBeAbsent"/>: the value may turn out to be
/// <c>AWS::NoValue</c> (an undecidable <c>Fn::If</c> with such a branch), so even the property's presence is unknown.
/// </summary>
internal sealed record CfnUnknown(string Reason, bool MayBeAbsent = false) : CfnValue;

/// <summary><c>AWS::NoValue</c>: the property is removed.</summary>
internal sealed record CfnNoValue : CfnValue;
