using System.Collections.Concurrent;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// What is worked out from a string (a principal ARN, a key's alias ARN), kept so that the many requests naming the
/// same one share it. Bounded: past <see cref="Capacity"/> strings it works values out without keeping them, so a
/// stream of distinct strings cannot grow it without end.
/// </summary>
internal sealed class InternTable<T>(Func<string, T> create)
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);

    public T this[string text]
    {
        get
        {
            if (_values.TryGetValue(text, out var value))
            {
                return value;
            }

            value = create(text);
            if (_values.Count < Capacity)
            {
                _values.TryAdd(text, value);
            }

            return value;
        }
    }
}
