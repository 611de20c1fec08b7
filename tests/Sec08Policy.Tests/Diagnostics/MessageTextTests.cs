using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Text;

namespace Sec08Policy.Tests.Diagnostics;

/// <summary>Messages never echo an overlong name or value whole: what is quoted in backticks is cut, with its length.</summary>
public class MessageTextTests
{
    [Test]
    public void LongQuotedText_IsCutWithItsLength()
    {
        var name = new string('a', 1_000_000);

        var message = MessageText.Shorten($"unknown service `{name}`; did you mean `s3`?");

        Assert.That(message, Is.EqualTo($"unknown service `{new string('a', 60)}…` (1,000,000 characters); did you mean `s3`?"));
    }

    [TestCase("unknown service `s3x`")]
    [TestCase("an unclosed ` backtick and then a long tail that is not quoted at all, which stays exactly as it was written")]
    public void ShortOrUnquotedText_IsKept(string message) => Assert.That(MessageText.Shorten(message), Is.EqualTo(message));

    [Test]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var name = new string('a', 59) + string.Concat(Enumerable.Repeat("😀", 40));

        var message = MessageText.Shorten($"`{name}`");

        Assert.That(message, Does.StartWith("`" + new string('a', 59) + "…`"));
    }

    [Test]
    public void InputErrors_AreShortenedToo()
    {
        var error = new InputException("t.yaml", 3, 5, $"resource `{new string('r', 5000)}` needs a `Type`");

        Assert.That(error.Message, Has.Length.LessThan(200));
        Assert.That(error.Message, Does.EndWith("(5,000 characters) needs a `Type`"));
    }
}
