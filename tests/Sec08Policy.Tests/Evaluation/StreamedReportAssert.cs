using System.Text;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>What an evaluation that holds no findings must share with the evaluation held: its report and its counts.</summary>
internal static class StreamedReportAssert
{
    public static void SameAsHeld(StreamedEvaluation streamed, EvaluationResult held, ReportFormat format)
    {
        Assert.That(Report(streamed, format), Is.EqualTo(Report(held, format)));
        Assert.That(streamed.ResourceCount, Is.EqualTo(held.Resources.Count));
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            Assert.That(streamed.Count(verdict), Is.EqualTo(held.Count(verdict)), verdict.ToString());
        }

        foreach (var severity in Enum.GetValues<Sec08Policy.Engine.Model.Severity>())
        {
            Assert.That(streamed.FailsAtOrAbove(severity), Is.EqualTo(held.FailuresAtOrAbove(severity).Any()), severity.ToString());
        }
    }

    public static string Report(IReportSource source, ReportFormat format)
    {
        using var stream = new MemoryStream();
        Reporter.Write(source, format, stream, color: false, "1.0.0");
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
