using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] s_controls = ["SEC08-BP01", "SEC08-BP02", "SEC08-BP03", "SEC08-BP04"];

    private RequirementSymbol? BindRequirement(MemberSet members)
    {
        var declared = Declare(_requirementNames, "requirement", members);
        var services = BindServices(members.Block.Services, members, checkedInInputs: true);
        if (!members.Clauses.Any())
        {
            _diagnostics.Report(Descriptors.MissingMember, members.NameLocation, "requirement", members.Block.NameText, "a clause such as `encrypted`");
        }

        var clauses = members.Clauses.Select(clause => BindClause(clause, members, services)).OfType<BoundClause>().ToImmutableArray();
        CheckRetentionBounds(members, clauses);
        var requirement = new RequirementSymbol(
            members.Block.NameText,
            services,
            clauses,
            BindEnum(members, MemberKind.Enforce, Enforcement.Detective, Descriptors.UnknownEnforcement),
            BindEnum(members, MemberKind.Severity, Severity.Medium, Descriptors.UnknownSeverity),
            BindControl(members),
            BindCompliance(members),
            members.String(MemberKind.Description),
            members.String(MemberKind.Remediation),
            members.NameLocation);
        if (declared)
        {
            _requirements[requirement.Name] = requirement;
        }

        return declared ? requirement : null;
    }

    private BoundClause? BindClause(ClauseMemberSyntax clause, MemberSet members, ImmutableArray<string> services)
    {
        LevelScope? scope = null;
        if (clause.Condition is { } condition)
        {
            var rank = BindLevel(condition.Level, members, "classification");
            if (rank < 0)
            {
                return null;
            }

            scope = new LevelScope(condition.Operator, condition.Level.Text, rank);
        }

        var syntax = clause.Assertion;
        KeySymbol? key = null;
        if (syntax.Kind is AssertionKind.EncryptedWithKey or AssertionKind.CopiesEncryptedWithKey)
        {
            key = LookupKey(syntax.Key!, members);
            if (key is null)
            {
                return null;
            }

            CheckKeyProtectsScope(key, scope, members, syntax.Key!);
        }

        int? days = null;
        if (syntax.Kind is AssertionKind.RetentionAtLeast or AssertionKind.RetentionAtMost)
        {
            days = BindRetentionDays(syntax.Days!, members);
            if (days is null)
            {
                return null;
            }
        }
        else if (syntax.Days is { } period)
        {
            days = period.Value;
            if (days is null or < 1)
            {
                _diagnostics.Report(Descriptors.RotationOutOfRange, At(members, period), period.Text);
                return null;
            }
        }

        var values = syntax.Values.Select(v => v.Value).ToImmutableArray();
        foreach (var value in syntax.Values)
        {
            if (syntax.Kind is AssertionKind.Regions or AssertionKind.KeyReplicated && !AwsNames.IsRegion(value.Value))
            {
                _diagnostics.Report(Descriptors.InvalidRegion, At(members, value), value.Value);
            }
            else if (syntax.Kind == AssertionKind.Tags)
            {
                CheckTagKey(value.Value, At(members, value));
            }
        }

        CheckAssertionFits(syntax, services, members);
        var assertion = new BoundAssertion(syntax.Kind, key, days, values);
        if (syntax.Kind is AssertionKind.KeySpec or AssertionKind.KeyOrigin)
        {
            assertion = BindKeyAssertion(syntax, assertion, members);
            if (assertion.Accepted.IsEmpty)
            {
                return null;
            }
        }

        return new BoundClause(scope, assertion, At(members, clause));
    }

    /// <summary>
    /// <c>key spec</c> and <c>key origin</c>: the specs (KMS names) or origins (API names) they accept. <c>at least</c>
    /// accepts every spec of at least the named spec's security strength, in the catalogue's order.
    /// </summary>
    private BoundAssertion BindKeyAssertion(AssertionSyntax syntax, BoundAssertion assertion, MemberSet members)
    {
        var accepted = ImmutableArray.CreateBuilder<string>();
        if (syntax.Kind == AssertionKind.KeyOrigin)
        {
            foreach (var name in syntax.Names)
            {
                if (BindKeyOrigin(name, members) is { } origin && !accepted.Contains(origin.Api))
                {
                    accepted.Add(origin.Api);
                }
            }

            return accepted.Count < syntax.Names.Length ? assertion : assertion with { Accepted = accepted.ToImmutable(), Demand = string.Join(" or ", syntax.Names.Select(n => n.Text)) };
        }

        foreach (var name in syntax.Names)
        {
            if (BindKeySpec(name, members) is { } spec)
            {
                accepted.AddRange(syntax.AtLeast ? ResourceCatalog.Default.Keys.AtLeast(spec) : [spec.Name]);
            }
        }

        if (accepted.Count == 0 || syntax.Names.Any(n => ResourceCatalog.Default.Keys.FindSpec(n.Text) is null))
        {
            return assertion;
        }

        var demand = syntax.AtLeast ? $"at least {syntax.Names[0].Text}" : string.Join(" or ", syntax.Names.Select(n => n.Text));
        return assertion with { Accepted = [.. accepted.Distinct()], Demand = demand };
    }

    /// <summary>A clause that pins a key to levels the key does not protect is a contradiction (SP2008).</summary>
    private void CheckKeyProtectsScope(KeySymbol key, LevelScope? scope, MemberSet members, IdentifierSyntax keyName)
    {
        if (_classification is null)
        {
            return;
        }

        for (var rank = 0; rank < _classification.Levels.Length; rank++)
        {
            var level = _classification.Levels[rank];
            if ((scope is null || scope.Includes(rank)) && !key.Protects.Contains(level))
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.KeyDoesNotProtectLevel,
                    At(members, keyName),
                    $"add `{level}` to `protects` of key `{key.Name}`, or narrow the clause's classification",
                    key.Name,
                    level);
                return;
            }
        }
    }

    /// <summary>Encryption assertions make no sense for KMS keys themselves; rotation makes sense for every service.</summary>
    private void CheckAssertionFits(AssertionSyntax assertion, ImmutableArray<string> services, MemberSet members)
    {
        var isEncryption = assertion.Kind is AssertionKind.Encrypted or AssertionKind.EncryptedWithCustomerManagedKey or AssertionKind.EncryptedWithKey;
        var misfits = services.Where(s => isEncryption && ResourceCatalog.Default.FindService(s) is { StoresData: false }).ToList();
        if (misfits.Count > 0)
        {
            _diagnostics.Report(
                Descriptors.AssertionNotApplicable,
                At(members, assertion),
                Formatting.PolicyFormatter.DescribeAssertion(assertion),
                string.Join(", ", misfits.Select(m => $"`{m}`")));
        }
    }

    private TEnum BindEnum<TEnum>(MemberSet members, MemberKind kind, TEnum fallback, DiagnosticDescriptor unknown)
        where TEnum : struct, Enum
    {
        if (members.Names(kind) is not [var name])
        {
            return fallback;
        }

        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, name.Text, StringComparison.OrdinalIgnoreCase) && name.Text.All(char.IsAsciiLetterLower));
        if (match is not null)
        {
            return Enum.Parse<TEnum>(match);
        }

        var options = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant());
        var suggestion = Syntax.NameSuggester.Suggest(name.Text, options);
        _diagnostics.ReportWithHelp(unknown, At(members, name), suggestion is null ? null : $"did you mean `{suggestion}`?", name.Text);
        return fallback;
    }

    private string? BindControl(MemberSet members)
    {
        if (members.Names(MemberKind.Control) is not [var control])
        {
            return null;
        }

        if (s_controls.Contains(control.Text))
        {
            return control.Text;
        }

        var suggestion = Syntax.NameSuggester.Suggest(control.Text, s_controls);
        _diagnostics.ReportWithHelp(Descriptors.UnknownControl, At(members, control), suggestion is null ? null : $"did you mean `{suggestion}`?", control.Text);
        return null;
    }

    private ImmutableArray<ComplianceReference> BindCompliance(MemberSet members)
    {
        var mappings = ImmutableArray.CreateBuilder<ComplianceReference>();
        foreach (var reference in members.Get<ComplianceMemberSyntax>(MemberKind.Compliance)?.References ?? [])
        {
            if (ComplianceFrameworks.Find(reference.Framework.Text) is not { } framework)
            {
                ReportUnknown(Descriptors.UnknownComplianceFramework, At(members, reference.Framework), reference.Framework.Text, ComplianceFrameworks.Names);
            }
            else if (!framework.Accepts(reference.Control.Value))
            {
                // A misspelt control would be scored as a control of its own in every report.
                _diagnostics.Report(Descriptors.InvalidControlIdentifier, At(members, reference.Control), reference.Control.Value, framework.Name, framework.ShapeDescription);
            }
            else
            {
                mappings.Add(new ComplianceReference(framework.Name, reference.Control.Value));
            }
        }

        return mappings.ToImmutable();
    }
}
