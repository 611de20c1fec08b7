using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sec08Policy.Engine.Files;

/// <summary>
/// The few POSIX calls .NET does not expose: the type of a file (a named pipe or a device is not a regular file),
/// opening without blocking on a named pipe that has no writer, and the real path of a folder. Types and real paths
/// come from the runtime's own native shim (<c>libSystem.Native</c>, present in every .NET runtime and linked into
/// Native AOT builds), whose <c>FileStatus</c> starts with <c>Flags</c> and <c>Mode</c>; <c>open</c> comes from the C
/// library, because the shim has no non-blocking flag. On Windows there are no named pipes in folders, and the
/// managed calls are used.
/// </summary>
internal static partial class NativeFiles
{
    private const string SystemNative = "libSystem.Native";

    // File type bits of st_mode: POSIX fixes these values.
    private const int TypeMask = 0xF000;

    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;

        // The rest of the shim's structure (owner, size, times, device, inode), with room to spare.
        private Reserved _rest;

        [InlineArray(32)]
        private struct Reserved
        {
            private long _element;
        }
    }

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, out FileStatus status);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, out FileStatus status);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static partial int FStat(SafeFileHandle file, out FileStatus status);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_FcntlSetIsNonBlocking", SetLastError = true)]
    private static partial int SetIsNonBlocking(SafeFileHandle file, int isNonBlocking);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_RealPath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr RealPathNative(string path);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_Free")]
    private static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    /// <summary>What <paramref name="path"/> names; <paramref name="followLinks"/> false tells a symbolic link from its target.</summary>
    public static FileKind KindOf(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path))
            {
                return FileKind.Missing;
            }

            return !followLinks && info.LinkTarget is not null ? FileKind.SymbolicLink
                : info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory : FileKind.Regular;
        }

        var result = followLinks ? Stat(path, out var status) : LStat(path, out status);
        return result == 0 ? FromMode(status.Mode) : FileKind.Missing;
    }

    /// <summary>The kind of an open file.</summary>
    public static FileKind KindOf(SafeFileHandle file)
    {
        if (OperatingSystem.IsWindows())
        {
            return FileKind.Regular;
        }

        return FStat(file, out var status) == 0 ? FromMode(status.Mode) : FileKind.Other;
    }

    /// <summary>The path with every symbolic link and <c>..</c> resolved; the full path when it cannot be resolved.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return full;
        }

        var resolved = RealPathNative(full);
        if (resolved == IntPtr.Zero)
        {
            return full;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? full;
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>
    /// Opens a file for reading without waiting for a writer when it is a named pipe: a pipe with no writer then reads
    /// as empty, one with a writer (a shell's <c>&lt;(...)</c> or <c>/dev/stdin</c>) as what is written.
    /// </summary>
    public static SafeFileHandle OpenForReading(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        var flags = OperatingSystem.IsLinux() ? LinuxNonBlock | LinuxCloseOnExec : BsdNonBlock | BsdCloseOnExec;
        var descriptor = Open(path, flags);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeErrorMessage();
            throw Marshal.GetLastPInvokeError() switch
            {
                2 or 20 => new FileNotFoundException(error, path), // ENOENT, ENOTDIR
                13 or 1 => new UnauthorizedAccessException(error), // EACCES, EPERM
                _ => new IOException(error),
            };
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);

        // Reads block as usual from here on: only the open had to not wait.
        SetIsNonBlocking(handle, 0);
        return handle;
    }

    // O_NONBLOCK and O_CLOEXEC: the same on every Linux architecture .NET runs on; macOS and the BSDs share theirs.
    private const int LinuxNonBlock = 0x800;
    private const int LinuxCloseOnExec = 0x80000;
    private const int BsdNonBlock = 0x4;
    private const int BsdCloseOnExec = 0x1000000;

    private static FileKind FromMode(int mode) => (mode & TypeMask) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.NamedPipe,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };
}
