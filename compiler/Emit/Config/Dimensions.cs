using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>The kinds of <see cref="ItemDimension"/> configuration items differ in, with their Guard clauses and samples.</summary>
internal static class Dimensions
{
    private const string True = "/^(?i)true$/";
    private const string False = "/^(?i)false$/";

    private static readonly string[] s_booleans = ["true", "false"];

    /// <summary>
    /// A flag, true or false as a boolean or as a string in any case (what the input reader accepts), or neither
    /// (absent or another value).
    /// </summary>
    public static ItemDimension Flag(ItemPath path)
    {
        var p = path.Guard;
        return new ItemDimension(path.ToString(),
        [
            new($"{path} true", [$"{p} IN [true, {True}]"], item => path.Set(item, JsonValue.Create(true))),
            new($"{path} false", [$"{p} IN [false, {False}]"], item => path.Set(item, JsonValue.Create(false))),
            new($"{path} neither true nor false", [$"{p} not exists or {p} NOT IN [true, false, {True}, {False}]"], path.Remove),
        ]);
    }

    /// <summary>
    /// A property a catalogue switch reads: one of <paramref name="values"/> (ignoring case, as the input reader matches
    /// them; <c>true</c> and <c>false</c> also as booleans), another string, or absent (missing or empty). Items holding
    /// an object, a list or another kind of value there fall in no alternative (Config never writes them).
    /// </summary>
    public static ItemDimension Switch(ItemPath path, IReadOnlyList<string> values)
    {
        // A Boolean switch gets both Booleans: the one no case names is a value Config writes, not "another string".
        if (values.Any(v => bool.TryParse(v, out _)))
        {
            values = [.. values, .. s_booleans.Where(b => !values.Contains(b, StringComparer.OrdinalIgnoreCase))];
        }

        var p = path.Guard;
        var matchers = values.Select(Matcher).ToList();
        var alternatives = ImmutableArray.CreateBuilder<ItemAlternative>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var boolean = bool.TryParse(value, out var flag);
            alternatives.Add(new($"{path} {value}", [$"{p} IN [{matchers[i]}]"], item => path.Set(item, boolean ? JsonValue.Create(flag) : JsonValue.Create(value))));
        }

        alternatives.Add(new(
            $"{path} another value",
            [$"{p} is_string", $"{p} != \"\"", .. matchers.Count == 0 ? Array.Empty<string>() : [$"{p} NOT IN [{string.Join(", ", matchers)}]"]],
            item => path.Set(item, "other-value")));
        alternatives.Add(new($"{path} absent", [$"{p} not exists or {p} == \"\""], path.Remove));
        return new ItemDimension(path.ToString(), alternatives.ToImmutable());
    }

    /// <summary>Guard values that match a switch case as the input reader does: ignoring case, Booleans either way.</summary>
    public static string Matcher(string value) =>
        bool.TryParse(value, out var flag) ? $"{(flag ? "true" : "false")}, /^(?i){value.ToLowerInvariant()}$/" : $"/^(?i){GuardText.Literal(value)}$/";

    /// <summary>
    /// A string property that is in one of the <paramref name="groups"/> of values (case-sensitive), or anything else or
    /// absent (the sample then holds <paramref name="otherSample"/>, or nothing).
    /// </summary>
    public static ItemDimension Values(ItemPath path, IReadOnlyList<IReadOnlyList<string>> groups, string? otherSample)
    {
        var alternatives = ImmutableArray.CreateBuilder<ItemAlternative>();
        foreach (var group in groups)
        {
            alternatives.Add(new($"{path} one of {string.Join(", ", group)}", [$"{path.Guard} IN {GuardText.List(group)}"], item => path.Set(item, group[0])));
        }

        var all = GuardText.List(groups.SelectMany(g => g));
        alternatives.Add(new($"{path} other or absent", [$"{path.Guard} not exists or {path.Guard} NOT IN {all}"], item =>
        {
            if (otherSample is null)
            {
                path.Remove(item);
            }
            else
            {
                path.Set(item, otherSample);
            }
        }));
        return new ItemDimension(path.ToString(), alternatives.ToImmutable());
    }

    /// <summary>
    /// The key a resource names: none (absent, empty or not a string), an AWS managed key's alias, the alias of the
    /// key a rule names (when <paramref name="namedAlias"/> is given), or any other key.
    /// </summary>
    public static ItemDimension Key(ItemPath path, string awsManagedAlias, string? namedAlias)
    {
        var p = path.Guard;
        var aws = "/(^|:)alias\\/aws\\/.*/"; // Guard cannot parse a regular expression that ends in an escaped slash
        var named = namedAlias is null ? null : $"/(^|:){GuardText.Literal(namedAlias)}$/";
        var alternatives = ImmutableArray.CreateBuilder<ItemAlternative>();
        alternatives.Add(new($"{path} none", [$"{p} not exists or {p} !is_string or {p} == \"\""], path.Remove));
        alternatives.Add(new($"{path} an AWS managed key", [$"{p} == {aws}"], item => path.Set(item, $"arn:aws:kms:eu-west-1:111122223333:{awsManagedAlias}")));
        if (named is not null)
        {
            alternatives.Add(new($"{path} {namedAlias}", [$"{p} == {named}", $"{p} != {aws}"], item => path.Set(item, $"arn:aws:kms:eu-west-1:111122223333:{namedAlias}")));
        }

        alternatives.Add(new(
            $"{path} another key",
            [$"{p} is_string", $"{p} != \"\"", $"{p} != {aws}", .. named is null ? Array.Empty<string>() : [$"{p} != {named}"]],
            item => path.Set(item, "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")));
        return new ItemDimension(path.ToString(), alternatives.ToImmutable());
    }

    /// <summary>The item's Region: one of <paramref name="regions"/>, another, or not recorded.</summary>
    public static ItemDimension Region(IReadOnlyList<string> regions)
    {
        var list = GuardText.List(regions);
        var path = new ItemPath("awsRegion");
        return new ItemDimension("awsRegion",
        [
            new("in an allowed Region", [$"awsRegion IN {list}"], item => path.Set(item, regions[0])),
            new("in another Region", ["awsRegion is_string", $"awsRegion NOT IN {list}"], item => path.Set(item, regions.Contains("us-east-1") ? "ap-south-2" : "us-east-1")),
            new("Region not recorded", ["awsRegion not exists or awsRegion !is_string"], path.Remove),
        ]);
    }

    /// <summary>Every one of the tag keys is present, or some is missing (the sample drops the first that is not <paramref name="keep"/>).</summary>
    public static ItemDimension Tags(IReadOnlyList<string> keys, string? keep)
    {
        var dropped = keys.FirstOrDefault(k => k != keep) ?? keys[0];
        return new ItemDimension("tags",
        [
            new("has every required tag", [.. keys.Select(k => $"{Tag(k)} exists")], item =>
            {
                var tags = (JsonObject)(item["tags"] ??= new JsonObject());
                foreach (var key in keys.Where(k => !tags.ContainsKey(k)))
                {
                    tags[key] = "sample";
                }
            }),
            new("misses a required tag", [string.Join(" or ", keys.Select(k => $"{Tag(k)} not exists"))], item =>
            {
                var tags = (JsonObject)(item["tags"] ??= new JsonObject());
                foreach (var key in keys.Where(k => k != dropped && !tags.ContainsKey(k)))
                {
                    tags[key] = "sample";
                }

                tags.Remove(dropped);
            }),
        ]);
    }

    /// <summary>The Guard query of a tag.</summary>
    public static string Tag(string key) => new ItemPath("tags", key).Guard;
}
