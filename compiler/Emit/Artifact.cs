namespace Sec08Policy.Compiler.Emit;

/// <summary>One output file: a path relative to the output folder (with <c>/</c>) and its UTF-8 text.</summary>
public sealed record Artifact(string Path, string Content);
