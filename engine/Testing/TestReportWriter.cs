using System.Globalization;
using System.Text;
using System.Xml;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Engine.Testing;

/// <summary>
/// Prints test results: as text, like <c>opa test</c> (a line per difference, with the test file's position and the
/// rule's, then <c>N passed, N failed</c>), or as JUnit XML with a test suite per test file.
/// </summary>
public static class TestReportWriter
{
    public static void WriteText(TextWriter output, IReadOnlyList<CaseResult> results, TestCoverage? coverage)
    {
        foreach (var result in results)
        {
            foreach (var mismatch in result.Mismatches)
            {
                var rule = mismatch.Rule is { } origin ? $" [rule at {origin}]" : string.Empty;
                output.Write(string.Create(CultureInfo.InvariantCulture, $"{mismatch.Expectation}: FAIL {result.Case.Name}: {mismatch.Message}{rule}\n"));
            }
        }

        output.Write(Summary(results) + "\n");
        if (coverage is not null)
        {
            WriteCoverage(output, coverage);
        }
    }

    /// <summary>"12 passed, 1 failed".</summary>
    public static string Summary(IReadOnlyList<CaseResult> results) =>
        string.Create(CultureInfo.InvariantCulture, $"{Count(results, CaseStatus.Passed)} passed, {Count(results, CaseStatus.Failed)} failed");

    public static string Percent(double percent) => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(percent * 10) / 10:0.#}%");

    private static void WriteCoverage(TextWriter output, TestCoverage coverage)
    {
        var measured = coverage.Measured.Length;
        var exercised = measured - coverage.NotExercised.Length;
        output.Write(string.Create(CultureInfo.InvariantCulture, $"coverage: {exercised} of {measured} exercised ({Percent(coverage.Percent)})\n"));
        foreach (var item in coverage.NotExercised)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"  not exercised: {Describe(item.Kind)} `{item.Name}` at {item.Origin}\n"));
        }
    }

    public static string Describe(CoverageKind kind) => kind switch
    {
        CoverageKind.RequirementClause => "requirement clause",
        CoverageKind.AccessRule => "access rule",
        _ => "waiver",
    };

    public static void WriteJunit(Stream output, IReadOnlyList<CaseResult> results, TestCoverage? coverage)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), CloseOutput = false };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", XmlSafeText.Clean("sec08 test"));
            Counts(xml, results);
            if (coverage is not null)
            {
                xml.WriteStartElement("properties");
                Property(xml, "coverage", Percent(coverage.Percent));
                foreach (var item in coverage.NotExercised)
                {
                    Property(xml, "not exercised", $"{Describe(item.Kind)} {item.Name} at {item.Origin}");
                }

                xml.WriteEndElement();
            }

            foreach (var file in results.GroupBy(r => r.File.Path))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", XmlSafeText.Clean(file.Key));
                Counts(xml, [.. file]);
                foreach (var result in file)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", XmlSafeText.Clean(result.Case.Name));
                    xml.WriteAttributeString("classname", XmlSafeText.Clean(file.Key));
                    xml.WriteAttributeString("file", XmlSafeText.Clean(file.Key));
                    xml.WriteAttributeString("line", XmlSafeText.Clean(result.Case.Position.Line.ToString(CultureInfo.InvariantCulture)));
                    if (result.Status == CaseStatus.Failed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", XmlSafeText.Clean(result.Mismatches[0].Message));
                        xml.WriteString(XmlSafeText.Clean(string.Join("\n", result.Mismatches.Select(m => $"{m.Expectation}: {m.Message}{(m.Rule is { } o ? $" [rule at {o}]" : string.Empty)}"))));
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        output.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter xml, IReadOnlyList<CaseResult> results)
    {
        xml.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", Count(results, CaseStatus.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", XmlSafeText.Clean(name));
        xml.WriteAttributeString("value", XmlSafeText.Clean(value));
        xml.WriteEndElement();
    }

    private static int Count(IReadOnlyList<CaseResult> results, CaseStatus status) => results.Count(r => r.Status == status);
}
