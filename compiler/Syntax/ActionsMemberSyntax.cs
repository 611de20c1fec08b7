using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>actions s3:GetObject, kms:Decrypt</c>.</summary>
public sealed record ActionsMemberSyntax(ImmutableArray<ActionSyntax> Actions, TextSpan Span) : MemberSyntax(MemberKind.Actions, Span);
