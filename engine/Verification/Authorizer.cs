using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Verification;

/// <summary>Both answers to one request: the language's, and the compiled documents'.</summary>
public sealed record DecisionPair(AccessRequest Request, AccessDecision Language, IamDecision Documents)
{
    /// <summary>Both allow, both deny explicitly, or both deny because nothing grants.</summary>
    public bool Agree => (Language.Outcome, Documents.Outcome) switch
    {
        (AccessOutcome.Allowed, IamDecisionOutcome.Allowed) => true,
        (AccessOutcome.ExplicitlyDenied, IamDecisionOutcome.ExplicitlyDenied) => true,
        (AccessOutcome.ImplicitlyDenied, IamDecisionOutcome.ImplicitlyDenied) => true,
        _ => false,
    };
}

/// <summary>
/// Decides access requests twice: by the language's procedure on the IR (<see cref="AccessDecider"/>), and by the IAM
/// decision engine on the documents the build wrote (<see cref="CompiledDocuments"/>). Safe to share between threads.
/// </summary>
public sealed class Authorizer(PolicySet policy, CompiledDocuments documents)
{
    public AccessDecider Language { get; } = new(policy);

    public CompiledDocuments Documents { get; } = documents;

    public DecisionPair Decide(AccessRequest request)
    {
        var key = Language.FindKey(request.Resource);
        return new DecisionPair(request, Language.Decide(request), Documents.Decide(request, key));
    }
}
