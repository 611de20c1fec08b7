using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Iam;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Kms;

/// <summary>
/// One key policy per key, <c>kms/KEY.json</c>, after AWS's default key policy: the account statement that enables
/// IAM policies, administrators who manage but cannot use the key, users limited by <c>kms:ViaService</c>,
/// <c>kms:CallerAccount</c> and required encryption context, grants for AWS services, Denies that hold every use to
/// <c>usable via</c> and <c>encryption context</c>, and the access rules granted in the key's policy. No statement
/// uses <c>aws:ResourceTag</c>, which key policies reject.
/// </summary>
internal static class KmsKeyPolicyEmitter
{
    public const int MaxBytes = 32768;

    public static ImmutableArray<EmittedDocument> Emit(EmitContext context)
    {
        var documents = ImmutableArray.CreateBuilder<EmittedDocument>();
        var perimeters = Rcp.PerimeterPolicyStatements.For(context, Engine.Perimeters.PerimeterDocuments.KeyPolicy);
        foreach (var key in context.PolicySet.Keys)
        {
            if (key.Account is not { } account)
            {
                context.Diagnostics.ReportWithHelp(
                    Descriptors.KeyAccountUnknown,
                    context.Locate(key.Origin),
                    "give the policy header an `account`, or the key `administrators` with account ARNs",
                    key.Name);
                continue;
            }

            var path = $"kms/{key.Name}.json";
            var entries = ImmutableArray.CreateBuilder<ManifestEntry>();
            var statements = ImmutableArray.CreateBuilder<PolicyStatement>();
            var origin = key.Origin;
            void Add(PolicyStatement statement)
            {
                statements.Add(statement);
                entries.Add(new ManifestEntry(path, statement.Sid, "kms", key.Name, origin));
            }

            foreach (var statement in KeyStatements(key, account).Concat(Restrictions(key)))
            {
                Add(statement);
            }

            foreach (var rule in context.PolicySet.AccessRules.Where(r => r.Keys.Contains(key.Name)))
            {
                var principal = PolicyPrincipal.Aws(rule.Principals.IsEmpty ? [$"arn:aws:iam::{account}:root"] : rule.Principals);
                if (IamPolicyEmitter.BuildStatements(rule, context, principal) is { } built)
                {
                    statements.AddRange(built);
                    entries.AddRange(IamPolicyEmitter.Entries(path, "kms", rule, built));
                }
            }

            // The perimeters bind every caller of the key, in the management account too, where RCPs do not apply.
            foreach (var perimeter in perimeters)
            {
                statements.Add(perimeter.Statement);
                entries.Add(new ManifestEntry(path, perimeter.Statement.Sid, "kms", perimeter.Source.Id, perimeter.Source.Perimeter.Origin));
            }

            var document = new PolicyDocument { Statement = statements.ToImmutable() };
            var size = PolicyJson.Utf8Length(PolicyJson.Indented(document));
            if (size > MaxBytes)
            {
                context.Diagnostics.Report(Descriptors.KeyPolicyTooLarge, context.Locate(key.Origin), key.Name, size.ToString("N0", CultureInfo.InvariantCulture));
                continue;
            }

            documents.Add(new EmittedDocument(path, key.Name, document, entries.ToImmutable()));
        }

        return documents.ToImmutable();
    }

