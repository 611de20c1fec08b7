using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private void BindClassification(MemberSet members)
    {
        if (_classification is not null)
        {
            _diagnostics.Report(Descriptors.DuplicateClassificationScheme, members.NameLocation, _classification.Name);
            return;
        }

        RequireMember(members, MemberKind.Levels);
        var levels = ImmutableArray.CreateBuilder<string>();
        foreach (var level in members.Names(MemberKind.Levels))
        {
            if (levels.Contains(level.Text))
            {
                _diagnostics.Report(Descriptors.DuplicateLevel, members.LocationOf(level), level.Text);
            }
            else
            {
                levels.Add(level.Text);
            }
        }

        string? defaultLevel = null;
        if (members.Names(MemberKind.Default) is [var given])
        {
            if (levels.Contains(given.Text))
            {
                defaultLevel = given.Text;
            }
            else
            {
                ReportUnknown(Descriptors.UnknownLevel, members.LocationOf(given), given.Text, levels);
            }
        }

        var tagKey = members.String(MemberKind.Tag) ?? members.Block.NameText;
        if (members.Get<StringMemberSyntax>(MemberKind.Tag) is { } tag)
        {
            CheckTagKey(tagKey, members.LocationOf(tag.Value));
        }

        _classification = new ClassificationSymbol(members.Block.NameText, tagKey, levels.ToImmutable(), defaultLevel, members.NameLocation);
    }

    /// <summary>Resolves a level name, reporting an unknown one (or a missing scheme); -1 when unresolved.</summary>
    private int BindLevel(Syntax.IdentifierSyntax level, MemberSet members, string usage)
    {
        if (_classification is null)
        {
            _diagnostics.Report(Descriptors.NoClassificationScheme, members.LocationOf(level), usage);
            return -1;
        }

        var rank = _classification.Rank(level.Text);
        if (rank < 0)
        {
            ReportUnknown(Descriptors.UnknownLevel, members.LocationOf(level), level.Text, _classification.Levels);
        }

        return rank;
    }
}
