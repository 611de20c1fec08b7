using System.Collections.Immutable;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Testing;

/// <summary>A test file: the policy files it tests (resolved against its folder) and its cases, in file order.</summary>
public sealed record PolicyTestFile(string Path, ImmutableArray<string> Policy, ImmutableArray<TestCase> Cases);

/// <summary>One case of a test file, with where it is written and the date it is evaluated on.</summary>
public abstract record TestCase(string Name, SourcePosition Position, DateOnly Date);

/// <summary>Resources and the verdicts the policy's rules must give them.</summary>
public sealed record ResourceTestCase(
    string Name,
    SourcePosition Position,
    DateOnly Date,
    ImmutableArray<Resource> Resources,
    ImmutableArray<VerdictExpectation> Expectations) : TestCase(Name, Position, Date);

/// <summary>
/// The verdict a rule must give. <see cref="Resource"/> names the resource; when null, the expectation is about every
/// resource of the case the rule applies to (they must agree). <see cref="Reason"/> must occur in the finding's
/// reason; <see cref="Waiver"/> must be the waiver that covers it.
/// </summary>
public sealed record VerdictExpectation(string RuleId, string? Resource, Verdict Verdict, string? Reason, string? Waiver, SourcePosition Position);

/// <summary>An access request and the decision the policy's access rules must reach for it.</summary>
public sealed record AccessTestCase(
    string Name,
    SourcePosition Position,
    DateOnly Date,
    AccessTestRequest Request,
    AccessExpectation Expectation) : TestCase(Name, Position, Date);

/// <summary>Who asks to do what to which resource, with the tags and context keys the rules decide on.</summary>
public sealed record AccessTestRequest(
    string Principal,
    ImmutableSortedDictionary<string, string> PrincipalTags,
    string Action,
    string Resource,
    ImmutableSortedDictionary<string, string> ResourceTags,
    ImmutableSortedDictionary<string, string> RequestTags,
    ImmutableSortedDictionary<string, string> Context,
    DateTimeOffset? Time);

/// <summary>The decision (<c>allow</c> or <c>deny</c>) and, optionally, the access rule that must decide it.</summary>
public sealed record AccessExpectation(string Decision, string? Rule, SourcePosition Position);
