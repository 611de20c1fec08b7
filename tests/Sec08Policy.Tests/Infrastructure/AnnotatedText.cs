using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Source text with spans marked as <c>[|...|]</c>; the markers are removed and their spans recorded.</summary>
internal sealed record AnnotatedText(string Text, ImmutableArray<TextSpan> Spans)
{
    public static AnnotatedText Parse(string annotated)
    {
        var text = new StringBuilder();
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        var starts = new Stack<int>();
        for (var i = 0; i < annotated.Length; i++)
        {
            if (annotated.AsSpan(i).StartsWith("[|"))
            {
                starts.Push(text.Length);
                i++;
            }
            else if (annotated.AsSpan(i).StartsWith("|]"))
            {
                spans.Add(TextSpan.FromBounds(starts.Pop(), text.Length));
                i++;
            }
            else
            {
                text.Append(annotated[i]);
            }
        }

        return new AnnotatedText(text.ToString(), [.. spans.OrderBy(s => s.Start).ThenByDescending(s => s.Length)]);
    }
}
