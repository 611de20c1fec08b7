using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// A framework a requirement can be mapped to with <c>compliance NAME "CONTROL"</c>: its name in the language, its
/// title in reports, and the shape of its own control identifiers (checked where the framework numbers them).
/// </summary>
public sealed record ComplianceFramework(string Name, string Title, string ShapeDescription, Regex? Shape)
{
    /// <summary>Whether the identifier has this framework's shape; any non-blank text where it has none.</summary>
    public bool Accepts(string control) =>
        Shape?.IsMatch(control) ?? (control.Length > 0 && control.Trim() == control && !control.Any(char.IsControl));
}

/// <summary>The frameworks the language knows; docs/compliance.md cites what each mapping of the library relies on.</summary>
public static partial class ComplianceFrameworks
{
    public static IReadOnlyList<ComplianceFramework> All { get; } =
    [
        new("hipaa", "HIPAA Security Rule (45 CFR Part 164)", "a section of 45 CFR Part 164 such as `164.312(a)(2)(iv)`", HipaaShape()),
        new("pci_dss", "PCI DSS v4.0.1", "a requirement number such as `3.5.1` or `A3.2.1`", PciShape()),
        new("gdpr", "GDPR (Regulation (EU) 2016/679)", "an article such as `Art. 32(1)(a)` or a recital such as `Recital 83`", GdprShape()),
        // The Act names no controls: organisations number their IT general controls themselves.
        new("sox", "SOX IT general controls", "an organisation's own control identifier", null),
        new("nist_800_53", "NIST SP 800-53 Rev. 5", "a control such as `SC-28` or an enhancement such as `SC-28(1)`", NistShape()),
        new("cis_aws", "CIS AWS Foundations Benchmark v3.0.0", "a recommendation number such as `2.2.1` or `3.6`", CisShape()),
    ];

    private static readonly FrozenDictionary<string, ComplianceFramework> s_byName = All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static ComplianceFramework? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Sections of Part 164 with their paragraph designations: <c>164.308(a)(1)(ii)(B)</c>.</summary>
    [GeneratedRegex(@"^164\.\d{3}(\([a-zA-Z0-9]{1,4}\))*$")]
    private static partial Regex HipaaShape();

    /// <summary>Requirements 1 to 12 and appendices A1 to A3, two to four levels deep: <c>3.5.1</c>, <c>3.5.1.2</c>, <c>A3.2.1</c>.</summary>
    [GeneratedRegex(@"^(1[0-2]|[1-9]|A[1-3])(\.\d{1,2}){1,3}$")]
    private static partial Regex PciShape();

    /// <summary>Articles 1 to 99 with paragraph and point (<c>Art. 32(1)(a)</c>), or recitals 1 to 173.</summary>
    [GeneratedRegex(@"^(Art\. ([1-9]|[1-9]\d)(\(\d{1,2}\))?(\([a-z]\))?|Recital ([1-9]|[1-9]\d|1[0-6]\d|17[0-3]))$")]
    private static partial Regex GdprShape();

    /// <summary>The twenty control families of Rev. 5, a control number and an optional enhancement number.</summary>
    [GeneratedRegex(@"^(AC|AT|AU|CA|CM|CP|IA|IR|MA|MP|PE|PL|PM|PS|PT|RA|SA|SC|SI|SR)-\d{1,2}(\(\d{1,2}\))?$")]
    private static partial Regex NistShape();

    /// <summary>Section, recommendation and sub-recommendation numbers: <c>3.6</c>, <c>2.2.1</c>.</summary>
    [GeneratedRegex(@"^\d{1,2}(\.\d{1,2}){1,2}$")]
    private static partial Regex CisShape();
}
