using Sec08Policy.Engine.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>The policy grammar as AWS documents it per kind of document, and problems with their line and column.</summary>
public class IamPolicyParserTests
{
    private static IamPolicyProblem Problem(string json, IamPolicyKind kind = IamPolicyKind.Identity)
    {
        var result = IamPolicyDocument.Parse(json, kind, "test.json");
        Assert.That(result.Success, Is.False);
        Assert.That(result.Document, Is.Null, "a document with problems is not returned");
        return result.Problems[0];
    }

    [Test]
    public void Parse_StatementAsObjectOrArray_ValuesAsStringOrArray()
    {
        var single = IamPolicyDocument.Parse("""{"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", IamPolicyKind.Identity, "one.json");
        var list = IamPolicyDocument.Parse("""
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Deny", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] },
                { "Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*", "Condition": { "NumericLessThan": { "s3:max-keys": 10 }, "Bool": { "aws:SecureTransport": true } } }
              ]
            }
            """, IamPolicyKind.Identity, "list.json");
        Assert.That(single.Problems, Is.Empty);
        Assert.That(list.Problems, Is.Empty);
        var document = list.Document!;
        Assert.That((single.Document!.Version, single.Document.Id, single.Document.Statements.Single().Sid), Is.EqualTo(("2012-10-17", "p1", "One")));
        Assert.That(document.Statements.Select(s => (s.Index, s.Effect, s.Line, s.Column)), Is.EqualTo(new[] { (0, IamEffect.Deny, 4, 5), (1, IamEffect.Allow, 5, 5) }));
    }

    [Test]
    public void MalformedJson_IsAProblemWithItsPosition()
    {
        var problem = Problem("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    { \"Effect\": \"Allow\" \"Action\": \"*\" }\n  ]\n}");
        Assert.That((problem.Line, problem.Column), Is.EqualTo((4, 25)));
        Assert.That(problem.Message, Does.StartWith("malformed JSON"));
    }

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("{\"Version\":\"2012-10-17\"}")]
    [TestCase("{\"Version\":\"2012-10-17\",\"Statement\":[]}")]
    [TestCase("{\"Version\":\"2012-10-17\",\"Statement\":[\"s\"]}")]
    [TestCase("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}} trailing")]
    public void DocumentsThatAreNoPolicy_AreProblemsNotExceptions(string json) => Assert.That(Problem(json).Line, Is.GreaterThan(0));

    [Test]
    public void Comments_AreRejectedAsAwsRejectsThem()
    {
        var problem = Problem("{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\" // everything\n}}");
        Assert.That((problem.Line, problem.Column), Is.EqualTo((2, 59)));
    }

    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"*","Resource":"*"}}""", "`Effect` is `allow`; it must be `Allow` or `Deny` (case matters)", 1, 47)]
    [TestCase("""{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", "`Version` is `2012-10-18`; IAM knows `2012-10-17` and `2008-10-17`", 1, 12)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Action":"*","Resource":"*"}}""", "the statement has no `Effect`", 1, 37)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}""", "the statement has neither `Action` nor `NotAction`", 1, 37)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*"}}""", "the statement has neither `Resource` nor `NotResource`", 1, 37)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}}""", "a statement has `Action` or `NotAction`, not both", 1, 80)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","action":"*","Resource":"*"}}""", "`action` is not an element of a statement; did you mean `Action`? (element names are case-sensitive)", 1, 64)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}""", "`GetObject` is not an action; write `service:Action` or `*`", 1, 64)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}""", "`Action` holds no value", 1, 64)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"bucket"}}""", "`bucket` is not a resource; write an ARN or `*`", 1, 79)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}""", "`Effect` appears twice; AWS rejects repeated keys (merge their values)", 1, 64)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}""", "`Principal` is not allowed in an identity policy: it applies to whoever it is attached to", 1, 67)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}}""", "`StringEqualz` is not a condition operator", 1, 111)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}}""", "`NullIfExists` is not a condition operator", 1, 111)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}}""", "`ten` is not a number (NumericLessThan)", 1, 129)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}}""", "`tomorrow` is not a date (ISO 8601 or epoch seconds) (DateLessThan)", 1, 130)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}}""", "`10.0.0.0/33` is not an IPv4 or IPv6 address or CIDR block (IpAddress)", 1, 124)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"yes"}}}}""", "`yes` is not `true` or `false` (Bool)", 1, 126)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[]}}}}""", "`k` holds no value", 1, 116)]
    [TestCase("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":"b"}}}}}""", "`k` is a string or an array of strings", 1, 116)]
    public void GrammarProblems_SayWhatAndWhere(string json, string message, int line, int column)
    {
        var problem = Problem(json);
        Assert.That((problem.Message, problem.Line, problem.Column), Is.EqualTo((message, line, column)));
    }

    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", "a statement of a resource policy needs a `Principal`")]
    [TestCase(IamPolicyKind.KeyPolicy, """{"Effect":"Allow","Action":"kms:*","Resource":"*"}""", "a statement of a key policy needs a `Principal`")]
    [TestCase(IamPolicyKind.ServiceControl, """{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}""", "`Principal` is not allowed in a service control policy: it applies to whoever it is attached to")]
    [TestCase(IamPolicyKind.PermissionsBoundary, """{"Effect":"Allow","NotPrincipal":"*","Action":"s3:*","Resource":"*"}""", "`NotPrincipal` is not allowed in a permissions boundary: it applies to whoever it is attached to")]
    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}""", "`NotPrincipal` works only with `\"Effect\": \"Deny\"`; use `Principal` with a condition on `aws:PrincipalArn`")]
    [TestCase(IamPolicyKind.ResourceControl, """{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}""", "resource control policies do not support `NotPrincipal`")]
    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"s3:*","Resource":"*"}""", "`arn:aws:iam::111122223333:role/*`: a principal cannot hold wildcards; use `\"*\"` alone, or a condition on `aws:PrincipalArn`")]
    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","Principal":{"AWS":"alice"},"Action":"s3:*","Resource":"*"}""", "`alice` is not an AWS principal (an account ID, or the ARN of an account root, user, role, role session or federated user)")]
    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","Principal":{"Aws":"111122223333"},"Action":"s3:*","Resource":"*"}""", "`Aws` is not an element of a principal; did you mean `AWS`? (element names are case-sensitive)")]
    [TestCase(IamPolicyKind.Resource, """{"Effect":"Allow","Principal":"111122223333","Action":"s3:*","Resource":"*"}""", "`Principal` is `\"*\"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser`")]
    public void PrincipalRules_DependOnTheKindOfDocument(IamPolicyKind kind, string statement, string message) =>
        Assert.That(Problem($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", kind).Message, Is.EqualTo(message));

    [Test]
    public void EveryProblem_IsReported_NotOnlyTheFirst()
    {
        var result = IamPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Foo":{"k":"v"}}}]}""", IamPolicyKind.Identity);
        Assert.That(result.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "`Effect` is `Permit`; it must be `Allow` or `Deny` (case matters)",
            "`Foo` is not a condition operator",
        }));
    }

    [Test]
    public void Principals_InEveryDocumentedForm_Parse()
    {
        var result = IamPolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{
              "AWS":["111122223333","arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:user/division/alice","arn:aws:iam::111122223333:role/path/DataPlatform",
                     "arn:aws:sts::111122223333:assumed-role/DataPlatform/etl","arn:aws:sts::111122223333:federated-user/bob","arn:aws-cn:iam::111122223333:root","AIDAJQABLZS4A3QDU576Q"],
              "Service":["s3.amazonaws.com","cloudtrail.amazonaws.com"],
              "Federated":"cognito-identity.amazonaws.com",
              "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
              "Action":"s3:GetObject","Resource":"*"}]}
            """, IamPolicyKind.Resource);
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public void KeyPolicyStatementWithoutResource_Parses()
    {
        var result = IamPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*"}]}""", IamPolicyKind.KeyPolicy);
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public void OperatorNames_IgnoreCase_AndTakeSetOperatorsAndIfExists()
    {
        var result = IamPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"forallvalues:stringlikeifexists":{"aws:TagKeys":"a*"},"ForAnyValue:ArnNotLike":{"aws:CalledVia":"arn:*"}}}]}""", IamPolicyKind.Identity);
        Assert.That(result.Problems, Is.Empty);
    }
}
