using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// The machine-readable report, format <c>sec08-eval/2</c> (docs/eval.md): the input files, rules and waivers are
/// listed once; then one line per resource, with the rules it passed and its other findings, which name their rule
/// and waiver by index; the counts, indicators and compliance scores (rules again by index) come last. It is written
/// as findings come, one resource at a time, so nothing but the resource being written is held.
/// </summary>
public static class CompactJsonReporter
{
    public const string Format = "sec08-eval/2";

    public static void Write(IReportSource result, Stream output) => JsonOutput.Write(output, json =>
    {
        var tables = new Tables(result);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("policy", result.Policy.Name);
        json.WriteString("date", Day(result.Today));
        WriteFiles(json, tables.Files);
        JsonReporter.WriteInputErrors(json, result.InputErrors);
        WriteRules(json, tables.Rules);
        WriteWaivers(json, tables.Waivers, result.Today);
        json.WriteStartArray(JsonNames.Resources);
        using (var line = new ResourceLine(json, tables))
        {
            foreach (var finding in result.FindingsInOrder)
            {
                line.Add(finding);
            }
        }

        json.WriteEndArray();
        JsonReporter.WriteSummary(json, result);
        JsonReporter.WriteKpis(json, result.Kpis);
        using (var line = new Line())
        {
            // One control a line, its rules by index, as resources are written.
            JsonReporter.WriteCompliance(json, result.Compliance, control =>
            {
                JsonReporter.WriteControl(line.Begin(json), control, tables.RuleIndexById);
                line.End(json);
            });
        }

        json.WriteEndObject();
    });

    private static void WriteFiles(Utf8JsonWriter json, IReadOnlyList<string> files)
    {
        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
    }

