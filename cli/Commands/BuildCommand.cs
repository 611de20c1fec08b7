using System.CommandLine;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit;

namespace Sec08Policy.Cli.Commands;

/// <summary><c>sec08 build PATH... -o DIR</c>: compile the policy into IAM, KMS and SCP documents, AWS Config rules and deployment templates.</summary>
internal static class BuildCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "policy files, or folders searched recursively for .sec08 files", Arity = ArgumentArity.OneOrMore };
        var output = OptionValues.NonEmptyPath(new Option<string>("--output", "-o")
        {
            Description = "the folder to write: a new or empty folder, or a previous build (replaced as a whole, atomically)",
            Required = true,
        });
        var maxChars = OptionValues.Int("--scp-max-chars", "the most characters one SCP may hold", 5120, 100, int.MaxValue);
        var maxCount = OptionValues.Int("--scp-max-count", "the most SCPs the build may produce", 5, 1, int.MaxValue);
        var maxPolicySize = PolicyInput.MaxSizeOption();
        var remediation = OptionValues.OneOf(new Option<string>("--remediation") { Description = "add AWS Config remediations with AWS-owned runbooks to the conformance pack: manual or automatic (default: none)" }, "none", "manual", "automatic");

        var command = new Command(
            "build",
            "Compile policies into iam/*.json, kms/*.json, scp/*.json, rules.json, cloudformation.yaml, main.tf.json, config/ (AWS Config\n"
            + "rules and conformance pack) and manifest.json.\n"
            + "Exit codes: 0 built, 2 errors in policy source or a document over an AWS limit, 3 usage or unwritable output.")
        {
            paths,
            output,
            maxChars,
            maxCount,
            maxPolicySize,
            remediation,
        };
        command.SetAction(parse => Run(
            parse.GetValue(paths)!,
            parse.GetValue(output)!,
            new EmitOptions
            {
                ScpMaxCharacters = parse.GetValue(maxChars),
                ScpMaxCount = parse.GetValue(maxCount),
                Remediation = Enum.Parse<RemediationMode>(parse.GetValue(remediation) ?? "none", ignoreCase: true),
            },
            parse.GetValue(maxPolicySize),
            context));
        return command;
    }

    private static int Run(string[] paths, string output, EmitOptions options, long maxPolicySize, CliContext context)
    {
        var input = PolicyInput.Load(paths, maxPolicySize, context);
        if (input is null)
        {
            return ExitCodes.UsageOrInput;
        }

        var sources = input.Compilation.SyntaxTrees.Select(t => t.Path).ToList();
        if (OutputFolder.WhyNotReplaceable(output, sources) is { } refused)
        {
            return context.UsageError($"will not write `{output}`: {refused}");
        }

        var result = input.Compilation.Emit(options);
        DiagnosticFormatter.WriteHuman(context.Out, result.Diagnostics);
        if (input.HasUnreadableFiles)
        {
            return ExitCodes.UsageOrInput;
        }

        if (!result.Success)
        {
            context.Out.Write(DiagnosticFormatter.Summary(result.Diagnostics, input.Compilation.SyntaxTrees.Length) + "; nothing written\n");
            return ExitCodes.PolicyErrors;
        }

        try
        {
            OutputFolder.WriteAtomically(output, result.Artifacts, sources);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.UsageError($"cannot write `{output}`: {e.Message}");
        }

        context.Out.Write($"wrote {result.Artifacts.Length} files to {output}\n");
        return ExitCodes.Success;
    }
}
