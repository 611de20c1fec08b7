using Sec08Policy.Engine.Iam;
using static Sec08Policy.Tests.Iam.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>
/// Every condition operator family and modifier, with the IAM User Guide's examples and the edge cases: an absent key
/// with and without IfExists, set operators on a missing or multi-valued key, negated operators, case rules.
/// </summary>
public class IamConditionTests
{
    /// <summary>Whether an Allow statement with the condition grants the request.</summary>
    private static bool Holds(
        string condition,
        IEnumerable<(string, string)>? context = null,
        IEnumerable<(string, string)>? principalTags = null,
        IEnumerable<(string, string)>? requestTags = null,
        string principal = Role,
        IamEvaluationOptions? options = null)
    {
        var policy = Statement($$$"""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{{{condition}}}}""");
        var request = Request(action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111122223333:key/k1", principal: principal,
            context: context, principalTags: principalTags, requestTags: requestTags);
        return DecideIdentity(policy, request, options).IsAllowed;
    }

    [TestCase("data", true)]
    [TestCase("Data", false)]
    [TestCase("other", false)]
    public void StringEquals_ComparesValuesCaseSensitively(string value, bool expected) =>
        Assert.That(Holds("""{"StringEquals":{"aws:PrincipalTag/team":"data"}}""", principalTags: [("team", value)]), Is.EqualTo(expected));

    [Test]
    public void ConditionKeyNames_IgnoreCase_TagKeysIncluded() =>
        Assert.That(Holds("""{"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"data"}}""", principalTags: [("team", "data")]), Is.True);

