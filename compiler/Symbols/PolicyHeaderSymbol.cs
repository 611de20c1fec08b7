using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>
/// The policy header; <see cref="Account"/> is the AWS account that owns the keys and policies, and
/// <see cref="S3BucketAbac"/> says every governed S3 bucket has ABAC enabled.
/// </summary>
public sealed record PolicyHeaderSymbol(string Name, string? Description, string? Owner, string? Account, bool S3BucketAbac, Location Location) : Symbol(Name, Location);
