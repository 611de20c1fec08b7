using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// Parsers for option values that are checked while the command line is parsed, so that a bad value is a usage error
/// (exit 3) with a message that names the option, never an exception.
/// </summary>
internal static class OptionValues
{
    private static readonly (string Suffix, long Factor)[] s_units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "N",
            CustomParser = result =>
            {
                var token = Token(result);
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    result.AddError($"{name} takes a whole number from {min:N0} to {max:N0}, not `{token}`");
                    return defaultValue;
                }

                return value;
            },
        };

    /// <summary>A size in bytes, with an optional unit: B, KB, MB, GB (powers of 1,000) or KiB, MiB, GiB (powers of 1,024).</summary>
    public static Option<long> Size(string name, string description, long defaultValue) =>
        new(name)
        {
            Description = $"{description} (a number of bytes, or with KB, MB, GB, KiB, MiB or GiB; default {Describe(defaultValue)})",
            DefaultValueFactory = _ => defaultValue,
            HelpName = "SIZE",
            CustomParser = result =>
            {
                var token = Token(result);
                if (ParseSize(token) is not { } size)
                {
                    result.AddError($"{name} takes a size such as 500MB or 2GiB (at least 1 byte), not `{token}`");
                    return defaultValue;
                }

                return size;
            },
        };

    /// <summary>Refuses an empty path (<c>-o ""</c>), which names no file.</summary>
    public static T NonEmptyPath<T>(T option)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => t.Value.Length == 0))
            {
                result.AddError($"{option.Name} needs a path, not an empty string");
            }
        });
        return option;
    }

    /// <summary>Accepts only the <paramref name="values"/> listed, and says which when given another.</summary>
    public static T OneOf<T>(T option, params string[] values)
        where T : Option
    {
        option.CompletionSources.Add(values);
        return Each(option, values.Contains, string.Join(", ", values[..^1]) + " or " + values[^1]);
    }

    /// <summary>Refuses any value of <paramref name="option"/> for which <paramref name="valid"/> is false, saying what it takes.</summary>
    public static T Each<T>(T option, Func<string, bool> valid, string takes)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !valid(t.Value)))
            {
                result.AddError($"{option.Name} takes {takes}, not `{token.Value}`");
            }
        });
        return option;
    }

    /// <summary>The size a text names, or null.</summary>
    public static long? ParseSize(string text)
    {
        var factor = 1L;
        foreach (var (suffix, unit) in s_units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && text.Length > suffix.Length)
            {
                text = text[..^suffix.Length].TrimEnd();
                factor = unit;
                break;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= long.MaxValue / factor
            ? number * factor
            : null;
    }

    private static string Describe(long size) =>
        size % 1_000_000_000 == 0 ? $"{size / 1_000_000_000}GB" : size % 1_000_000 == 0 ? $"{size / 1_000_000}MB" : $"{size:N0} bytes";

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
