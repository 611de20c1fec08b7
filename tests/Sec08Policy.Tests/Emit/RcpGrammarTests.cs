using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Tests.Emit;

/// <summary>The grammar of resource control policies: an SCP's rules, and <c>"Principal": "*"</c> in every statement.</summary>
public class RcpGrammarTests
{
    private static PolicyDocument Document(string effect, PolicyPrincipal? principal) => new()
    {
        Statement =
        [
            new PolicyStatement
            {
                Sid = "Perimeter",
                Effect = effect,
                Principal = principal,
                Action = ValueList.Of("s3:*"),
                Resource = ValueList.Of("*"),
            },
        ],
    };

    [Test]
    public void DenyForEveryone_IsAnRcp()
    {
        Assert.That(PolicyGrammarCheck.CheckResourceControlPolicy(Document("Deny", PolicyPrincipal.Anyone)), Is.Empty);
    }

    [Test]
    public void Allow_IsRefused()
    {
        Assert.That(PolicyGrammarCheck.CheckResourceControlPolicy(Document("Allow", PolicyPrincipal.Anyone)), Does.Contain("Perimeter: RCP statements are Deny-only"));
    }

    [Test]
    public void NoPrincipal_OrANarrowerOne_IsRefused()
    {
        Assert.That(PolicyGrammarCheck.CheckResourceControlPolicy(Document("Deny", null)), Does.Contain("Perimeter: an RCP statement's Principal is \"*\""));
        Assert.That(PolicyGrammarCheck.CheckResourceControlPolicy(Document("Deny", PolicyPrincipal.Aws(["arn:aws:iam::111122223333:root"]))), Does.Contain("Perimeter: an RCP statement's Principal is \"*\""));
    }

    [Test]
    public void AnScpStatement_IsNoRcpStatement()
    {
        Assert.That(PolicyGrammarCheck.Check(Document("Deny", PolicyPrincipal.Anyone), keyPolicy: false, serviceControlPolicy: true), Is.Not.Empty);
    }
}
