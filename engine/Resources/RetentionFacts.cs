namespace Sec08Policy.Engine.Resources;

/// <summary>
/// How long a resource keeps its data, in days; a known null means forever (it never expires). <see cref="Floor"/>
/// is how long the data is surely kept, <see cref="Ceiling"/> by when it is surely gone.
/// </summary>
public sealed record RetentionFacts(Fact<int?> Floor, Fact<int?> Ceiling)
{
    public static RetentionFacts Unknown(string reason) => new(Fact<int?>.Unknown(reason), Fact<int?>.Unknown(reason));
}
