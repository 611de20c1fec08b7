using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Serialization;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// The compiled policy a command runs against: <c>--policy PATH...</c> compiled from source, or <c>--rules FILE</c>,
/// the IR a build wrote. Either way the same documents can be emitted from it.
/// </summary>
internal sealed class PolicySource
{
    private readonly Func<EmitOptions, EmitResult> _emit;

    private PolicySource(PolicySet policy, Func<EmitOptions, EmitResult> emit, IEnumerable<string> files)
    {
        Policy = policy;
        _emit = emit;
        Files = [.. files];
    }

    public PolicySet Policy { get; }

    /// <summary>The files the policy was read from, which no output of the run may replace.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The documents <c>build</c> would write for this policy.</summary>
    public EmitResult Emit(EmitOptions? options = null) => _emit(options ?? new EmitOptions());

    /// <summary>Loads the one source given; on failure reports it and returns the exit code.</summary>
    public static PolicySource? Load(string[] policies, string? rules, long maxFileSize, CliContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if ((policies.Length > 0) == (rules is not null))
        {
            exitCode = context.UsageError("give either `--policy PATH...` or `--rules FILE`");
            return null;
        }

        if (rules is not null)
        {
            try
            {
                var policy = PolicySetJson.Read(SafeFile.ReadAll(rules, maxFileSize), rules);
                return new PolicySource(policy, options => PolicySetEmitter.Emit(policy, options), [rules]);
            }
            catch (InputException e)
            {
                context.Error.Write($"{e.File}({e.Line},{e.Column}): error: {e.Message}\n");
                exitCode = ExitCodes.UsageOrInput;
                return null;
            }
            catch (FileTooLargeException e)
            {
                exitCode = context.UsageError($"cannot read `{rules}`: {e.Message} (set by `--max-policy-size`)");
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                exitCode = context.UsageError($"cannot read `{rules}`: {e.Message}");
                return null;
            }
        }

        var input = PolicyInput.Load(policies, maxFileSize, context);
        if (input is null)
        {
            exitCode = ExitCodes.UsageOrInput;
            return null;
        }

        if (input.HasErrors)
        {
            DiagnosticFormatter.WriteHuman(context.Error, input.Diagnostics.Where(d => d.IsError));
            exitCode = input.HasUnreadableFiles ? ExitCodes.UsageOrInput : ExitCodes.PolicyErrors;
            return null;
        }

        return new PolicySource(input.Compilation.Lower()!, input.Compilation.Emit, input.Compilation.SyntaxTrees.Select(t => t.Path));
    }
}