    private static IEnumerable<PolicyStatement> KeyStatements(KeySpec key, string account)
    {
        yield return new PolicyStatement
        {
            Sid = "EnableIamPolicies",
            Effect = "Allow",
            Principal = PolicyPrincipal.Aws([$"arn:aws:iam::{account}:root"]),
            Action = ValueList.Of("kms:*"),
            Resource = ValueList.Of("*"),
        };

        if (!key.Administrators.IsEmpty)
        {
            var actions = key.MultiRegion ? KeyActions.Administration.AddRange(KeyActions.MultiRegionAdministration) : KeyActions.Administration;
            yield return new PolicyStatement
            {
                Sid = "AllowKeyAdministration",
                Effect = "Allow",
                Principal = PolicyPrincipal.Aws(key.Administrators),
                Action = ValueList.Of(actions),
                Resource = ValueList.Of("*"),
            };
        }

        if (key.Users.IsEmpty && key.CallerAccounts.IsEmpty)
        {
            yield break;
        }

        // Without named users, "every principal of these accounts" is Principal * limited by kms:CallerAccount.
        var principal = key.Users.IsEmpty ? PolicyPrincipal.Anyone : PolicyPrincipal.Aws(key.Users);
        var usage = UsageConditions(key);
        var crypto = usage;
        foreach (var contextKey in key.EncryptionContextKeys)
        {
            crypto = crypto.With("Null", KeyActions.EncryptionContextConditionKey(contextKey), ValueList.Of("false"));
        }

        var describeSeparately = !key.EncryptionContextKeys.IsEmpty;
        var cryptographic = KeyActions.CryptographicOf(key.Spec);
        yield return new PolicyStatement
        {
            Sid = "AllowUseOfTheKey",
            Effect = "Allow",
            Principal = principal,
            Action = ValueList.Of(describeSeparately ? cryptographic : cryptographic.Add(KeyActions.DescribeKey)),
            Resource = ValueList.Of("*"),
            Condition = crypto.OrNull(),
        };

        if (describeSeparately)
        {
            yield return new PolicyStatement
            {
                Sid = "AllowDescribeKey",
                Effect = "Allow",
                Principal = principal,
                Action = ValueList.Of(KeyActions.DescribeKey),
                Resource = ValueList.Of("*"),
                Condition = usage.OrNull(),
            };
        }

        if (!KeyActions.IsSymmetricEncryption(key.Spec))
        {
            // AWS services attach only symmetric encryption keys to the resources they encrypt.
            yield break;
        }

        yield return new PolicyStatement
        {
            Sid = "AllowAttachmentOfPersistentResources",
            Effect = "Allow",
            Principal = principal,
            Action = ValueList.Of(KeyActions.PersistentResourceGrants),
            Resource = ValueList.Of("*"),
            Condition = usage.With("Bool", "kms:GrantIsForAWSResource", ValueList.Of("true")),
        };
    }

    private static ConditionBlock UsageConditions(KeySpec key)
    {
        var block = ConditionBlock.Empty;
        var via = KeyActions.ViaServiceValues(key.ViaServices);
        if (!via.IsEmpty)
        {
            block = block.With("StringLike", "kms:ViaService", ValueList.Of(via));
        }

        if (!key.CallerAccounts.IsEmpty)
        {
            block = block.With("StringEquals", "kms:CallerAccount", ValueList.Of(key.CallerAccounts));
        }

        return block;
    }

    /// <summary>
    /// <c>usable via</c> and <c>encryption context</c> hold for every use of the key, not only the users': the account
    /// statement lets IAM policies grant use, and rules granted with <c>keys</c> name principals of their own, so both
    /// are Denies for everyone. AWS service principals, and grants that services create for AWS resources, are exempt.
    /// </summary>
    private static IEnumerable<PolicyStatement> Restrictions(KeySpec key)
    {
        var notByAwsService = ConditionBlock.Empty.With("BoolIfExists", "aws:PrincipalIsAWSService", ValueList.Of("false"));
        var via = KeyActions.ViaServiceValues(key.ViaServices);
        if (!via.IsEmpty)
        {
            yield return new PolicyStatement
            {
                Sid = "DenyUseOutsideServices",
                Effect = "Deny",
                Principal = PolicyPrincipal.Anyone,
                Action = ValueList.Of(KeyActions.ViaServiceRestrictedOf(key.Spec)),
                Resource = ValueList.Of("*"),
                Condition = notByAwsService
                    .With("BoolIfExists", "kms:GrantIsForAWSResource", ValueList.Of("false"))
                    .With("StringNotLike", "kms:ViaService", ValueList.Of(via)),
            };
        }

        for (var i = 0; i < key.EncryptionContextKeys.Length; i++)
        {
            yield return new PolicyStatement
            {
                Sid = "DenyUseWithoutEncryptionContext" + (key.EncryptionContextKeys.Length == 1 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture)),
                Effect = "Deny",
                Principal = PolicyPrincipal.Anyone,
                Action = ValueList.Of(KeyActions.CryptographicOf(key.Spec)),
                Resource = ValueList.Of("*"),
                Condition = notByAwsService.With("Null", KeyActions.EncryptionContextConditionKey(key.EncryptionContextKeys[i]), ValueList.Of("true")),
            };
        }
    }
}
