using Sec08Policy.Engine.Inputs;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Catalogue;

/// <summary>
/// Encryption properties of the wrong shape (a list where an object belongs, a number where a Boolean belongs, an
/// object where a key belongs, malformed JSON in a string) never crash and never count as known: whether the resource
/// is encrypted is Unknown, or, for a service that always encrypts, its key is; either way with the path and the reason.
/// </summary>
public class WrongShapeTests
{
    [TestCase("wrong-shape-template.yaml")]
    [TestCase("wrong-shape-plan.json")]
    [TestCase("wrong-shape-config.json")]
    public void Input_WrongShapedEncryption_IsUnknownWithItsPath(string file)
    {
        var input = InputLoader.Load(Path.Combine(RepoPaths.Cases, "inputs", "malformed", file));

        Assert.That(input.Resources, Is.Not.Empty);
        foreach (var resource in input.Resources)
        {
            var encryption = resource.Encryption!;
            var reason = encryption.Enabled.IsKnown ? encryption.KeyManager.UnknownReason : encryption.Enabled.UnknownReason;
            Assert.That(encryption.Enabled is { IsKnown: true, Value: false }, Is.False, $"{resource.Id}: read as unencrypted");
            Assert.That(encryption.KeyManager.IsKnown, Is.False, $"{resource.Id}: its key was read as known");
            Assert.That(reason, Does.Match("^`[^`]+` is "), $"{resource.Id}: the reason names the path");
        }
    }
}
