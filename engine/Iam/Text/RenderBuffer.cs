namespace Sec08Policy.Engine.Iam.Text;

/// <summary>Per-thread buffers a <see cref="PolicyText"/> with variables is rendered into, so evaluation allocates nothing.</summary>
internal static class RenderBuffer
{
    [ThreadStatic]
    private static char[]? t_chars;

    [ThreadStatic]
    private static bool[]? t_literal;

    /// <summary>Renders <paramref name="text"/>; returns false when a variable does not resolve.</summary>
    public static bool TryRender(PolicyText text, IamRequestContext context, out ReadOnlySpan<char> chars, out ReadOnlySpan<bool> literal)
    {
        var charBuffer = t_chars ??= new char[PolicyText.MaxLength];
        var literalBuffer = t_literal ??= new bool[PolicyText.MaxLength];
        var length = text.Render(context, charBuffer, literalBuffer);
        chars = length < 0 ? default : charBuffer.AsSpan(0, length);
        literal = length < 0 ? default : literalBuffer.AsSpan(0, length);
        return length >= 0;
    }
}
