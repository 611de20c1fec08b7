using Sec08Policy.Engine.Iam;
using static Sec08Policy.Tests.Iam.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>Policy variables in condition values and in Resource: substitution, defaults, escapes, and a key the request lacks under both documented readings.</summary>
public class IamVariableTests
{
    private static readonly IamEvaluationOptions StatementInvalid = new() { UnresolvedVariables = IamUnresolvedVariables.StatementDoesNotApply };

    private static IamDecision Decide(string statement, IamRequest request, IamEvaluationOptions? options = null, string version = "2012-10-17") =>
        DecideIdentity(Doc($$"""{"Version":"{{version}}","Statement":[{{statement}}]}"""), request, options);

    private static IamRequest Kms(IEnumerable<(string, string)>? principalTags, IEnumerable<(string, string)>? resourceTags) =>
        Request(action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111122223333:key/k1", principalTags: principalTags, resourceTags: resourceTags);

    private const string TeamsMatch = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}""";
    private const string TeamsDiffer = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}""";

    [Test]
    public void TagVariable_IsSubstituted()
    {
        Assert.That(Decide(TeamsMatch, Kms([("team", "data")], [("team", "data")])).IsAllowed, Is.True);
        Assert.That(Decide(TeamsMatch, Kms([("team", "data")], [("team", "web")])).IsAllowed, Is.False);
        Assert.That(Decide(TeamsDiffer, Kms([("team", "data")], [("team", "web")])).IsAllowed, Is.True);
    }

    [Test]
    public void UnresolvedVariable_PositiveOperatorNeverMatches_UnderBothReadings()
    {
        var untagged = Kms(null, [("team", "data")]);
        Assert.That(Decide(TeamsMatch, untagged).IsAllowed, Is.False);
        Assert.That(Decide(TeamsMatch, untagged, StatementInvalid).IsAllowed, Is.False);
    }

    [Test]
    public void UnresolvedVariable_NegatedOperator_MatchesAsNoValue_OrVoidsTheStatement()
    {
        var untagged = Kms(null, [("team", "data")]);
        Assert.That(Decide(TeamsDiffer, untagged).IsAllowed, Is.True, "no value: StringNotEquals holds");
        Assert.That(Decide(TeamsDiffer, untagged, StatementInvalid).IsAllowed, Is.False, "statement invalid: it matches nothing");
    }

    [Test]
    public void UnresolvedVariable_InADenyStatement_DeniesOnlyUnderTheNoValueReading()
    {
        var deny = """{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}""";
        var set = new IamPolicySet { IdentityPolicies = [Statement(deny), Statement("""{"Effect":"Allow","Action":"kms:*","Resource":"*"}""", name: "allow")] };
        var untagged = Kms(null, [("team", "data")]);
        Assert.That(set.Decide(untagged).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied));
        Assert.That(set.Decide(untagged, StatementInvalid).Outcome, Is.EqualTo(IamDecisionOutcome.Allowed));
    }

    [Test]
    public void DefaultValue_IsUsedWhenTheKeyIsAbsent()
    {
        var statement = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team, 'unassigned'}"}}}""";
        Assert.That(Decide(statement, Kms(null, [("team", "unassigned")])).IsAllowed, Is.True);
        Assert.That(Decide(statement, Kms(null, [("team", "unassigned")]), StatementInvalid).IsAllowed, Is.True, "a default always resolves");
        Assert.That(Decide(statement, Kms([("team", "data")], [("team", "unassigned")])).IsAllowed, Is.False);
    }

    [Test]
    public void VariableInResource_MatchesTheUsersHome()
    {
        var statement = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}""";
        Assert.That(Decide(statement, Request(resource: "arn:aws:s3:::home/alice/notes.txt", principal: User)).IsAllowed, Is.True);
        Assert.That(Decide(statement, Request(resource: "arn:aws:s3:::home/bob/notes.txt", principal: User)).IsAllowed, Is.False);
        Assert.That(Decide(statement, Request(resource: "arn:aws:s3:::home//notes.txt", principal: Role)).IsAllowed, Is.False, "a role has no aws:username: the pattern matches nothing");
    }

    [Test]
    public void VariableInStringLike_IsLiteralTextAroundWildcards()
    {
        var statement = """{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}}""";
        IamRequest List(string prefix) => Request(action: "s3:ListBucket", resource: "arn:aws:s3:::data-bucket", principal: User, context: [("s3:prefix", prefix)]);
        Assert.That(Decide(statement, List("home/alice/2026/")).IsAllowed, Is.True);
        Assert.That(Decide(statement, List("home/alicex/2026/")).IsAllowed, Is.False);
    }

    [Test]
    public void SubstitutedValues_HoldNoWildcards()
    {
        var statement = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}""";
        Assert.That(Decide(statement, Kms([("team", "d*")], [("team", "data")])).IsAllowed, Is.False);
        Assert.That(Decide(statement, Kms([("team", "d*")], [("team", "d*")])).IsAllowed, Is.True);
    }

    [TestCase("a${*}b", "a*b", true)]
    [TestCase("a${*}b", "axb", false)]
    [TestCase("a${?}b", "a?b", true)]
    [TestCase("a${?}b", "axb", false)]
    [TestCase("cost${$}", "cost$", true)]
    [TestCase("a*b", "axyb", true)]
    public void Escapes_StandForTheirCharacter(string pattern, string value, bool expected)
    {
        var statement = """{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":""" + $"\"{pattern}\"" + "}}}";
        Assert.That(Decide(statement, Request(action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: [("s3:prefix", value)])).IsAllowed, Is.EqualTo(expected));
    }

    [Test]
    public void Version2008_ReadsVariablesAsText()
    {
        var statement = """{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"${aws:username}"}}}""";
        var literal = Request(action: "s3:ListBucket", resource: "arn:aws:s3:::b", principal: User, context: [("s3:prefix", "${aws:username}")]);
        var name = Request(action: "s3:ListBucket", resource: "arn:aws:s3:::b", principal: User, context: [("s3:prefix", "alice")]);
        Assert.That(Decide(statement, literal, version: "2008-10-17").IsAllowed, Is.True);
        Assert.That(Decide(statement, name, version: "2008-10-17").IsAllowed, Is.False);
        Assert.That(Decide(statement, name).IsAllowed, Is.True);
    }

    [Test]
    public void VariableBeforeTheResourcePart_IsText()
    {
        var statement = """{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${aws:RequestedRegion}:111122223333:orders"}""";
        var request = new IamRequest
        {
            Principal = IamPrincipal.Parse(Role),
            Action = "sqs:SendMessage",
            Resource = "arn:aws:sqs:eu-west-1:111122223333:orders",
            Region = "eu-west-1",
        };
        Assert.That(Decide(statement, request).IsAllowed, Is.False);
    }

    [Test]
    public void VariableInArnLike_IsSubstituted()
    {
        var statement = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}}}""";
        Assert.That(Decide(statement, Kms(null, null)).IsAllowed, Is.True);
    }
}
