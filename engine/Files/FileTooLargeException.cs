namespace Sec08Policy.Engine.Files;

/// <summary>A file (after decompression) holds more than the limit set for it; nothing past the limit was read.</summary>
public sealed class FileTooLargeException(long limit)
    : IOException($"it holds more than {limit:N0} bytes, the limit for one file")
{
    public long Limit { get; } = limit;
}
