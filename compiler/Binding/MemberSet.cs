using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Binding;

/// <summary>The members of one block by kind; reports a member given twice (clauses may repeat).</summary>
internal sealed class MemberSet
{
    private readonly Dictionary<MemberKind, MemberSyntax> _single = [];

    public MemberSet(BlockDeclarationSyntax block, SourceText source, DiagnosticBag diagnostics)
    {
        Block = block;
        Source = source;
        foreach (var member in block.Members)
        {
            if (member.Kind == MemberKind.Clause)
            {
                continue;
            }

            if (!_single.TryAdd(member.Kind, member))
            {
                diagnostics.Report(
                    Descriptors.DuplicateMember,
                    new Location(source, member.Span),
                    SyntaxFacts.GetKeywordText(member.Kind),
                    $"{SyntaxFacts.Describe(block.Kind)} `{block.NameText}`");
            }
        }
    }

    public BlockDeclarationSyntax Block { get; }

    public SourceText Source { get; }

    public T? Get<T>(MemberKind kind) where T : MemberSyntax => _single.GetValueOrDefault(kind) as T;

    public string? String(MemberKind kind) => Get<StringMemberSyntax>(kind)?.Value.Value;

    public ImmutableArray<StringLiteralSyntax> Strings(MemberKind kind) =>
        Get<StringListMemberSyntax>(kind)?.Values ?? [];

    public ImmutableArray<IdentifierSyntax> Names(MemberKind kind) =>
        Get<NameListMemberSyntax>(kind)?.Names ?? [];

    public IEnumerable<ClauseMemberSyntax> Clauses => Block.Members.OfType<ClauseMemberSyntax>();

    public Location LocationOf(SyntaxNode node) => new(Source, node.Span);

    public Location NameLocation => new(Source, Block.Name.Span);
}
