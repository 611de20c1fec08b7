using System.Text;
using Sec08Policy.Cli.Commands;

namespace Sec08Policy.Tests.Cli;

public class TextWriterStreamTests
{
    [Test]
    public void Write_CharactersSplitAcrossWrites_AreDecodedWhole()
    {
        const string Text = "key: é ✓ 𝄞 end";
        var bytes = Encoding.UTF8.GetBytes(Text);
        var output = new StringWriter();

        using (var stream = new TextWriterStream(output))
        {
            foreach (var b in bytes)
            {
                stream.WriteByte(b);
            }
        }

        Assert.That(output.ToString(), Is.EqualTo(Text));
    }

    [Test]
    public void Write_MoreThanItsBuffer_ComesThroughInOrder()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i}é\n"));
        var output = new StringWriter();

        using (var stream = new TextWriterStream(output))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        Assert.That(output.ToString(), Is.EqualTo(text));
    }
}
