using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Compiles policy text in memory with a fixed date.</summary>
internal static class TestPolicies
{
    public static readonly CompilationOptions Options = new() { Today = CliRunner.Today };

    /// <summary>A classification scheme and a key that most binding tests need.</summary>
    public const string Prelude = """
        classification DataClassification {
          levels public < internal < confidential < restricted
          default internal
        }

        key data {
          alias "alias/acme/data"
          protects internal, confidential, restricted
          rotation every 365 days
        }

        """;

    public static Compilation Compile(string text, string path = "test.sec08") =>
        Compilation.Create([SyntaxTree.Parse(text, path)], Options);
}
