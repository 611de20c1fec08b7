namespace Sec08Policy.Compiler.Emit.Iam;

/// <summary>A condition IAM cannot express; the emitter turns it into diagnostic SP3001 for the rule.</summary>
internal sealed class IamLoweringException(string reason) : Exception(reason);
