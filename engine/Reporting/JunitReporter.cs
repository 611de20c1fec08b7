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
    public static void Write(IReportSource result, Stream output)
    {
        // One listing of the findings fills the suites (a streamed evaluation knows its KPIs once it has listed them);
        // each suite's cases wait in a spool, as its counts come before them.
        var suites = new SortedDictionary<string, Suite>(StringComparer.Ordinal);
        try
        {
            foreach (var finding in result.FindingsInOrder)
            {
                if (!suites.TryGetValue(finding.Rule.Requirement, out var suite))
                {
                    suites.Add(finding.Rule.Requirement, suite = new Suite());
                }

                suite.Add(finding);
            }

            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false, CloseOutput = false };
            using (var xml = XmlWriter.Create(output, settings))
            {
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", XmlSafeText.Clean("sec08"));
                var errors = result.InputErrors.Length;
                Counts(xml, suites.Values.Sum(s => s.Tests) + errors, suites.Values.Sum(s => s.Failures), errors, suites.Values.Sum(s => s.Skipped));
                WriteKpis(xml, result.Kpis);
                foreach (var (requirement, suite) in suites)
                {
                    xml.WriteStartElement("testsuite");
                    xml.WriteAttributeString("name", XmlSafeText.Clean(requirement));
                    Counts(xml, suite.Tests, suite.Failures, 0, suite.Skipped);
                    foreach (var row in suite.Cases.Rows(Suite.End))
                    {
                        WriteCase(xml, row.Split(Suite.Separator));
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
        }
        finally
        {
            foreach (var suite in suites.Values)
            {
                suite.Cases.Dispose();
            }
        }

        output.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter xml, int tests, int failures, int errors, int skipped)
    {
        xml.WriteAttributeString("tests", XmlSafeText.Clean(tests.ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("failures", XmlSafeText.Clean(failures.ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("errors", XmlSafeText.Clean(errors.ToString(CultureInfo.InvariantCulture)));
        xml.WriteAttributeString("skipped", XmlSafeText.Clean(skipped.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A suite of the inputs that could not be read, a test case in error for each; only when there are some.</summary>
    private static void WriteInputErrors(XmlWriter xml, IReportSource result)
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

    /// <summary>A test case from its fields as <see cref="Suite.Case"/> made them.</summary>
    private static void WriteCase(XmlWriter xml, string[] fields)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", fields[0]);
        xml.WriteAttributeString("name", fields[1]);
        xml.WriteAttributeString("file", fields[2]);
        xml.WriteAttributeString("line", fields[3]);
        switch (fields[4])
        {
            case "failure":
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", fields[5]);
                xml.WriteAttributeString("message", fields[6]);
                xml.WriteString(fields[7]);
                xml.WriteEndElement();
                break;
            case "skipped":
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", fields[6]);
                xml.WriteEndElement();
                break;
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// The test cases of one requirement and their counts. A case is kept as its cleaned texts joined by control
    /// characters that <see cref="XmlSafeText.Clean"/> never leaves in them.
    /// </summary>
    private sealed class Suite
    {
        public const char Separator = '\u0001';

        public const char End = '\u0002';

        public RowSpool Cases { get; } = new();

        public int Tests { get; private set; }

        public int Failures { get; private set; }

        public int Skipped { get; private set; }

        public void Add(Finding finding)
        {
            Tests++;
            Failures += finding.Verdict == Verdict.Fail ? 1 : 0;
            Skipped += finding.Verdict is Verdict.Unknown or Verdict.Waived ? 1 : 0;
            Cases.Add(string.Join(Separator, Case(finding)) + End);
        }

        /// <summary>Class name, name, file, line, the element under the case (if any), its type, message and text.</summary>
        private static string[] Case(Finding finding)
        {
            var resource = finding.Resource;
            var (element, type, message, text) = finding.Verdict switch
            {
                Verdict.Fail => ("failure", finding.Rule.Severity.ToString().ToLowerInvariant(), $"{finding.Rule.Message}: {finding.Reason}", $"{resource.Position}: {resource.Type} {resource.Id}\npolicy: {finding.Rule.Origin}\nfix: {finding.Rule.Remediation}"),
                Verdict.Unknown => ("skipped", "", $"unknown: {finding.Reason}", ""),
                Verdict.Waived => ("skipped", "", ReportOrder.WaiverNote(finding), ""),
                _ => ("", "", "", ""),
            };
            return [
                XmlSafeText.Clean(finding.Rule.Requirement),
                XmlSafeText.Clean($"{finding.Rule.Id} {resource.Id}"),
                XmlSafeText.Clean(resource.Position.File),
                XmlSafeText.Clean(resource.Position.Line.ToString(CultureInfo.InvariantCulture)),
                element,
                XmlSafeText.Clean(type),
                XmlSafeText.Clean(message),
                XmlSafeText.Clean(text),
            ];
        }
    }
}
