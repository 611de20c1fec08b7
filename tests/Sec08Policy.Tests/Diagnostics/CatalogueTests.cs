using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Diagnostics;

public partial class CatalogueTests
{
    [GeneratedRegex(@"^SP(\d)\d{3}$")]
    private static partial Regex IdPattern();

    [Test]
    public void Catalogue_Ids_AreUniqueAndInTheirCategoryRange()
    {
        Assert.That(Descriptors.All.Select(d => d.Id), Is.Unique);
        foreach (var descriptor in Descriptors.All)
        {
            var match = IdPattern().Match(descriptor.Id);
            Assert.That(match.Success, Is.True, descriptor.Id);
            Assert.That(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo((int)descriptor.Category), descriptor.Id);
        }
    }

    [Test]
    public void Catalogue_Messages_FollowTheMessageStyle()
    {
        foreach (var descriptor in Descriptors.All)
        {
            Assert.That(descriptor.MessageFormat, Does.Not.EndWith("."), descriptor.Id);
            Assert.That(char.IsUpper(descriptor.MessageFormat[0]), Is.False, descriptor.Id);
        }
    }

    [Test]
    public void Docs_EveryDiagnosticHasAnEntry()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Docs, "diagnostics.md"));
        var missing = Descriptors.All.Where(d => !doc.Contains($"## {d.Id}", StringComparison.Ordinal)).Select(d => d.Id).ToList();

        Assert.That(missing, Is.Empty, "docs/diagnostics.md has no section for these IDs");
    }

    /// <summary>Each ID is produced by at least one case, so no catalogue entry is dead (SP9001 needs a bug, SP1010 an unreadable file).</summary>
    [Test]
    public void Cases_EveryDiagnosticIsExercised()
    {
        var goldens = Directory.EnumerateFiles(RepoPaths.Cases, "*.txt", SearchOption.AllDirectories).Select(File.ReadAllText);
        var all = string.Concat(goldens);
        var untested = Descriptors.All.Select(d => d.Id).Where(id => id is not ("SP9001" or "SP1010") && !all.Contains($" {id}: ", StringComparison.Ordinal)).ToList();

        Assert.That(untested, Is.Empty, "no golden case reports these IDs");
    }
}
