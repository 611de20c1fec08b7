namespace Sec08Policy.Engine.Iam;

/// <summary>What a policy document is attached to: it decides which elements the document may hold and its part in a decision.</summary>
public enum IamPolicyKind
{
    /// <summary>An identity-based policy of a user or role (managed or inline).</summary>
    Identity,

    /// <summary>A permissions boundary of a user or role: an identity policy that caps what identity policies grant.</summary>
    PermissionsBoundary,

    /// <summary>A resource-based policy (bucket, queue, secret, ...): its statements name principals.</summary>
    Resource,

    /// <summary>A KMS key policy: a resource policy that must allow, directly or by delegating to the account, before IAM policies count.</summary>
    KeyPolicy,

    /// <summary>A service control policy of AWS Organizations: caps what the principals of member accounts may do.</summary>
    ServiceControl,

    /// <summary>A resource control policy of AWS Organizations: caps what may be done to the resources of member accounts.</summary>
    ResourceControl,
}
