using System.Collections.Immutable;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// The SCPs or RCPs attached at one level of an organization: the root, an OU, or the account. Every level on the
/// path from the root to the account must allow a request; AWS attaches <c>FullAWSAccess</c> (and
/// <c>RCPFullAWSAccess</c>) everywhere by default, so include it (<see cref="IamPolicyDocument.FullAwsAccess"/>) where
/// it is attached.
/// </summary>
public sealed record IamPolicyLevel(string Name, ImmutableArray<IamPolicyDocument> Policies);
