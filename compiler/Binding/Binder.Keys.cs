using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private const int MinRotationDays = 90;
    private const int MaxRotationDays = 2560;
    private const int MinDeletionWindowDays = 7;
    private const int MaxDeletionWindowDays = 30;

    private KeySymbol? BindKey(MemberSet members)
    {
        var declared = Declare(_keyNames, "key", members);
        RequireMember(members, MemberKind.Alias);

        var alias = members.String(MemberKind.Alias);
        if (alias is not null && AwsNames.AliasProblem(alias) is { } problem)
        {
            _diagnostics.Report(Descriptors.InvalidAlias, At(members, members.Get<StringMemberSyntax>(MemberKind.Alias)!.Value), alias, problem);
        }

        var protects = ImmutableArray.CreateBuilder<string>();
        foreach (var level in members.Names(MemberKind.Protects))
        {
            if (BindLevel(level, members, "protects") >= 0)
            {
                protects.Add(level.Text);
            }
        }

        var (spec, origin) = BindKeyMaterial(members);
        var canRotate = spec is null || (spec == "SYMMETRIC_DEFAULT" && origin == "aws_kms");
        if (members.Get<DaysMemberSyntax>(MemberKind.Rotation) is null && canRotate)
        {
            _diagnostics.Report(Descriptors.KeyWithoutRotation, members.NameLocation, members.Block.NameText);
        }
        else if (members.Get<DaysMemberSyntax>(MemberKind.Rotation) is { } rotates && !canRotate)
        {
            // AWS rejects EnableKeyRotation for such keys, so the deployment would fail.
            _diagnostics.Report(
                Descriptors.KeyCannotRotate,
                At(members, rotates),
                members.Block.NameText,
                spec is not "SYMMETRIC_DEFAULT"
                    ? $"only symmetric encryption keys rotate automatically, and it is {spec}"
                    : $"only keys whose material KMS generates rotate automatically, and its origin is `{origin}`");
        }

        var rotation = BindDays(members, MemberKind.Rotation, MinRotationDays, MaxRotationDays, Descriptors.RotationOutOfRange);
        var deletion = BindDays(members, MemberKind.DeletionWindow, MinDeletionWindowDays, MaxDeletionWindowDays, Descriptors.DeletionWindowOutOfRange);

        var administrators = BindPrincipals(members, MemberKind.Administrators);
        var users = BindPrincipals(members, MemberKind.Users);
        var via = BindServices(members.Names(MemberKind.UsableVia), members);
        var accounts = ImmutableArray.CreateBuilder<string>();
        foreach (var account in members.Strings(MemberKind.UsableByAccounts))
        {
            if (AwsNames.IsAccount(account.Value))
            {
                accounts.Add(account.Value);
            }
            else
            {
                _diagnostics.Report(Descriptors.InvalidArn, At(members, account), account.Value, "12-digit AWS account ID");
            }
        }

        var context = members.Strings(MemberKind.EncryptionContext).Select(s => s.Value).ToImmutableArray();
        if (!context.IsEmpty && spec is not null && !KeyActions.IsSymmetricEncryption(spec))
        {
            _diagnostics.Report(Descriptors.ContextNeedsSymmetricKey, At(members, members.Get<StringListMemberSyntax>(MemberKind.EncryptionContext)!), members.Block.NameText, spec);
        }
        var multiRegion = members.Get<BooleanMemberSyntax>(MemberKind.MultiRegion)?.Value ?? false;
        var replicas = BindRegions(members, members.Strings(MemberKind.Replicas));
        if (!replicas.IsEmpty && !multiRegion)
        {
            _diagnostics.Report(Descriptors.ReplicasOfSingleRegionKey, At(members, members.Get<StringListMemberSyntax>(MemberKind.Replicas)!), members.Block.NameText);
        }

        var key = new KeySymbol(
            members.Block.NameText,
            alias,
            members.String(MemberKind.Description),
            protects.ToImmutable(),
            rotation,
            deletion,
            multiRegion,
            administrators,
            users,
            via,
            accounts.ToImmutable(),
            context,
            members.NameLocation)
        {
            Spec = spec ?? "SYMMETRIC_DEFAULT",
            Origin = origin,
            ReplicaRegions = replicas,
        };
        if (declared)
        {
            _keys[key.Name] = key;
        }

        return declared ? key : null;
    }

    /// <summary>Without a stated owner, a key whose principals span accounts has no owner that can safely be guessed.</summary>
    private void CheckKeyOwners(ImmutableArray<KeySymbol> keys, PolicyHeaderSymbol? header)
    {
        if (header?.Account is not null)
        {
            return;
        }

        foreach (var key in keys)
        {
            var accounts = KeyOwner.NamedAccounts(key);
            if (accounts.Length > 1)
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.KeyOwnerAmbiguous,
                    key.Location,
                    $"add `account \"{accounts[0]}\"` (or whichever account owns the key) to the `policy` header",
                    key.Name,
                    string.Join(", ", accounts.Select(a => $"`{a}`")));
            }
        }
    }

    /// <summary>The key's spec and origin; an origin other than <c>aws_kms</c> or <c>external</c> needs a symmetric key.</summary>
    private (string? Spec, string Origin) BindKeyMaterial(MemberSet members)
    {
        var spec = members.Names(MemberKind.Spec) is [var specName] ? BindKeySpec(specName, members)?.Name : "SYMMETRIC_DEFAULT";
        var origin = members.Names(MemberKind.Origin) is [var originName] ? BindKeyOrigin(originName, members)?.Name ?? "aws_kms" : "aws_kms";
        if (origin is "aws_cloudhsm" or "external_key_store" && spec is not null and not "SYMMETRIC_DEFAULT")
        {
            _diagnostics.Report(Descriptors.OriginNeedsSymmetricKey, At(members, members.Names(MemberKind.Origin)[0]), members.Block.NameText, origin, spec);
        }

        return (spec, origin);
    }

    private KeySpecEntry? BindKeySpec(IdentifierSyntax name, MemberSet members) =>
        BindKmsName(name, members, ResourceCatalog.Default.Keys.FindSpec, ResourceCatalog.Default.Keys.Specs.Select(s => s.Name), Descriptors.UnknownKeySpec);

    private KeyOriginEntry? BindKeyOrigin(IdentifierSyntax name, MemberSet members) =>
        BindKmsName(name, members, ResourceCatalog.Default.Keys.FindOrigin, ResourceCatalog.Default.Keys.Origins.Select(o => o.Name), Descriptors.UnknownKeyOrigin);

    /// <summary>A key spec or origin from the catalogue, or the diagnostic with the nearest name.</summary>
    private T? BindKmsName<T>(IdentifierSyntax name, MemberSet members, Func<string, T?> find, IEnumerable<string> known, DiagnosticDescriptor unknown)
        where T : class
    {
        if (find(name.Text) is { } found)
        {
            return found;
        }

        ReportUnknown(unknown, At(members, name), name.Text, known);
        return null;
    }

    private ImmutableArray<string> BindRegions(MemberSet members, IEnumerable<StringLiteralSyntax> regions)
    {
        var valid = ImmutableArray.CreateBuilder<string>();
        foreach (var region in regions)
        {
            if (AwsNames.IsRegion(region.Value))
            {
                valid.Add(region.Value);
            }
            else
            {
                _diagnostics.Report(Descriptors.InvalidRegion, At(members, region), region.Value);
            }
        }

        return valid.ToImmutable();
    }

    private int? BindDays(MemberSet members, MemberKind kind, int min, int max, DiagnosticDescriptor outOfRange)
    {
        var member = members.Get<DaysMemberSyntax>(kind);
        if (member is null)
        {
            return null;
        }

        var days = member.Days.Value;
        if (days is null || days < min || days > max)
        {
            _diagnostics.Report(outOfRange, At(members, member.Days), member.Days.Text);
            return null;
        }

        return days;
    }

    private ImmutableArray<string> BindPrincipals(MemberSet members, MemberKind kind)
    {
        var principals = ImmutableArray.CreateBuilder<string>();
        foreach (var principal in members.Strings(kind))
        {
            if (AwsNames.IsPrincipal(principal.Value))
            {
                principals.Add(principal.Value);
            }
            else
            {
                _diagnostics.Report(Descriptors.InvalidArn, At(members, principal), principal.Value, "IAM principal (account ID, role, user or assumed-role ARN)");
            }
        }

        return principals.ToImmutable();
    }

    /// <summary>
    /// The services a requirement is for, or a key is usable via, from the resource catalogue. A requirement's service
    /// whose resources some input form cannot show gets a warning naming the forms, since nothing is checked there.
    /// </summary>
    private ImmutableArray<string> BindServices(ImmutableArray<IdentifierSyntax> names, MemberSet members, bool checkedInInputs = false)
    {
        var catalog = ResourceCatalog.Default;
        var services = ImmutableArray.CreateBuilder<string>();
        foreach (var name in names)
        {
            if (catalog.FindService(name.Text) is null)
            {
                ReportUnknown(Descriptors.UnknownService, At(members, name), name.Text, catalog.Services.Select(s => s.Name));
            }
            else if (!services.Contains(name.Text))
            {
                services.Add(name.Text);
                if (checkedInInputs)
                {
                    ReportMissingForms(name, members, catalog);
                }
            }
        }

        return services.ToImmutable();
    }

    private void ReportMissingForms(IdentifierSyntax name, MemberSet members, ResourceCatalog catalog)
    {
        var types = catalog.OfService(name.Text).ToList();
        var missing = new[] { InputForm.CloudFormation, InputForm.Terraform, InputForm.Config }
            .Where(form => !types.Any(t => t.Covers(form)))
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var reasons = missing.SelectMany(form => types.Select(t => t.Gaps.TryGetValue(form, out var gap) ? $"{t.Type}: {gap}" : null)).OfType<string>().Distinct();
        _diagnostics.ReportWithHelp(
            Descriptors.ServiceMissingFromInputs,
            At(members, name),
            $"{string.Join("; ", reasons)}; `sec08 services` lists what each input covers",
            name.Text,
            string.Join(" or ", missing.Select(FormName)));
    }

    internal static string FormName(InputForm form) => form switch
    {
        InputForm.CloudFormation => "CloudFormation templates",
        InputForm.Terraform => "Terraform plans",
        InputForm.Config => "AWS Config items",
        _ => "sec08 inventories",
    };

    private KeySymbol? LookupKey(IdentifierSyntax name, MemberSet members)
    {
        if (_keys.TryGetValue(name.Text, out var key))
        {
            return key;
        }

        ReportUnknown(Descriptors.UnknownKey, At(members, name), name.Text, _keys.Keys);
        return null;
    }

    private void CheckTagKey(string key, Location location)
    {
        if (AwsNames.TagKeyProblem(key) is { } problem)
        {
            _diagnostics.Report(Descriptors.InvalidTagKey, location, key, problem);
        }
    }
}
