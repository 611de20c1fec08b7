using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>The checks on a resource's copies and on how long it keeps its data.</summary>
internal static partial class CheckCompiler
{
    /// <summary>
    /// The copies are judged as the resource itself would be, with the copies' encryption in place of its own: the
    /// same Unknowns, the same key matching.
    /// </summary>
    private static Outcome CopiesEncrypted(Resource resource, KeyDirectory keys, NamedKeyPredicate? named)
    {
        if (resource.Copies is null)
        {
            return Outcome.NotApplicable(resource.NothingCopied ?? (resource.Entry is { MakesCopies: true } ? "it makes no copies as configured" : "it neither is nor makes a copy of data"));
        }

        var copies = resource with { Encryption = resource.Copies, EbsEncryptionByDefault = null, NothingStored = null };
        var outcome = named is null ? Encrypted(copies) : NamedKey(copies, keys, named);
        return outcome.Verdict switch
        {
            Verdict.Fail => Outcome.Fail($"its copies: {outcome.Reason}"),
            Verdict.Unknown => Outcome.Unknown($"its copies: {outcome.Reason}"),
            _ => outcome,
        };
    }

    /// <summary>At least: the days the data is surely kept; at most: the days by which it is surely gone. Forever passes the one and fails the other.</summary>
    private static Outcome Retention(Resource resource, RetentionPredicate demand)
    {
        if (resource.Retention is not { } retention)
        {
            return Outcome.NotApplicable(resource.Kind == ResourceKind.DataStore ? "its type has no retention setting sec08 reads" : "it holds no data");
        }

        if (demand.Bound == RetentionBound.AtLeast)
        {
            return retention.Floor switch
            {
                { IsKnown: false } f => Outcome.Unknown($"how long it keeps its data is unknown: {f.UnknownReason}"),
                { Value: null } => Outcome.Pass(),
                { Value: { } days } when days >= demand.Days => Outcome.Pass(),
                { Value: 0 } => Outcome.Fail($"nothing keeps its data for a set time (0 days), fewer than {demand.Days}"),
                { Value: { } days } => Outcome.Fail($"keeps its data {Days(days)}, fewer than {demand.Days}"),
            };
        }

        return retention.Ceiling switch
        {
            { IsKnown: false } c => Outcome.Unknown($"when it deletes its data is unknown: {c.UnknownReason}"),
            { Value: null } => Outcome.Fail($"never deletes its data, and must within {Days(demand.Days)}"),
            { Value: { } days } when days <= demand.Days => Outcome.Pass(),
            { Value: { } days } => Outcome.Fail($"keeps its data up to {Days(days)}, more than {demand.Days}"),
        };
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
