using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Verification;

/// <summary>What <see cref="Verifier"/> found: how many request classes it checked, and those decided differently.</summary>
public sealed record VerificationResult(int Checked, IReadOnlyList<DecisionPair> Disagreements)
{
    public bool Agrees => Disagreements.Count == 0;
}

/// <summary>
/// Checks that the compiled documents decide as the language does, over the request classes at the decision boundary
/// of every access rule, key and preventive requirement (<see cref="BoundaryRequests"/>).
/// </summary>
public static class Verifier
{
    public static VerificationResult Verify(PolicySet policy, CompiledDocuments documents, DateTimeOffset now)
    {
        var authorizer = new Authorizer(policy, documents);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var disagreements = new List<DecisionPair>();
        var count = 0;
        foreach (var request in new BoundaryRequests(policy, now).All())
        {
            if (!seen.Add(Identity(request)))
            {
                continue;
            }

            count++;
            var pair = authorizer.Decide(request);
            if (!pair.Agree)
            {
                disagreements.Add(pair);
            }
        }

        return new VerificationResult(count, disagreements);
    }

    /// <summary>A request class's identity, so that each is decided once.</summary>
    private static string Identity(AccessRequest request) => string.Join(
        '\n',
        request.Principal,
        request.Action,
        request.Resource,
        request.S3BucketAbac ? "abac" : "-",
        request.Time.UtcTicks,
        string.Join(',', request.PrincipalTags.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        string.Join(',', request.ResourceTags.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        string.Join(',', request.Context.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
}
