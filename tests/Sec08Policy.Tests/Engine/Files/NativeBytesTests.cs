using Sec08Policy.Engine.Files;

namespace Sec08Policy.Tests.Engine.Files;

/// <summary>Whole inputs read outside the collected heap: every byte as read, whatever the stream, and never more than the limit.</summary>
public class NativeBytesTests
{
    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(5 << 20, true)]
    [TestCase(1, false)]
    [TestCase((5 << 20) + 3, false)]
    public void Read_GivesEveryByteOfTheStream(int size, bool seekable)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        var prefix = data.AsSpan(0, Math.Min(size, 100)).ToArray();
        using Stream stream = seekable ? new MemoryStream(data[prefix.Length..]) : new UnseekableStream(data[prefix.Length..]);

        using var bytes = NativeBytes.Read(stream, long.MaxValue, prefix);

        Assert.That(bytes.Length, Is.EqualTo(size));
        Assert.That(bytes.Span.SequenceEqual(data), Is.True);
        if (size > 0)
        {
            Assert.That(bytes[size - 1], Is.EqualTo(data[^1]));
        }

        Assert.That(() => bytes[size], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_PastTheLimit_IsRefused(bool seekable)
    {
        var data = new byte[3 << 20];
        using Stream stream = seekable ? new MemoryStream(data) : new UnseekableStream(data);

        Assert.That(() => NativeBytes.Read(stream, 2 << 20, default), Throws.TypeOf<FileTooLargeException>());
    }

    [Test]
    public void AfterDisposal_NoByteIsReadable()
    {
        var bytes = NativeBytes.Copy([1, 2, 3]);
        ((IDisposable)bytes).Dispose();

        Assert.That(bytes.Length, Is.Zero);
        Assert.That(() => bytes[0], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    /// <summary>A pipe-like stream: no length, reads in small pieces.</summary>
    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, 65_536), data.Length - _at);
            data.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
