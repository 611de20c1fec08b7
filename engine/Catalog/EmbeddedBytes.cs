using System.Buffers;
using System.Reflection;

namespace Sec08Policy.Engine.Catalog;

/// <summary>
/// The bytes of a resource embedded in an assembly, without copying them where the runtime maps the resource in
/// memory (it does for the assemblies sec08 ships, which stay loaded for the life of the process): copying the 2 MB
/// action catalogue into an array cost more than reading the part a command needs.
/// </summary>
internal static class EmbeddedBytes
{
    public static ReadOnlyMemory<byte> Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in {assembly.GetName().Name}");
        if (stream is UnmanagedMemoryStream mapped)
        {
            return MappedMemory.Over(mapped);
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Memory over a resource the runtime keeps mapped; it is never freed, so neither is this.</summary>
    private sealed unsafe class MappedMemory(byte* start, int length) : MemoryManager<byte>
    {
        public static ReadOnlyMemory<byte> Over(UnmanagedMemoryStream stream) =>
            new MappedMemory(stream.PositionPointer, checked((int)(stream.Length - stream.Position))).Memory;

        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
