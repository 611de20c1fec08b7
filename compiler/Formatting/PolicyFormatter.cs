using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Formatting;

/// <summary>
/// Prints a syntax tree in the one canonical layout: two-space indentation, one member per line, one blank line
/// between declarations (none between consecutive imports), blank lines inside blocks kept (at most one). Every
/// comment is kept: own-line comments stay before what follows them, end-of-line comments stay on their line, and a
/// comment inside a member spanning several lines moves above that member.
/// </summary>
public sealed class PolicyFormatter
{
    private const int MaxLineLength = 100;
    private const string Indent = "  ";

    private readonly string _text;
    private readonly ImmutableArray<TextSpan> _comments;
    private readonly StringBuilder _output = new();
    private int _nextComment;
    private int _lastEnd;

    private PolicyFormatter(SyntaxTree tree)
    {
        _text = tree.Text.Text;
        _comments = CommentScanner.Scan(_text);
    }

    /// <summary>Formats a tree that parsed without errors.</summary>
    public static string Format(SyntaxTree tree)
    {
        if (tree.Diagnostics.Any(d => d.IsError))
        {
            throw new InvalidOperationException("cannot format a tree with syntax errors");
        }

        var formatter = new PolicyFormatter(tree);
        formatter.WriteUnit(tree.Root);
        return formatter._output.ToString();
    }

    private void WriteUnit(CompilationUnitSyntax unit)
    {
        DeclarationSyntax? previous = null;
        foreach (var declaration in unit.Declarations)
        {
            var separate = previous is not null
                && !(previous.Kind == DeclarationKind.Import && declaration.Kind == DeclarationKind.Import);
            if (separate)
            {
                _output.Append('\n');
            }

            WriteLeadingComments(declaration.Span.Start, string.Empty, atBlockStart: previous is null || separate);
            switch (declaration)
            {
                case ImportDeclarationSyntax import:
                    WriteLine(string.Empty, $"import {Quote(import.Path.Value)}", import.Span);
                    break;
                case BlockDeclarationSyntax block:
                    WriteBlock(block);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected declaration {declaration.GetType().Name}");
            }

            previous = declaration;
        }

        var hadDeclarations = previous is not null;
        WriteLeadingComments(_text.Length, string.Empty, atBlockStart: !hadDeclarations, separateFromPrevious: hadDeclarations);
    }

    private void WriteBlock(BlockDeclarationSyntax block)
    {
        var header = new StringBuilder(SyntaxFacts.GetKeywordText(block.Kind)).Append(' ');
        header.Append(block.Name is StringLiteralSyntax s ? Quote(s.Value) : block.NameText);
        if (!block.Services.IsEmpty)
        {
            header.Append(" for ").Append(string.Join(", ", block.Services.Select(x => x.Text)));
        }

        WriteLine(string.Empty, header.Append(" {").ToString(), block.HeaderSpan);
        var first = true;
        foreach (var member in block.Members)
        {
            WriteLeadingComments(member.Span.Start, Indent, atBlockStart: first);
            if (!first && _output.Length > 0 && BlankLineBetween(_lastEnd, member.Span.Start) && !EndsWithBlankLine())
            {
                _output.Append('\n');
            }

            WriteMember(member);
            first = false;
        }

        WriteLeadingComments(block.CloseBrace.Start, Indent, atBlockStart: first);
        WriteLine(string.Empty, "}", block.CloseBrace);
    }

    private void WriteMember(MemberSyntax member)
    {
        var keyword = SyntaxFacts.GetKeywordText(member.Kind);
        var text = member switch
        {
            StringMemberSyntax m => $"{keyword} {Quote(m.Value.Value)}",
            StringListMemberSyntax m => $"{keyword} {string.Join(", ", m.Values.Select(v => Quote(v.Value)))}",
            NameListMemberSyntax m => $"{keyword} {string.Join(m.Kind == MemberKind.Levels ? " < " : ", ", m.Names.Select(n => n.Text))}",
            DaysMemberSyntax m => $"{keyword} {m.Days.Text} days",
            BooleanMemberSyntax m => $"{keyword} {(m.Value ? "true" : "false")}",
            DateMemberSyntax m => $"{keyword} {m.Value.Text}",
            ActionsMemberSyntax m => $"actions {string.Join(", ", m.Actions.Select(a => a.Text))}",
            ComplianceMemberSyntax m => $"compliance {string.Join(", ", m.References.Select(r => $"{r.Framework.Text} {Quote(r.Control.Value)}"))}",
            ClauseMemberSyntax m => FormatClause(m),
            ExpressionMemberSyntax m => FormatExpressionMember(keyword, m.Expression),
            _ => throw new InvalidOperationException($"unexpected member {member.GetType().Name}"),
        };

        WriteLine(Indent, text, member.Span);
    }

    private static string FormatClause(ClauseMemberSyntax clause)
    {
        var text = DescribeAssertion(clause.Assertion);
        return clause.Condition is { } condition
            ? $"classification {SyntaxFacts.GetText(condition.Operator)} {condition.Level.Text}: {text}"
            : text;
    }

