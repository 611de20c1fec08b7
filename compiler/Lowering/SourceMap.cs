using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Lowering;

/// <summary>
/// The source location behind each origin of the IR, recorded while lowering, so that emitters report diagnostics
/// with the exact span (and source line) from the IR alone.
/// </summary>
internal sealed class SourceMap
{
    private readonly ImmutableDictionary<SourceOrigin, Location> _locations;

    private SourceMap(ImmutableDictionary<SourceOrigin, Location> locations) => _locations = locations;

    /// <summary>A map for IR read back from <c>rules.json</c>: no source text, only the origins' files and positions.</summary>
    public static SourceMap None { get; } = new(ImmutableDictionary<SourceOrigin, Location>.Empty);

    /// <summary>
    /// The location of an origin. Without its source (IR read from <c>rules.json</c>), a placeholder text of that file
    /// whose span starts at the origin's line and column, so a diagnostic still points at the right place.
    /// </summary>
    public Location this[SourceOrigin origin] =>
        _locations.TryGetValue(origin, out var location)
            ? location
            : new Location(
                SourceText.From(new string('\n', Math.Max(0, origin.Line - 1)) + new string(' ', Math.Max(0, origin.Column - 1)), origin.File),
                new TextSpan(Math.Max(0, origin.Line - 1) + Math.Max(0, origin.Column - 1), 0));

    internal sealed class Builder
    {
        private readonly ImmutableDictionary<SourceOrigin, Location>.Builder _locations = ImmutableDictionary.CreateBuilder<SourceOrigin, Location>();

        public SourceOrigin Add(Location location)
        {
            var origin = Lowerer.Origin(location);
            _locations[origin] = location;
            return origin;
        }

        public SourceMap ToSourceMap() => new(_locations.ToImmutable());
    }
}
