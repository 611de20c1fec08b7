using System.Text.Json;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Engine.Serialization;

/// <summary>
/// Writes the compiled policy IR as <c>rules.json</c> (format <c>sec08-rules/2</c>, documented in docs/rules-json.md),
/// and reads it back (<see cref="Read(ReadOnlyMemory{byte}, string)"/>): everything the evaluator, the emitters and the access
/// decision procedure need, each item with its source origin.
/// </summary>
public static partial class PolicySetJson
{
    public const string Format = "sec08-rules/2";

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    public static string Write(PolicySet policySet)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("policy", policySet.Name);
            json.WriteString("account", policySet.Account);
            json.WriteBoolean("s3BucketAbac", policySet.S3BucketAbac);
            WriteClassification(json, policySet.Classification);
            WriteArray(json, "keys", policySet.Keys, WriteKey);
            WriteArray(json, "rules", policySet.Rules, WriteRule);
            WriteArray(json, "accessRules", policySet.AccessRules, WriteAccessRule);
            WriteArray(json, "waivers", policySet.Waivers, WriteWaiver);
            if (!policySet.Perimeters.IsEmpty)
            {
                WriteArray(json, "perimeters", policySet.Perimeters, WritePerimeter);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteClassification(Utf8JsonWriter json, ClassificationScheme? scheme)
    {
        if (scheme is null)
        {
            json.WriteNull("classification");
            return;
        }

        json.WriteStartObject("classification");
        json.WriteString("name", scheme.Name);
        json.WriteString("tagKey", scheme.TagKey);
        WriteStrings(json, "levels", scheme.Levels);
        json.WriteString("default", scheme.DefaultLevel);
        json.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter json, KeySpec key)
    {
        json.WriteString("name", key.Name);
        json.WriteString("alias", key.Alias);
        json.WriteString("description", key.Description);
        WriteStrings(json, "protects", key.Protects);
        WriteNumber(json, "rotationDays", key.RotationDays);
        WriteNumber(json, "deletionWindowDays", key.DeletionWindowDays);
        json.WriteBoolean("multiRegion", key.MultiRegion);
        json.WriteString("account", key.Account);
        WriteStrings(json, "administrators", key.Administrators);
        WriteStrings(json, "users", key.Users);
        WriteStrings(json, "usableVia", key.ViaServices);
        WriteStrings(json, "usableByAccounts", key.CallerAccounts);
        WriteStrings(json, "encryptionContext", key.EncryptionContextKeys);
        json.WriteString("spec", key.Spec);
        json.WriteString("keyOrigin", key.MaterialOrigin);
        WriteStrings(json, "replicaRegions", key.ReplicaRegions);
        WriteOrigin(json, key.Origin);
    }

    private static void WriteRule(Utf8JsonWriter json, CompiledRule rule)
    {
        json.WriteString("id", rule.Id);
        json.WriteString("requirement", rule.Requirement);
        json.WriteNumber("clause", rule.Clause);
        WriteStrings(json, "services", rule.Services);
        if (rule.Levels is null)
        {
            json.WriteNull("levels");
        }
        else
        {
            json.WriteStartObject("levels");
            json.WriteString("expression", rule.Levels.Expression);
            WriteStrings(json, "levels", rule.Levels.Levels);
            json.WriteEndObject();
        }

        json.WritePropertyName("check");
        WritePredicate(json, rule.Check);
        json.WriteString("severity", rule.Severity.ToString().ToLowerInvariant());
        json.WriteString("control", rule.Control);
        json.WriteStartArray("compliance");
        foreach (var reference in rule.Compliance)
        {
            json.WriteStartObject();
            json.WriteString("framework", reference.Framework);
            json.WriteString("control", reference.Control);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("message", rule.Message);
        json.WriteString("remediation", rule.Remediation);
        json.WriteBoolean("preventive", rule.Preventive);
        WriteOrigin(json, rule.Origin);
    }

    private static void WriteAccessRule(Utf8JsonWriter json, AccessRule rule)
    {
        json.WriteString("name", rule.Name);
        json.WriteString("effect", rule.Effect.ToString().ToLowerInvariant());
        WriteStrings(json, "actions", rule.Actions);
        WriteStrings(json, "resources", rule.Resources);
        WriteStrings(json, "principals", rule.Principals);
        WriteStrings(json, "keys", rule.Keys);
        json.WritePropertyName("condition");
        if (rule.Condition is null)
        {
            json.WriteNullValue();
        }
        else
        {
            WritePredicate(json, rule.Condition);
        }

        json.WriteString("notAfter", rule.NotAfter?.UtcDateTime.ToString(InstantFormat, System.Globalization.CultureInfo.InvariantCulture));
        WriteOrigin(json, rule.Origin);
    }

    private static void WritePerimeter(Utf8JsonWriter json, Perimeters.Perimeter perimeter)
    {
        json.WriteString("name", perimeter.Name);
        json.WriteString("description", perimeter.Description);
        WriteStrings(json, "services", perimeter.Services);
        WriteStrings(json, "organizations", perimeter.Organizations);
        WriteStrings(json, "accounts", perimeter.Accounts);
        WriteStrings(json, "resourceAccounts", perimeter.ResourceAccounts);
        WriteStrings(json, "vpcEndpoints", perimeter.VpcEndpoints);
        WriteStrings(json, "vpcs", perimeter.Vpcs);
        WriteStrings(json, "cidrs", perimeter.Cidrs);
        WriteStrings(json, "exceptPrincipals", perimeter.ExceptPrincipals);
        json.WritePropertyName("applies");
        if (perimeter.Applies is null)
        {
            json.WriteNullValue();
        }
        else
        {
            WritePredicate(json, perimeter.Applies);
        }

        WriteOrigin(json, perimeter.Origin);
    }

    private static void WriteWaiver(Utf8JsonWriter json, Waiver waiver)
    {
        json.WriteString("name", waiver.Name);
        json.WriteString("requirement", waiver.Requirement);
        WriteStrings(json, "resources", waiver.Resources);
        json.WriteString("reason", waiver.Reason);
        json.WriteString("owner", waiver.Owner);
        json.WriteString("expires", waiver.Expires.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture));
        WriteOrigin(json, waiver.Origin);
    }

    public static void WritePredicate(Utf8JsonWriter json, Predicate predicate)
    {
        json.WriteStartObject();
        switch (predicate)
        {
            case AndPredicate and:
                json.WriteString("op", "and");
                WritePredicates(json, and.Operands);
                break;
            case OrPredicate or:
                json.WriteString("op", "or");
                WritePredicates(json, or.Operands);
                break;
            case NotPredicate not:
                json.WriteString("op", "not");
                json.WritePropertyName("arg");
                WritePredicate(json, not.Operand);
                break;
            case ConstantPredicate constant:
                json.WriteString("op", "const");
                json.WriteBoolean("value", constant.Value);
                break;
            case EqualsPredicate equals:
                json.WriteString("op", "equals");
                WriteOperand(json, "left", equals.Left);
                WriteOperand(json, "right", equals.Right);
                json.WriteBoolean("negated", equals.Negated);
                break;
            case InPredicate @in:
                json.WriteString("op", "in");
                WriteOperand(json, "operand", @in.Operand);
                json.WriteStartArray("values");
                foreach (var value in @in.Values)
                {
                    WriteOperandValue(json, value);
                }

                json.WriteEndArray();
                json.WriteBoolean("negated", @in.Negated);
                break;
            case OrderPredicate order:
                json.WriteString("op", "order");
                WriteOperand(json, "operand", order.Operand);
                json.WriteString("relation", JsonNamingPolicy.CamelCase.ConvertName(order.Relation.ToString()));
                json.WriteString("value", order.Value);
                json.WriteBoolean("matchMissing", order.MatchMissing);
                break;
            case LevelInPredicate level:
                json.WriteString("op", "levelIn");
                WriteOperand(json, "tag", level.Tag);
                WriteStrings(json, "levels", level.Levels);
                json.WriteBoolean("classification", level.IsClassification);
                json.WriteBoolean("matchUnknown", level.MatchUnknown);
                break;
            case EncryptedPredicate:
                json.WriteString("op", "encrypted");
                break;
            case CustomerManagedKeyPredicate:
                json.WriteString("op", "customerManagedKey");
                break;
            case NamedKeyPredicate named:
                json.WriteString("op", "namedKey");
                json.WriteString("key", named.Key);
                json.WriteString("alias", named.Alias);
                break;
            case KeyRotationPredicate rotation:
                json.WriteString("op", "keyRotation");
                WriteNumber(json, "maxDays", rotation.MaxDays);
                break;
            case KeySpecPredicate spec:
                json.WriteString("op", "keySpec");
                WriteStrings(json, "specs", spec.Specs);
                json.WriteString("demand", spec.Demand);
                break;
            case KeyOriginPredicate origin:
                json.WriteString("op", "keyOrigin");
                WriteStrings(json, "origins", origin.Origins);
                break;
            case KeyReplicatedPredicate replicated:
                json.WriteString("op", "keyReplicated");
                WriteStrings(json, "regions", replicated.Regions);
                break;
            case CopiesEncryptedPredicate copies:
                json.WriteString("op", "copiesEncrypted");
                if (copies.Key is { } copyKey)
                {
                    json.WriteString("key", copyKey.Key);
                    json.WriteString("alias", copyKey.Alias);
                }

                break;
            case RetentionPredicate retention:
                json.WriteString("op", retention.Bound == RetentionBound.AtLeast ? "retentionAtLeast" : "retentionAtMost");
                json.WriteNumber("days", retention.Days);
                break;
            case RegionPredicate region:
                json.WriteString("op", "region");
                WriteStrings(json, "regions", region.Regions);
                break;
            case TagsPresentPredicate tags:
                json.WriteString("op", "tagsPresent");
                WriteStrings(json, "keys", tags.Keys);
                break;
            default:
                throw new InvalidOperationException($"unexpected predicate {predicate.GetType().Name}");
        }

        json.WriteEndObject();
    }

    private static void WritePredicates(Utf8JsonWriter json, IEnumerable<Predicate> predicates)
    {
        json.WriteStartArray("args");
        foreach (var predicate in predicates)
        {
            WritePredicate(json, predicate);
        }

        json.WriteEndArray();
    }

    private static void WriteOperand(Utf8JsonWriter json, string name, Operand operand)
    {
        json.WritePropertyName(name);
        WriteOperandValue(json, operand);
    }

    private static void WriteOperandValue(Utf8JsonWriter json, Operand operand)
    {
        json.WriteStartObject();
        switch (operand)
        {
            case TagOperand tag:
                json.WriteString("scope", tag.Scope.ToString().ToLowerInvariant());
                json.WriteString("tag", tag.Key);
                break;
            case StringOperand text:
                json.WriteString("string", text.Value);
                break;
            case ContextOperand context:
                json.WriteString("attribute", context.Attribute.Name);
                break;
            default:
                throw new InvalidOperationException($"unexpected operand {operand.GetType().Name}");
        }

        json.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }

    public static void WriteOrigin(Utf8JsonWriter json, SourceOrigin origin)
    {
        json.WriteStartObject("origin");
        json.WriteString("file", origin.File);
        json.WriteNumber("line", origin.Line);
        json.WriteNumber("column", origin.Column);
        json.WriteEndObject();
    }
}
