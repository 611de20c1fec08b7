using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>The kinds of <see cref="ItemDimension"/> configuration items differ in, with their Guard clauses and samples.</summary>
internal static class Dimensions
{
    private const string True = "/^(?i)true$/";
    private const string False = "/^(?i)false$/";

    /// <summary>
    /// An encryption flag read from the first of <paramref name="paths"/> that is present, true or false as a boolean or
    /// as a string in any case (what the input reader accepts); anything else leaves the encryption unknown.
    /// </summary>
    public static ItemDimension Flag(params ItemPath[] paths)
    {
        var alternatives = ImmutableArray.CreateBuilder<ItemAlternative>();
        for (var i = 0; i < paths.Length; i++)
        {
            var absent = paths.Take(i).Select(p => $"{p.Guard} not exists").ToImmutableArray();
            var path = paths[i];
            var earlier = paths.Take(i).ToArray();
            Action<JsonObject> Setting(bool value) => item =>
            {
                foreach (var p in earlier)
                {
                    p.Remove(item);
                }

                path.Set(item, JsonValue.Create(value));
            };

            alternatives.Add(new($"{path} true", [.. absent, $"{path.Guard} IN [true, {True}]"], Setting(true)));
            alternatives.Add(new($"{path} false", [.. absent, $"{path.Guard} IN [false, {False}]"], Setting(false)));
        }

        alternatives.Add(new(
            $"{paths[0]} neither true nor false",
            [.. paths.Select((p, i) => string.Join(" or ", paths.Take(i).Select(q => $"{q.Guard} exists").Append($"{p.Guard} not exists or {p.Guard} NOT IN [true, false, {True}, {False}]")))],
            item =>
            {
                foreach (var p in paths)
                {
                    p.Remove(item);
                }
            }));
        return new ItemDimension(paths[0].ToString(), alternatives.ToImmutable());
    }

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

    /// <summary>A property that is <c>true</c>, as a boolean or a string in any case, or is anything else.</summary>
    public static ItemDimension TrueOrNot(ItemPath path) => new(path.ToString(),
    [
        new($"{path} true", [$"{path.Guard} IN [true, {True}]"], item => path.Set(item, "true")),
        new($"{path} not true", [$"{path.Guard} not exists or {path.Guard} NOT IN [true, {True}]"], path.Remove),
    ]);

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
