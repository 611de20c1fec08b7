using System.Net;
using System.Net.Sockets;

namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>An IPv4 or IPv6 address with a prefix length: a CIDR block in a policy (a bare address is /32 or /128), or a request's address.</summary>
internal readonly struct IpValue
{
    private readonly byte[] _bytes;

    private IpValue(byte[] bytes, int prefix)
    {
        _bytes = bytes;
        Prefix = prefix;
    }

    public int Prefix { get; }

    public bool IsIPv6 => _bytes.Length == 16;

    public static bool TryParse(string text, out IpValue value)
    {
        value = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        // IPAddress.TryParse also takes forms IAM does not (a bare integer, "1.2"); a policy writes dotted quads or colons.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && address.Count(c => c == '.') != 3)
        {
            return false;
        }

        var bytes = parsed.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
        {
            return false;
        }

        value = new IpValue(bytes, prefix);
        return true;
    }

    /// <summary>Whether <paramref name="address"/> lies in this block; addresses of the other family never do.</summary>
    public bool Contains(IpValue address)
    {
        if (address._bytes is null || _bytes is null || address._bytes.Length != _bytes.Length)
        {
            return false;
        }

        var full = Prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (_bytes[i] != address._bytes[i])
            {
                return false;
            }
        }

        var rest = Prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (_bytes[full] & mask) == (address._bytes[full] & mask);
    }
}
