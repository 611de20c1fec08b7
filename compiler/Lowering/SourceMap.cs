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

    public Location this[SourceOrigin origin] => _locations[origin];

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
