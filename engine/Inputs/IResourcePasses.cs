using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Resources to evaluate without holding their findings: listed, linked and in report order, as often as reports ask,
/// with the resources others link to (the KMS keys and aliases, the EBS encryption-by-default settings) kept apart.
/// </summary>
public interface IResourcePasses
{
    int ResourceCount { get; }

    /// <summary>The input files the resources name, in ordinal order.</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>The resources others link to, linked, in input order.</summary>
    IReadOnlyList<Resource> Kept { get; }

    /// <summary>Every resource, linked, in report order (by file, then position); a kept one as the instance in <see cref="Kept"/>.</summary>
    IEnumerable<Resource> Resources();
}