    [TestCase("""{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", false, TestName = "AbsentKey_StringEquals_IsFalse")]
    [TestCase("""{"StringNotEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", true, TestName = "AbsentKey_StringNotEquals_IsTrue")]
    [TestCase("""{"StringEqualsIfExists":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", true, TestName = "AbsentKey_StringEqualsIfExists_IsTrue")]
    [TestCase("""{"StringNotEqualsIfExists":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", true, TestName = "AbsentKey_StringNotEqualsIfExists_IsTrue")]
    [TestCase("""{"StringLike":{"kms:ViaService":"*"}}""", false, TestName = "AbsentKey_StringLikeStar_IsFalse")]
    [TestCase("""{"NumericLessThan":{"s3:max-keys":"10"}}""", false, TestName = "AbsentKey_Numeric_IsFalse")]
    [TestCase("""{"NumericNotEquals":{"s3:max-keys":"10"}}""", true, TestName = "AbsentKey_NumericNotEquals_IsTrue")]
    [TestCase("""{"DateNotEquals":{"aws:TokenIssueTime":"2026-01-01"}}""", true, TestName = "AbsentKey_DateNotEquals_IsTrue")]
    [TestCase("""{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""", true, TestName = "AbsentKey_NotIpAddress_IsTrue")]
    [TestCase("""{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::*"}}""", true, TestName = "AbsentKey_ArnNotLike_IsTrue")]
    [TestCase("""{"Bool":{"aws:SecureTransport":"false"}}""", false, TestName = "AbsentKey_Bool_IsFalse")]
    [TestCase("""{"BoolIfExists":{"aws:SecureTransport":"false"}}""", true, TestName = "AbsentKey_BoolIfExists_IsTrue")]
    [TestCase("""{"Null":{"kms:ViaService":"true"}}""", true, TestName = "AbsentKey_NullTrue_IsTrue")]
    [TestCase("""{"Null":{"kms:ViaService":"false"}}""", false, TestName = "AbsentKey_NullFalse_IsFalse")]
    [TestCase("""{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}""", true, TestName = "AbsentKey_ForAllValues_IsTrue")]
    [TestCase("""{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a"]}}""", true, TestName = "AbsentKey_ForAllValuesNegated_IsTrue")]
    [TestCase("""{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}""", false, TestName = "AbsentKey_ForAnyValue_IsFalse")]
    [TestCase("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}""", false, TestName = "AbsentKey_ForAnyValueNegated_IsFalse")]
    [TestCase("""{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a"]}}""", true, TestName = "AbsentKey_ForAnyValueIfExists_IsTrue")]
    public void AbsentKey(string condition, bool expected) => Assert.That(Holds(condition), Is.EqualTo(expected));

    [TestCase("""{"StringEqualsIfExists":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", "s3.eu-west-1.amazonaws.com", true)]
    [TestCase("""{"StringEqualsIfExists":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", "ec2.eu-west-1.amazonaws.com", false)]
    [TestCase("""{"StringNotEqualsIfExists":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""", "s3.eu-west-1.amazonaws.com", false)]
    [TestCase("""{"Null":{"kms:ViaService":"false"}}""", "anything", true)]
    [TestCase("""{"Null":{"kms:ViaService":"true"}}""", "anything", false)]
    [TestCase("""{"Null":{"kms:ViaService":"false"}}""", "", true)]
    public void PresentKey(string condition, string value, bool expected) =>
        Assert.That(Holds(condition, context: [("kms:ViaService", value)]), Is.EqualTo(expected));

    [TestCase("data", true)]
    [TestCase("DATA", true)]
    [TestCase("dat", false)]
    public void StringEqualsIgnoreCase_IgnoresCase(string value, bool expected)
    {
        Assert.That(Holds("""{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"Data"}}""", principalTags: [("team", value)]), Is.EqualTo(expected));
        Assert.That(Holds("""{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"Data"}}""", principalTags: [("team", value)]), Is.EqualTo(!expected));
    }

    [TestCase("marketing/*", "marketing/2026/plan.doc", true)]
    [TestCase("marketing/*", "Marketing/plan.doc", false)]
    [TestCase("d?ta", "data", true)]
    [TestCase("d?ta", "dta", false)]
    [TestCase("*", "", true)]
    [TestCase("a*b*c", "aXbYc", true)]
    [TestCase("a*b*c", "aXbY", false)]
    public void StringLike_MatchesWildcardsCaseSensitively(string pattern, string value, bool expected)
    {
        Assert.That(Holds($$$"""{"StringLike":{"s3:prefix":"{{{pattern}}}"}}""", context: [("s3:prefix", value)]), Is.EqualTo(expected));
        Assert.That(Holds($$$"""{"StringNotLike":{"s3:prefix":"{{{pattern}}}"}}""", context: [("s3:prefix", value)]), Is.EqualTo(!expected));
    }

    [TestCase("b", true, false)]
    [TestCase("c", false, true)]
    public void SeveralValues_AreOredAndNegatedOperatorsNorThem(string value, bool equals, bool notEquals)
    {
        Assert.That(Holds("""{"StringEquals":{"aws:PrincipalTag/team":["a","b"]}}""", principalTags: [("team", value)]), Is.EqualTo(equals));
        Assert.That(Holds("""{"StringNotEquals":{"aws:PrincipalTag/team":["a","b"]}}""", principalTags: [("team", value)]), Is.EqualTo(notEquals));
    }

    [TestCase("data", "employee", true)]
    [TestCase("data", "contractor", false)]
    [TestCase("web", "employee", false)]
    public void SeveralKeysAndOperators_AreAnded(string team, string employment, bool expected) =>
        Assert.That(
            Holds("""{"StringEquals":{"aws:PrincipalTag/team":"data","aws:PrincipalTag/employment":"employee"},"StringNotEquals":{"aws:PrincipalTag/quarantine":"true"}}""",
                principalTags: [("team", team), ("employment", employment)]),
            Is.EqualTo(expected));

    [TestCase("NumericLessThan", "5", true)]
    [TestCase("NumericLessThan", "10", false)]
    [TestCase("NumericLessThanEquals", "10", true)]
    [TestCase("NumericGreaterThan", "10.5", true)]
    [TestCase("NumericGreaterThanEquals", "10.0", true)]
    [TestCase("NumericEquals", "10.0", true)]
    [TestCase("NumericEquals", "-10", false)]
    [TestCase("NumericNotEquals", "11", true)]
    [TestCase("NumericNotEquals", "10", false)]
    [TestCase("NumericEquals", "ten", false)]
    [TestCase("NumericNotEquals", "ten", true)]
    public void Numeric_ComparesNumbers(string op, string value, bool expected) =>
        Assert.That(Holds($$$"""{"{{{op}}}":{"s3:max-keys":"10"}}""", context: [("s3:max-keys", value)]), Is.EqualTo(expected));

    [Test]
    public void Numeric_TakesUnquotedJsonNumbers() =>
        Assert.That(Holds("""{"NumericLessThanEquals":{"s3:max-keys":10}}""", context: [("s3:max-keys", "10")]), Is.True);

    // The request time is 2026-10-01T12:00:00Z (epoch 1790856000).
    [TestCase("DateGreaterThan", "2026-01-01T00:00:00Z", true)]
    [TestCase("DateGreaterThan", "2026-10-01T12:00:00Z", false)]
    [TestCase("DateGreaterThanEquals", "2026-10-01T12:00:00Z", true)]
    [TestCase("DateLessThan", "2027-01-01", true)]
    [TestCase("DateLessThan", "2026-10-01", false)]
    [TestCase("DateLessThan", "2026-10-01T14:00:00+01:00", true)]
    [TestCase("DateLessThanEquals", "2026-10-01T13:00:00+01:00", true)]
    [TestCase("DateEquals", "2026-10-01T12:00:00Z", true)]
    [TestCase("DateEquals", "1790856000", true)]
    [TestCase("DateLessThan", "1790856001", true)]
    [TestCase("DateGreaterThan", "1790855999", true)]
    [TestCase("DateNotEquals", "2026-10-01T12:00:00Z", false)]
    [TestCase("DateGreaterThan", "2026", true)]
    [TestCase("DateLessThan", "2026-11", true)]
    public void Date_ComparesIsoAndEpochForms(string op, string value, bool expected)
    {
        Assert.That(Holds($$$"""{"{{{op}}}":{"aws:CurrentTime":"{{{value}}}"}}"""), Is.EqualTo(expected), "aws:CurrentTime");
        Assert.That(Holds($$$"""{"{{{op}}}":{"aws:EpochTime":"{{{value}}}"}}"""), Is.EqualTo(expected), "aws:EpochTime");
    }

    [TestCase("\"true\"", "true", true)]
    [TestCase("true", "TRUE", true)]
    [TestCase("\"false\"", "true", false)]
    [TestCase("\"false\"", "false", true)]
    [TestCase("\"true\"", "yes", false)]
    public void Bool_ComparesBooleansIgnoringCase(string policyValue, string requestValue, bool expected) =>
        Assert.That(Holds("""{"Bool":{"aws:SecureTransport":""" + policyValue + "}}", context: [("aws:SecureTransport", requestValue)]), Is.EqualTo(expected));

    [TestCase("QmluYXJ5VmFsdWU=", true)]
    [TestCase("T3RoZXI=", false)]
    [TestCase("not base64!", false)]
    public void BinaryEquals_ComparesBytes(string requestValue, bool expected) =>
        Assert.That(Holds("""{"BinaryEquals":{"kms:RecipientAttestation:ImageSha384":"QmluYXJ5VmFsdWU="}}""", context: [("kms:RecipientAttestation:ImageSha384", requestValue)]), Is.EqualTo(expected));

    [TestCase("203.0.113.0/24", "203.0.113.7", true)]
    [TestCase("203.0.113.0/24", "203.0.114.7", false)]
    [TestCase("203.0.113.7", "203.0.113.7", true)]
    [TestCase("203.0.113.7", "203.0.113.8", false)]
    [TestCase("10.0.0.0/8", "10.255.1.2", true)]
    [TestCase("0.0.0.0/0", "198.51.100.1", true)]
    [TestCase("2001:DB8:1234:5678::/64", "2001:db8:1234:5678::1", true)]
    [TestCase("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1", false)]
    [TestCase("2001:DB8:1234:5678::/64", "203.0.113.7", false)]
    [TestCase("203.0.113.0/24", "2001:db8::1", false)]
    [TestCase("203.0.113.0/24", "not an address", false)]
    public void IpAddress_MatchesIPv4AndIPv6Blocks(string block, string address, bool expected)
    {
        Assert.That(Holds($$$"""{"IpAddress":{"aws:SourceIp":"{{{block}}}"}}""", context: [("aws:SourceIp", address)]), Is.EqualTo(expected));
        Assert.That(Holds($$$"""{"NotIpAddress":{"aws:SourceIp":"{{{block}}}"}}""", context: [("aws:SourceIp", address)]), Is.EqualTo(!expected));
    }

    [TestCase("arn:aws:iam::*:role/Data*", true)]
    [TestCase("arn:aws:iam::111122223333:*", true)]
    [TestCase("arn:aws:iam::*", true)]
    [TestCase("*", true)]
    [TestCase("arn:aws:iam::444455556666:role/*", false)]
    [TestCase("arn:aws:iam::111122223333:role/dataplatform", false)]
    [TestCase("arn:aws:*:role/DataPlatform", false)]
    [TestCase("arn:aws:iam::?????????333:role/DataPlatform", true)]
    public void ArnLike_MatchesEachComponentOnItsOwn(string pattern, bool expected)
    {
        foreach (var op in new[] { "ArnLike", "ArnEquals" })
        {
            Assert.That(Holds($$$"""{"{{{op}}}":{"aws:PrincipalArn":"{{{pattern}}}"}}"""), Is.EqualTo(expected), op);
        }

        foreach (var op in new[] { "ArnNotLike", "ArnNotEquals" })
        {
            Assert.That(Holds($$$"""{"{{{op}}}":{"aws:PrincipalArn":"{{{pattern}}}"}}"""), Is.EqualTo(!expected), op);
        }
    }

    [Test]
    public void ArnLike_StopsAtColonsWhereStringLikeDoesNot()
    {
        Assert.That(Holds("""{"StringLike":{"aws:PrincipalArn":"arn:aws:*:role/DataPlatform"}}"""), Is.True);
        Assert.That(Holds("""{"ArnLike":{"aws:PrincipalArn":"arn:aws:*:role/DataPlatform"}}"""), Is.False);
    }

    // The IAM User Guide's table for ForAllValues:StringNotLike {"aws:TagKeys": "key1*"}.
    [TestCase(new[] { "key1:legal" }, false)]
    [TestCase(new[] { "key1:hr", "key1:personnel" }, false)]
    [TestCase(new[] { "key2:audit" }, true)]
    [TestCase(new[] { "key1:hr", "key2:audit" }, false)]
    public void ForAllValuesStringNotLike_FollowsTheUserGuideTable(string[] tagKeys, bool expected) =>
        Assert.That(Holds("""{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}""", requestTags: tagKeys.Select(k => (k, "v"))), Is.EqualTo(expected));

    [TestCase(new[] { "a" }, true, true)]
    [TestCase(new[] { "a", "b" }, true, true)]
    [TestCase(new[] { "a", "c" }, false, true)]
    [TestCase(new[] { "c" }, false, false)]
    public void SetOperators_OnMultiValuedKeys(string[] tagKeys, bool forAll, bool forAny)
    {
        var tags = tagKeys.Select(k => (k, "v")).ToList();
        Assert.That(Holds("""{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}""", requestTags: tags), Is.EqualTo(forAll), "ForAllValues");
        Assert.That(Holds("""{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}""", requestTags: tags), Is.EqualTo(forAny), "ForAnyValue");
    }

    [TestCase(new[] { "a" }, false)]
    [TestCase(new[] { "a", "c" }, true)]
    public void ForAnyValueNegated_HoldsWhenSomeValueMatchesNone(string[] tagKeys, bool expected) =>
        Assert.That(Holds("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"a"}}""", requestTags: tagKeys.Select(k => (k, "v"))), Is.EqualTo(expected));

    [Test]
    public void PlainOperatorsOnAMultiValuedKey_TestWhetherAnyValueMatches()
    {
        IEnumerable<(string, string)> tags = [("a", "v"), ("c", "v")];
        Assert.That(Holds("""{"StringEquals":{"aws:TagKeys":"a"}}""", requestTags: tags), Is.True);
        Assert.That(Holds("""{"StringNotEquals":{"aws:TagKeys":"a"}}""", requestTags: tags), Is.False);
    }

    [Test]
    public void SetOperators_OnAPresentButEmptyKey()
    {
        var policy = (string op) => Statement("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{""" + $"\"{op}\"" + """:{"aws:CalledVia":"athena.amazonaws.com"}}}""");
        var request = Request() is var r ? new IamRequest
        {
            Principal = r.Principal,
            Action = r.Action,
            Resource = r.Resource,
            Context = r.Context.Add("aws:CalledVia", []),
        } : null!;
        Assert.That(DecideIdentity(policy("ForAllValues:StringEquals"), request).IsAllowed, Is.True);
        Assert.That(DecideIdentity(policy("ForAnyValue:StringEquals"), request).IsAllowed, Is.False);
        var isNull = Statement("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:CalledVia":"true"}}}""");
        Assert.That(DecideIdentity(isNull, request).IsAllowed, Is.False, "an empty set is still a present key");
    }
}
