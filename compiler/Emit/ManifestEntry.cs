using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit;

/// <summary>Where an emitted statement came from: its file and Sid, and the policy line that produced it.</summary>
public sealed record ManifestEntry(string File, string Sid, string Kind, string Source, SourceOrigin Origin);
