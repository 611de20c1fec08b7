using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Compiler.Binding;

/// <summary>
/// Turns the syntax trees of a policy set into symbols and a bound model, reporting every semantic problem.
/// Partials hold one construct each: imports, classification, keys, requirements, access rules, waivers, lints.
/// </summary>
internal sealed partial class Binder
{
    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly CompilationOptions _options;
    private readonly IamCatalog _catalog;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<string, KeySymbol> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RequirementSymbol> _requirements = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keyNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requirementNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ruleNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiverNames = new(StringComparer.Ordinal);
    private ClassificationSymbol? _classification;

    private Binder(ImmutableArray<SyntaxTree> trees, CompilationOptions options)
    {
        _trees = trees;
        _options = options;
        _catalog = options.Catalog ?? IamCatalog.Default;
    }

    public static (BoundPolicySet PolicySet, ImmutableArray<Diagnostic> Diagnostics) Bind(
        ImmutableArray<SyntaxTree> trees, CompilationOptions options)
    {
        var binder = new Binder(trees, options);
        var policySet = binder.BindPolicySet();
        return (policySet, binder._diagnostics.ToImmutable());
    }

    private BoundPolicySet BindPolicySet()
    {
        var blocks = _trees
            .SelectMany(tree => tree.Root.Declarations.OfType<BlockDeclarationSyntax>().Select(block => (Tree: tree, Block: block)))
            .ToList();
        IEnumerable<(SyntaxTree Tree, BlockDeclarationSyntax Block)> OfKind(params DeclarationKind[] kinds) =>
            blocks.Where(b => kinds.Contains(b.Block.Kind));

        BindImports();
        var header = BindHeader(OfKind(DeclarationKind.Policy));
        foreach (var (tree, block) in OfKind(DeclarationKind.Classification))
        {
            BindClassification(Members(tree, block));
        }

        var keys = OfKind(DeclarationKind.Key).Select(b => BindKey(Members(b.Tree, b.Block))).OfType<KeySymbol>().ToImmutableArray();
        CheckKeyOwners(keys, header);
        var requirements = OfKind(DeclarationKind.Requirement).Select(b => BindRequirement(Members(b.Tree, b.Block))).OfType<RequirementSymbol>().ToImmutableArray();
        var rules = OfKind(DeclarationKind.Allow, DeclarationKind.Deny).Select(b => BindAccessRule(Members(b.Tree, b.Block))).OfType<AccessRuleSymbol>().ToImmutableArray();
        var waivers = OfKind(DeclarationKind.Waiver).Select(b => BindWaiver(Members(b.Tree, b.Block))).OfType<WaiverSymbol>().ToImmutableArray();

        var perimeters = OfKind(DeclarationKind.Perimeter).Select(b => BindPerimeter(Members(b.Tree, b.Block), keys, header)).OfType<PerimeterSymbol>().ToImmutableArray();

        var policySet = new BoundPolicySet(header, _classification, keys, requirements, rules, waivers) { Perimeters = perimeters };
        // Lints read the bound model, which is incomplete where binding failed: they would only add noise.
        if (!_diagnostics.HasErrors)
        {
            ReportLints(policySet);
        }

        return policySet;
    }

    private MemberSet Members(SyntaxTree tree, BlockDeclarationSyntax block) => new(block, tree.Text, _diagnostics);

    private PolicyHeaderSymbol? BindHeader(IEnumerable<(SyntaxTree Tree, BlockDeclarationSyntax Block)> headers)
    {
        PolicyHeaderSymbol? header = null;
        foreach (var (tree, block) in headers)
        {
            var members = Members(tree, block);
            if (header is not null)
            {
                _diagnostics.Report(Descriptors.DuplicateName, members.NameLocation, "policy header", block.NameText);
                continue;
            }

            var account = members.Get<StringMemberSyntax>(MemberKind.Account);
            if (account is not null && !AwsNames.IsAccount(account.Value.Value))
            {
                _diagnostics.Report(Descriptors.InvalidArn, members.LocationOf(account.Value), account.Value.Value, "12-digit AWS account ID");
                account = null;
            }

            header = new PolicyHeaderSymbol(
                block.NameText,
                members.String(MemberKind.Description),
                members.String(MemberKind.Owner),
                account?.Value.Value,
                members.Get<BooleanMemberSyntax>(MemberKind.S3BucketAbac)?.Value ?? false,
                members.NameLocation);
        }

        return header;
    }

    /// <summary>Registers a name, reporting a duplicate; returns false for a duplicate.</summary>
    private bool Declare(HashSet<string> names, string kind, MemberSet members)
    {
        if (names.Add(members.Block.NameText))
        {
            return true;
        }

        _diagnostics.Report(Descriptors.DuplicateName, members.NameLocation, kind, members.Block.NameText);
        return false;
    }

    private void ReportUnknown(DiagnosticDescriptor descriptor, Location location, string name, IEnumerable<string> candidates)
    {
        var suggestion = NameSuggester.Suggest(name, candidates);
        _diagnostics.ReportWithHelp(descriptor, location, suggestion is null ? null : $"did you mean `{suggestion}`?", name);
    }

    private void RequireMember(MemberSet members, MemberKind kind)
    {
        if (!members.Block.Members.Any(m => m.Kind == kind))
        {
            _diagnostics.Report(
                Descriptors.MissingMember,
                members.NameLocation,
                SyntaxFacts.Describe(members.Block.Kind),
                members.Block.NameText,
                SyntaxFacts.GetKeywordText(kind));
        }
    }

    private DateTimeOffset? BindDate(MemberSet members, MemberKind kind)
    {
        var member = members.Get<DateMemberSyntax>(kind);
        if (member is null)
        {
            return null;
        }

        var value = member.Value.Value;
        if (value is null)
        {
            _diagnostics.Report(Descriptors.InvalidDate, members.LocationOf(member.Value), member.Value.Text);
        }

        return value;
    }

    private static Location At(MemberSet members, SyntaxNode node) => members.LocationOf(node);

    /// <summary>The <c>resources</c> of a block that pass <paramref name="valid"/>; the others are reported.</summary>
    private ImmutableArray<string> BindResources(MemberSet members, Func<string, bool> valid, string expected)
    {
        var resources = ImmutableArray.CreateBuilder<string>();
        foreach (var resource in members.Strings(MemberKind.Resources))
        {
            if (valid(resource.Value))
            {
                resources.Add(resource.Value);
            }
            else
            {
                _diagnostics.Report(Descriptors.InvalidArn, At(members, resource), resource.Value, expected);
            }
        }

        return resources.ToImmutable();
    }
}
