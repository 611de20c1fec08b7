using System.Text;
using CsCheck;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>The pool gives back the text its bytes spell, the same instance for the same short text, whatever it held before.</summary>
public class StringPoolTests
{
    [Test]
    public void AnyBytesSequence_GiveTheirText_AndRepeatsTheSameInstance()
    {
        Gen.String[Gen.Char.AlphaNumeric, 0, 80].Select(Gen.String[Gen.Char, 0, 20])
            .Array[1, 40]
            .Sample(texts =>
            {
                var pool = new StringPool(); // one reader's pool: samples run on several threads, and a pool serves one
                foreach (var (ascii, any) in texts)
                {
                    foreach (var text in new[] { ascii, any, ascii + any })
                    {
                        var bytes = Encoding.UTF8.GetBytes(text);
                        var expected = Encoding.UTF8.GetString(bytes);
                        var first = pool.Get(bytes);
                        Assert.That(first, Is.EqualTo(expected));
                        if (bytes.Length <= 64)
                        {
                            Assert.That(pool.Get(bytes), Is.SameAs(first));
                        }
                    }
                }
            });
    }

    [Test]
    public void LookalikeText_IsNotTakenForOtherBytes()
    {
        var pool = new StringPool();

        // The text U+00C3 U+00A9 has the length and code values of the two UTF-8 bytes of U+00E9: the pool must
        // decode bytes it has not seen, whichever slot of its recent strings they fall in.
        for (var i = 0; i < 2_000; i++)
        {
            Assert.That(pool.Get(Encoding.UTF8.GetBytes($"\u00C3\u00A9{i}")), Is.EqualTo($"\u00C3\u00A9{i}"));
            Assert.That(pool.Get(Encoding.UTF8.GetBytes($"\u00E9{i}")), Is.EqualTo($"\u00E9{i}"));
        }
    }
}
