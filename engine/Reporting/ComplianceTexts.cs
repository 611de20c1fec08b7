using System.Globalization;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>The compliance scores in words, the same in every text report.</summary>
internal static class ComplianceTexts
{
    /// <summary>"1 of 4 controls fully passing (25%)", or that no control could be assessed.</summary>
    public static string Share(FrameworkScore framework) => framework.Percent is { } percent
        ? string.Create(CultureInfo.InvariantCulture, $"{framework.FullyPassing} of {Counted.Of(framework.Assessed, "assessed control")} fully passing ({percent:0.#}%)")
        : "no control assessed";

    /// <summary>"17 resources: 6 failing, 2 unknown, 1 waived, 8 passing", or "no resource".</summary>
    public static string Counts(ControlScore control) => control.Assessed
        ? string.Create(CultureInfo.InvariantCulture, $"{Counted.Of(control.Resources, "resource")}: {control.Failing} failing, {control.Unknown} unknown, {control.Waived} waived, {control.Passing} passing")
        : "no resource";
}
