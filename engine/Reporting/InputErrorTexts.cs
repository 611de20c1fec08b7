using System.Collections.Immutable;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>How the reports introduce the inputs that could not be read.</summary>
internal static class InputErrorTexts
{
    public static string Heading(ImmutableArray<InputError> errors) =>
        errors.Length == 1
            ? "1 input could not be read; its resources are not evaluated"
            : $"{Counted.Of(errors.Length, "input")} could not be read; their resources are not evaluated";
}
