using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// YamlDotNet's parser, except that the <see cref="InvalidOperationException"/> its scanner throws on some malformed
/// input (a plain scalar on a line after an unclosed flow collection, as in <c>a: [ b</c> then <c>c: d</c>) becomes a
/// <see cref="YamlException"/> at the scanner's position, which every reader reports as a positioned input error.
/// </summary>
internal sealed class GuardedYamlParser : IParser
{
    private readonly Scanner _scanner;
    private readonly Parser _parser;

    public GuardedYamlParser(TextReader reader)
    {
        _scanner = new Scanner(reader);
        _parser = new Parser(_scanner);
    }

    public ParsingEvent? Current => _parser.Current;

    public bool MoveNext()
    {
        try
        {
            return _parser.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            var at = _scanner.CurrentPosition;
            throw new YamlException(at, at, "could not read a plain scalar here; is a `[` or `{` above not closed?", e);
        }
    }
}