    /// <summary>An assertion in canonical form, such as <c>encrypted with key data</c>.</summary>
    public static string DescribeAssertion(AssertionSyntax assertion) =>
        assertion.Kind switch
        {
            AssertionKind.Encrypted => "encrypted",
            AssertionKind.EncryptedWithCustomerManagedKey => "encrypted with customer_managed key",
            AssertionKind.EncryptedWithKey => $"encrypted with key {assertion.Key!.Text}",
            AssertionKind.KeyRotation => assertion.Days is null ? "key rotation enabled" : $"key rotation within {assertion.Days.Text} days",
            AssertionKind.KeySpec => $"key spec {(assertion.AtLeast ? "at least " : string.Empty)}{string.Join(", ", assertion.Names.Select(n => n.Text))}",
            AssertionKind.KeyOrigin => $"key origin {string.Join(", ", assertion.Names.Select(n => n.Text))}",
            AssertionKind.KeyReplicated => $"key replicated to {string.Join(", ", assertion.Values.Select(v => Quote(v.Value)))}",
            AssertionKind.CopiesEncrypted => "copies encrypted",
            AssertionKind.CopiesEncryptedWithKey => $"copies encrypted with key {assertion.Key!.Text}",
            AssertionKind.RetentionAtLeast => $"retention at least {assertion.Days!.Text} days",
            AssertionKind.RetentionAtMost => $"retention at most {assertion.Days!.Text} days",
            AssertionKind.Regions => $"regions {string.Join(", ", assertion.Values.Select(v => Quote(v.Value)))}",
            AssertionKind.Tags => $"tags {string.Join(", ", assertion.Values.Select(v => Quote(v.Value)))}",
            _ => throw new InvalidOperationException($"unexpected assertion {assertion.Kind}"),
        };

    /// <summary>One line if it fits; otherwise one line per operand of the outermost <c>and</c>/<c>or</c> chain.</summary>
    private static string FormatExpressionMember(string keyword, ExpressionSyntax expression)
    {
        var single = $"{keyword} {ExpressionPrinter.Print(expression)}";
        if (Indent.Length + single.Length <= MaxLineLength || expression is not LogicalExpressionSyntax logical)
        {
            return single;
        }

        var parts = new List<ExpressionSyntax>();
        Flatten(logical, logical.Operator, parts);
        var continuation = "\n" + Indent + "    " + SyntaxFacts.GetText(logical.Operator) + " ";
        return $"{keyword} {string.Join(continuation, parts.Select(ExpressionPrinter.Print))}";
    }

    private static void Flatten(ExpressionSyntax expression, LogicalOperator op, List<ExpressionSyntax> parts)
    {
        // Down the left spine in a loop (chains can be long), then the operands in written order.
        var rights = new Stack<ExpressionSyntax>();
        while (expression is LogicalExpressionSyntax logical && logical.Operator == op)
        {
            rights.Push(logical.Right);
            expression = logical.Left;
        }

        parts.Add(expression);
        parts.AddRange(rights);
    }

    /// <summary>Writes the comments that start before <paramref name="position"/>, each on its own line.</summary>
    private void WriteLeadingComments(int position, string indent, bool atBlockStart, bool separateFromPrevious = false)
    {
        var first = true;
        while (_nextComment < _comments.Length && _comments[_nextComment].Start < position)
        {
            var comment = _comments[_nextComment++];
            var blank = first ? separateFromPrevious || (!atBlockStart && BlankLineBetween(_lastEnd, comment.Start))
                              : BlankLineBetween(_lastEnd, comment.Start);
            if (blank && _output.Length > 0 && !EndsWithBlankLine())
            {
                _output.Append('\n');
            }

            _output.Append(indent).Append(CommentText(comment)).Append('\n');
            _lastEnd = comment.End;
            first = false;
        }

        if (!first && BlankLineBetween(_lastEnd, position) && position < _text.Length && !EndsWithBlankLine())
        {
            _output.Append('\n');
        }
    }

    /// <summary>Writes one printed node and the comment that ends its source line, if any.</summary>
    private void WriteLine(string indent, string text, TextSpan span)
    {
        // Comments inside the node's span go above it, so none is lost when the node is printed on fewer lines.
        while (_nextComment < _comments.Length && _comments[_nextComment].Start < span.End)
        {
            var inner = _comments[_nextComment++];
            _output.Append(indent).Append(CommentText(inner)).Append('\n');
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            _output.Append(i == 0 ? indent : string.Empty).Append(lines[i]);
            if (i < lines.Length - 1)
            {
                _output.Append('\n');
            }
        }

        _lastEnd = span.End;
        if (_nextComment < _comments.Length && IsOnSameLine(span.End, _comments[_nextComment]))
        {
            var trailing = _comments[_nextComment++];
            _output.Append(' ').Append(CommentText(trailing));
            _lastEnd = trailing.End;
        }

        _output.Append('\n');
    }

    private bool IsOnSameLine(int end, TextSpan comment)
    {
        // Only white space may stand between: a comment after a later node on the same line belongs to that node.
        for (var i = end; i < comment.Start; i++)
        {
            if (_text[i] is '\n' or '\r' || !char.IsWhiteSpace(_text[i]))
            {
                return false;
            }
        }

        // A block comment that spans lines is not an end-of-line comment.
        return _text.AsSpan(comment.Start, comment.Length).IndexOfAny('\n', '\r') < 0;
    }

    private string CommentText(TextSpan comment) => _text.Substring(comment.Start, comment.Length).TrimEnd();

    private bool BlankLineBetween(int from, int to)
    {
        var breaks = 0;
        for (var i = from; i < to && i < _text.Length; i++)
        {
            if (_text[i] == '\n' || (_text[i] == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks >= 2;
    }

    private bool EndsWithBlankLine() =>
        _output.Length >= 2 && _output[^1] == '\n' && _output[^2] == '\n';

    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
