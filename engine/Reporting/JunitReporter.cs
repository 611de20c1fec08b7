using System.Globalization;
using System.Text;
using System.Xml;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// JUnit XML for CI test views: a test suite per requirement, a test case per rule and resource. Failures are
/// failures; unknowns and waivers are skipped, with the reason.
/// </summary>
public static class JunitReporter
{
    public static void Write(EvaluationResult result, Stream output)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false, CloseOutput = false };
        using (var xml = XmlWriter.Create(output, settings))
        {
            var findings = ReportOrder.Sorted(result.Findings).ToList();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "sec08");
            Counts(xml, findings);
            foreach (var suite in findings.GroupBy(f => f.Rule.Requirement).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", suite.Key);
                Counts(xml, [.. suite]);
                foreach (var finding in suite)
                {
                    WriteCase(xml, finding);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        output.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter xml, List<Finding> findings)
    {
        xml.WriteAttributeString("tests", findings.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", findings.Count(f => f.Verdict == Verdict.Fail).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", findings.Count(f => f.Verdict is Verdict.Unknown or Verdict.Waived).ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter xml, Finding finding)
    {
        var resource = finding.Resource;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", finding.Rule.Requirement);
        xml.WriteAttributeString("name", $"{finding.Rule.Id} {resource.Id}");
        xml.WriteAttributeString("file", resource.Position.File);
        xml.WriteAttributeString("line", resource.Position.Line.ToString(CultureInfo.InvariantCulture));
        switch (finding.Verdict)
        {
            case Verdict.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", finding.Rule.Severity.ToString().ToLowerInvariant());
                xml.WriteAttributeString("message", $"{finding.Rule.Message}: {finding.Reason}");
                xml.WriteString($"{resource.Position}: {resource.Type} {resource.Id}\npolicy: {finding.Rule.Origin}\nfix: {finding.Rule.Remediation}");
                xml.WriteEndElement();
                break;
            case Verdict.Unknown:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", $"unknown: {finding.Reason}");
                xml.WriteEndElement();
                break;
            case Verdict.Waived:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", ReportOrder.WaiverNote(finding));
                xml.WriteEndElement();
                break;
        }

        xml.WriteEndElement();
    }
}
