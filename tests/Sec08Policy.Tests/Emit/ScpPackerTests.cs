using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Compiler.Emit.Scp;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Tests.Emit;

public class ScpPackerTests
{
    private static readonly SourceOrigin s_origin = new("p.sec08", 1, 1);

    /// <summary>A Deny statement whose minified text is exactly <paramref name="length"/> characters.</summary>
    private static ScpStatementSource StatementOfLength(string sid, int length)
    {
        var empty = new ScpStatementSource(Make(sid, string.Empty), "r.1", s_origin);
        var padding = length - empty.Minified.Length;
        Assert.That(padding, Is.GreaterThanOrEqualTo(0));
        var statement = new ScpStatementSource(Make(sid, new string('x', padding)), "r.1", s_origin);
        Assert.That(statement.Minified, Has.Length.EqualTo(length));
        return statement;
    }

    private static PolicyStatement Make(string sid, string padding) => new()
    {
        Sid = sid,
        Effect = "Deny",
        Action = ValueList.Of("s3:PutObject"),
        Resource = ValueList.Of("arn:aws:s3:::b" + padding),
    };

    [Test]
    public void Pack_TwoStatementsFillingExactlyTheLimit_FitInOnePolicy()
    {
        const int limit = 1000;
        var first = StatementOfLength("A", 400);
        var secondLength = limit - ScpPacker.EmptyDocumentLength - 400 - 1;
        var second = StatementOfLength("B", secondLength);

        var packing = ScpPacker.Pack([first, second], limit);

        Assert.That(packing.Policies, Has.Length.EqualTo(1));
        Assert.That(ScpPacker.PolicyLength(packing.Policies[0]), Is.EqualTo(limit));
        var document = new PolicyDocument { Statement = [.. packing.Policies[0].Select(s => s.Statement)] };
        Assert.That(PolicyJson.Minified(document), Has.Length.EqualTo(limit), "the length counted is the length written");
    }

    [Test]
    public void Pack_OneCharacterOverTheLimit_SplitsIntoTwoPolicies()
    {
        const int limit = 1000;
        var first = StatementOfLength("A", 400);
        var second = StatementOfLength("B", limit - ScpPacker.EmptyDocumentLength - 400 - 1 + 1);

        var packing = ScpPacker.Pack([first, second], limit);

        Assert.That(packing.Policies, Has.Length.EqualTo(2));
        Assert.That(packing.Policies.Select(p => ScpPacker.PolicyLength(p)), Has.All.LessThanOrEqualTo(limit));
    }

    [Test]
    public void Pack_FirstFitDecreasing_IsDeterministicAndOrdersBySid()
    {
        var statements = new[] { StatementOfLength("C", 300), StatementOfLength("A", 500), StatementOfLength("B", 300), StatementOfLength("D", 200) };

        var packing = ScpPacker.Pack(statements, 1000);
        var reversed = ScpPacker.Pack(statements.Reverse(), 1000);

        Assert.That(packing.Policies.Select(p => p.Select(s => s.Statement.Sid)), Is.EqualTo(new[] { new[] { "A", "B" }, new[] { "C", "D" } }));
        Assert.That(reversed.Policies.Select(p => p.Select(s => s.Statement.Sid)), Is.EqualTo(packing.Policies.Select(p => p.Select(s => s.Statement.Sid))));
    }
}