    private static void WriteRules(Utf8JsonWriter json, IReadOnlyList<CompiledRule> rules)
    {
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("requirement", rule.Requirement);
            json.WriteString("severity", ReportOrder.Severity(rule.Severity));
            json.WriteString("control", rule.Control);
            json.WriteStartArray("compliance");
            foreach (var reference in rule.Compliance)
            {
                json.WriteStringValue($"{reference.Framework}:{reference.Control}");
            }

            json.WriteEndArray();
            json.WriteString("message", rule.Message);
            json.WriteString("remediation", rule.Remediation);
            json.WriteStartObject("origin");
            json.WriteString("file", rule.Origin.File);
            json.WriteNumber("line", rule.Origin.Line);
            json.WriteNumber("column", rule.Origin.Column);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteWaivers(Utf8JsonWriter json, IReadOnlyList<Waiver> waivers, DateOnly today)
    {
        json.WriteStartArray("waivers");
        foreach (var waiver in waivers)
        {
            json.WriteStartObject();
            json.WriteString("name", waiver.Name);
            json.WriteString("requirement", waiver.Requirement);
            json.WriteString("expires", Day(waiver.Expires));
            json.WriteBoolean("expired", waiver.Expires < today);
            json.WriteString("reason", waiver.Reason);
            json.WriteString("owner", waiver.Owner);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What findings refer to by index: input files, rules (in ID order) and waivers (in policy order).</summary>
    private sealed class Tables
    {
        public Tables(IReportSource result)
        {
            Files = [.. result.Files];
            Rules = [.. result.Policy.Rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
            Waivers = result.Policy.Waivers;
            FileIndex = IndexOf(Files, StringComparer.Ordinal);
            RuleIndex = IndexOf<CompiledRule>(Rules, ReferenceEqualityComparer.Instance);
            RuleIndexById = IndexOf<string>([.. Rules.Select(r => r.Id)], StringComparer.Ordinal);
            WaiverIndex = IndexOf<Waiver>(Waivers, ReferenceEqualityComparer.Instance);
        }

        public List<string> Files { get; }

        public List<CompiledRule> Rules { get; }

        public IReadOnlyList<Waiver> Waivers { get; }

        public Dictionary<string, int> FileIndex { get; }

        public Dictionary<CompiledRule, int> RuleIndex { get; }

        /// <summary>The same by rule ID, as the compliance scores name rules.</summary>
        public Dictionary<string, int> RuleIndexById { get; }

        public Dictionary<Waiver, int> WaiverIndex { get; }

        private static Dictionary<T, int> IndexOf<T>(IReadOnlyList<T> items, IEqualityComparer<T> comparer)
            where T : notnull
        {
            var index = new Dictionary<T, int>(items.Count, comparer);
            for (var i = 0; i < items.Count; i++)
            {
                index.Add(items[i], i);
            }

            return index;
        }
    }

    /// <summary>
    /// One resource and its findings, gathered as they come (a resource's findings are consecutive in report order)
    /// and written on a line of their own when the next resource starts.
    /// </summary>
    private sealed class ResourceLine : IDisposable
    {
        private readonly Utf8JsonWriter _report;
        private readonly Tables _tables;
        private readonly Line _line = new();
        private readonly List<int> _passed = [];
        private readonly List<Finding> _others = [];
        private Resource? _resource;
        private string? _classification;

        public ResourceLine(Utf8JsonWriter report, Tables tables)
        {
            _report = report;
            _tables = tables;
        }

        public void Add(Finding finding)
        {
            if (!ReferenceEquals(finding.Resource, _resource))
            {
                Flush();
                _resource = finding.Resource;
                _classification = finding.Classification;
            }

            if (finding.Verdict == Verdict.Pass)
            {
                _passed.Add(_tables.RuleIndex[finding.Rule]);
            }
            else
            {
                _others.Add(finding);
            }
        }

        public void Dispose()
        {
            Flush();
            _line.Dispose();
        }

        private void Flush()
        {
            if (_resource is not { } resource)
            {
                return;
            }

            WriteResource(_line.Begin(_report), resource);
            _line.End(_report);
            JsonOutput.FlushNow(_report);
            _passed.Clear();
            _others.Clear();
            _resource = null;
        }

        private void WriteResource(Utf8JsonWriter json, Resource resource)
        {
            json.WriteStartObject();
            json.WriteString(JsonNames.Id, resource.Id);
            json.WriteString(JsonNames.Type, resource.Type);
            if (resource.Arn is { IsKnown: true, Value: { } arn })
            {
                json.WriteString(JsonNames.Arn, arn);
            }

            json.WriteNumber(JsonNames.File, _tables.FileIndex[resource.Position.File]);
            json.WriteNumber(JsonNames.Line, resource.Position.Line);
            json.WriteNumber(JsonNames.Column, resource.Position.Column);
            json.WriteString(JsonNames.Pointer, resource.Position.Pointer);
            if (_classification is { } level)
            {
                json.WriteString(JsonNames.Classification, level);
            }

            json.WriteStartArray(JsonNames.Passed);
            foreach (var rule in _passed)
            {
                json.WriteNumberValue(rule);
            }

            json.WriteEndArray();
            json.WriteStartArray(JsonNames.Findings);
            foreach (var finding in _others)
            {
                json.WriteStartObject();
                json.WriteNumber(JsonNames.Rule, _tables.RuleIndex[finding.Rule]);
                json.WriteString(JsonNames.Verdict, VerdictText(finding.Verdict));
                json.WriteString(JsonNames.Reason, finding.Reason);

                if (finding.Waiver is { } waiver)
                {
                    json.WriteNumber(JsonNames.Waiver, _tables.WaiverIndex[waiver]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static JsonEncodedText VerdictText(Verdict verdict) => verdict switch
        {
            Verdict.Fail => JsonNames.Fail,
            Verdict.Unknown => JsonNames.Unknown,
            Verdict.Waived => JsonNames.Waived,
            _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "passes are listed by rule; not-applicable pairs are not listed"),
        };
    }

    /// <summary>
    /// Writes one value on a line of its own in the indented report, at the report's indent: the report's writer does
    /// not indent raw values. Write the value to the writer <see cref="Begin"/> returns, then call <see cref="End"/>.
    /// </summary>
    private sealed class Line : IDisposable
    {
        private static readonly JsonWriterOptions s_options = new() { Encoder = JsonOutput.Options.Encoder };

        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 12);
        private readonly Utf8JsonWriter _line;

        public Line() => _line = new Utf8JsonWriter(_buffer, s_options);

        public Utf8JsonWriter Begin(Utf8JsonWriter report)
        {
            _buffer.ResetWrittenCount();
            _line.Reset(_buffer);
            var indent = _buffer.GetSpan(1 + (2 * report.CurrentDepth))[..(1 + (2 * report.CurrentDepth))];
            indent[0] = (byte)'\n';
            indent[1..].Fill((byte)' ');
            _buffer.Advance(indent.Length);
            return _line;
        }

        public void End(Utf8JsonWriter report)
        {
            _line.Flush();
            report.WriteRawValue(_buffer.WrittenSpan, skipInputValidation: true);
        }

        public void Dispose() => _line.Dispose();
    }
}
