using System.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Testing;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// A plain scalar on the line after an unclosed flow collection makes YamlDotNet's scanner throw an
/// InvalidOperationException; every YAML reader reports it as a malformed file at a position instead.
/// </summary>
public class UnclosedFlowCollectionTests
{
    private static readonly string[] Texts =
    [
        "Resources: [ a\nb: c\n",
        "Resources:\n  A: { Type: [ a\nb: c\n",
        "AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: { a: b\nc: d\n",
        "cases: {a: b\n- c\n",
    ];

    [TestCaseSource(nameof(Texts))]
    public void Load_PlainScalarAfterUnclosedFlowCollection_IsAPositionedInputError(string text)
    {
        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "unclosed.yaml"))!;

        Assert.That(error.Message, Does.StartWith("malformed YAML"));
        Assert.That((error.File, error.Line), Is.EqualTo(("unclosed.yaml", text.Split('\n').Length - 1)));
        Assert.That(error.Column, Is.GreaterThanOrEqualTo(1));
    }

    [TestCase("cases: [ a\nb: c\n")]
    [TestCase("cases: { a: false\nx:\n")]
    public void TestFile_PlainScalarAfterUnclosedFlowCollection_IsAPositionedInputError(string text)
    {
        var error = Assert.Throws<InputException>(() => TestDocument.Parse(text, "unclosed.test.yaml"))!;

        Assert.That(error.Message, Does.StartWith("malformed YAML"));
        Assert.That((error.File, error.Line), Is.EqualTo(("unclosed.test.yaml", 2)));
    }
}
