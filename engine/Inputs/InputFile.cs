using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>The resources read from one input file, and what kind of file it was.</summary>
public sealed record InputFile(string Path, InputKind Kind, ImmutableArray<Resource> Resources);
