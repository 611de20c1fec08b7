using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Prevention;

namespace Sec08Policy.Engine.Access;

/// <summary>What a <see cref="RequestTest"/> means for a request, and how to say it.</summary>
internal static class RequestTests
{
    public static bool Holds(RequestTest test, AccessRequest request)
    {
        var value = request.ContextMap.GetValueOrDefault(test.Key);
        return test.Kind switch
        {
            RequestTestKind.Bool => value is not null && string.Equals(value, test.Values[0], StringComparison.OrdinalIgnoreCase),
            RequestTestKind.Equals => value is not null && test.Values.Contains(value),
            RequestTestKind.NotEquals => value is null || !test.Values.Contains(value),
            RequestTestKind.Like => value is not null && AnyLike(test.Values, value),
            RequestTestKind.Absent => value is null,
            RequestTestKind.Present => value is not null,
            RequestTestKind.GreaterThan => value is not null
                && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                && number > decimal.Parse(test.Values[0], CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(test), test.Kind, "unexpected request test"),
        };
    }

    private static bool AnyLike(ImmutableArray<string> patterns, string value)
    {
        foreach (var pattern in patterns)
        {
            if (WildcardPattern.IsMatch(pattern, value, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }

    public static string Describe(RequestTest test) => test.Kind switch
    {
        RequestTestKind.Bool => $"{test.Key} is {test.Values[0]}",
        RequestTestKind.Equals => $"{test.Key} is {string.Join(" or ", test.Values)}",
        RequestTestKind.NotEquals => $"{test.Key} is not {string.Join(" or ", test.Values)}",
        RequestTestKind.Like => $"{test.Key} is like {string.Join(" or ", test.Values)}",
        RequestTestKind.Absent => $"no {test.Key}",
        RequestTestKind.Present => $"{test.Key} given",
        RequestTestKind.GreaterThan => $"{test.Key} above {test.Values[0]}",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test.Kind, "unexpected request test"),
    };
}
