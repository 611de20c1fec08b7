namespace Sec08Policy.Engine.Predicates;

/// <summary>
/// The copies the resource is or makes (snapshots and their copies, read replicas, recovery points, backup and
/// replication copies) are encrypted; with <see cref="Key"/>, with that key.
/// </summary>
public sealed record CopiesEncryptedPredicate(NamedKeyPredicate? Key) : Predicate;

/// <summary>Which side of a retention period a clause bounds.</summary>
public enum RetentionBound
{
    /// <summary>The data is kept at least the days.</summary>
    AtLeast,

    /// <summary>The data is gone after at most the days.</summary>
    AtMost,
}

/// <summary>The resource keeps its data at least, or at most, <see cref="Days"/> days.</summary>
public sealed record RetentionPredicate(RetentionBound Bound, int Days) : Predicate;
