using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit;

/// <summary>A policy document with the file it goes to and the origin of each of its statements.</summary>
public sealed record EmittedDocument(string Path, string Name, PolicyDocument Document, ImmutableArray<ManifestEntry> Entries);
