using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Tests.Reporting;

/// <summary>A report section's rows go to a temporary file past a bound, come back in order, and the file goes with the spool.</summary>
public class RowSpoolTests
{
    [Test]
    public void RowSpool_PastItsBound_KeepsTheRowsInAFileItDeletes()
    {
        var rows = Enumerable.Range(0, 5_000).Select(i => $"| row {i} | é ✓ `{i * 7}` |\n").ToList();
        string? path;
        var copied = new StringWriter();
        using (var spool = new RowSpool(memoryChars: 1_000))
        {
            foreach (var row in rows)
            {
                spool.Add(row);
            }

            path = spool.FilePath;
            Assert.That(path, Is.Not.Null, "past its bound the rows are in a file");
            Assert.That(File.Exists(path), Is.True);
            spool.CopyTo(copied);
        }

        Assert.That(copied.ToString(), Is.EqualTo(string.Concat(rows)));
        Assert.That(File.Exists(path), Is.False, "the file is deleted with the spool");
    }

    [TestCase(1_000)]
    [TestCase(1 << 20)]
    public void RowSpool_Rows_AreTheRowsAddedWithoutTheirEnd(int memoryChars)
    {
        var rows = Enumerable.Range(0, 3_000).Select(i => $"case {i}\u0001line\nwith é\u0001{i}").ToList();
        using var spool = new RowSpool(memoryChars);
        foreach (var row in rows)
        {
            spool.Add(row + "\u0002");
        }

        Assert.That(spool.Rows('\u0002'), Is.EqualTo(rows));
        Assert.That(spool.FilePath is not null, Is.EqualTo(memoryChars == 1_000), "in a file only past the bound");
    }

    [Test]
    public void RowSpool_WhereNoFileCanBeMade_KeepsTheRowsInMemory()
    {
        // A read-only temporary folder (a container's read-only root) must not end the report.
        using var temp = new Sec08Policy.Tests.Infrastructure.TempFolder();
        var rows = Enumerable.Range(0, 2_000).Select(i => $"| row {i} |\u0002").ToList();
        using var spool = new RowSpool(memoryChars: 100, folder: temp.Combine("does-not-exist"));
        foreach (var row in rows)
        {
            spool.Add(row);
        }

        var copied = new StringWriter();
        spool.CopyTo(copied);

        Assert.That(spool.FilePath, Is.Null);
        Assert.That(copied.ToString(), Is.EqualTo(string.Concat(rows)));
        Assert.That(spool.Rows('\u0002'), Is.EqualTo(rows.Select(r => r[..^1])));
    }

    [Test]
    public void RowSpool_WithinItsBound_WritesNoFile()
    {
        var copied = new StringWriter();
        using var spool = new RowSpool(memoryChars: 1_000);
        spool.Add("| a |\n");
        spool.Add("| b |\n");

        spool.CopyTo(copied);

        Assert.That(spool.FilePath, Is.Null);
        Assert.That(copied.ToString(), Is.EqualTo("| a |\n| b |\n"));
        Assert.That(new RowSpool().IsEmpty, Is.True);
    }
}
