using System.Text;

namespace Sec08Policy.Compiler.Emit;

/// <summary>Statement IDs derived from rule names: IAM allows only ASCII letters and digits.</summary>
internal static class SidNames
{
    /// <summary><c>team_data-access</c> becomes <c>TeamDataAccess</c>.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    public static string Pascal(params string[] parts) => string.Concat(parts.Select(Pascal));
}
