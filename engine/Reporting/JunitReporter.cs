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
            xml.WriteAttributeString("name", XmlSafeText.Clean("sec08"));
            Counts(xml, findings, result.InputErrors.Length);
            WriteKpis(xml, result.Kpis);
            foreach (var suite in findings.GroupBy(f => f.Rule.Requirement).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", XmlSafeText.Clean(suite.Key));
                Counts(xml, [.. suite], 0);
                foreach (var finding in suite)
                {
                    WriteCase(xml, finding);
                }

                xml.WriteEndElement();
            }

            WriteInputErrors(xml, result);
            foreach (var framework in result.Compliance)
            {
                WriteFramework(xml, framework);
            }

            xml.WriteEndElement();
        }

        output.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter xml, List<Finding> findings, int errors)
    {
        xml.WriteAttributeString("tests", XmlSafeText.Clean((findings.Count + errors).ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("failures", XmlSafeText.Clean(findings.Count(f => f.Verdict == Verdict.Fail).ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("errors", XmlSafeText.Clean(errors.ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("skipped", XmlSafeText.Clean(findings.Count(f => f.Verdict is Verdict.Unknown or Verdict.Waived).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A suite of the inputs that could not be read, a test case in error for each; only when there are some.</summary>
    private static void WriteInputErrors(XmlWriter xml, EvaluationResult result)
    {
        if (result.InputErrors.IsEmpty)
        {
            return;
        }

        var count = result.InputErrors.Length.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", XmlSafeText.Clean("inputs"));
        xml.WriteAttributeString("tests", XmlSafeText.Clean(count));
        xml.WriteAttributeString("failures", XmlSafeText.Clean("0"));
        xml.WriteAttributeString("errors", XmlSafeText.Clean(count));
        xml.WriteAttributeString("skipped", XmlSafeText.Clean("0"));
        foreach (var error in result.InputErrors)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", XmlSafeText.Clean("inputs"));
            xml.WriteAttributeString("name", XmlSafeText.Clean(error.File));
            xml.WriteAttributeString("file", XmlSafeText.Clean(error.File));
            xml.WriteAttributeString("line", XmlSafeText.Clean(error.Line.ToString(CultureInfo.InvariantCulture)));
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", XmlSafeText.Clean("input"));
            xml.WriteAttributeString("message", XmlSafeText.Clean($"input not read: {error.Message}"));
            xml.WriteString(XmlSafeText.Clean(error.ToString()));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The SEC08 indicators as suite properties, which CI test views show with the run.</summary>
    private static void WriteKpis(XmlWriter xml, Kpis kpis)
    {
        xml.WriteStartElement("properties");
        void Property(string name, string value)
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", XmlSafeText.Clean(name));
            xml.WriteAttributeString("value", XmlSafeText.Clean(value));
            xml.WriteEndElement();
        }

        foreach (var level in kpis.ByClassification.Append(kpis.All))
        {
            Property($"sec08.encrypted.{level.Level}", ReportOrder.Describe(level.Encrypted));
            Property($"sec08.customer-managed-key.{level.Level}", ReportOrder.Describe(level.CustomerManaged));
        }

        Property("sec08.key-rotation", ReportOrder.Describe(kpis.KeyRotation));
        Property("sec08.waivers", $"{kpis.WaiversInForce} in force, {kpis.WaiversExpired} expired");
        xml.WriteEndElement();
    }

    /// <summary>
    /// A suite per compliance framework, a case per control: failed when a resource fails it, skipped when it is not
    /// assessed or some resource is unknown or waived. Its counts stay out of the findings' totals above.
    /// </summary>
    private static void WriteFramework(XmlWriter xml, FrameworkScore framework)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", XmlSafeText.Clean($"compliance: {framework.Title}"));
        xml.WriteAttributeString("tests", XmlSafeText.Clean(framework.Controls.Length.ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("failures", XmlSafeText.Clean(framework.Controls.Count(c => c.Failing > 0).ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("errors", XmlSafeText.Clean("0"));
        xml.WriteAttributeString("skipped", XmlSafeText.Clean(framework.Controls.Count(c => c.Failing == 0 && !c.FullyPassing).ToString(CultureInfo.InvariantCulture)));
        xml.WriteStartElement("properties");
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", XmlSafeText.Clean("sec08.compliance"));
        xml.WriteAttributeString("value", XmlSafeText.Clean(ComplianceTexts.Share(framework)));
        xml.WriteEndElement();
        xml.WriteEndElement();
        foreach (var control in framework.Controls)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", XmlSafeText.Clean(framework.Framework));
            xml.WriteAttributeString("name", XmlSafeText.Clean(control.Control));
            if (control.Failing > 0 || !control.FullyPassing)
            {
                xml.WriteStartElement(control.Failing > 0 ? "failure" : "skipped");
                xml.WriteAttributeString("message", XmlSafeText.Clean($"{ComplianceTexts.Counts(control)} (rules {string.Join(", ", control.Rules)})"));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, Finding finding)
    {
        var resource = finding.Resource;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", XmlSafeText.Clean(finding.Rule.Requirement));
        xml.WriteAttributeString("name", XmlSafeText.Clean($"{finding.Rule.Id} {resource.Id}"));
        xml.WriteAttributeString("file", XmlSafeText.Clean(resource.Position.File));
        xml.WriteAttributeString("line", XmlSafeText.Clean(resource.Position.Line.ToString(CultureInfo.InvariantCulture)));
        switch (finding.Verdict)
        {
            case Verdict.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", XmlSafeText.Clean(finding.Rule.Severity.ToString().ToLowerInvariant()));
                xml.WriteAttributeString("message", XmlSafeText.Clean($"{finding.Rule.Message}: {finding.Reason}"));
                xml.WriteString(XmlSafeText.Clean($"{resource.Position}: {resource.Type} {resource.Id}\npolicy: {finding.Rule.Origin}\nfix: {finding.Rule.Remediation}"));
                xml.WriteEndElement();
                break;
            case Verdict.Unknown:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", XmlSafeText.Clean($"unknown: {finding.Reason}"));
                xml.WriteEndElement();
                break;
            case Verdict.Waived:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", XmlSafeText.Clean(ReportOrder.WaiverNote(finding)));
                xml.WriteEndElement();
                break;
        }

        xml.WriteEndElement();
    }
}
