using System.Text;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// Shell scripts (<c>*.sh</c>, <c>*.bash</c>, or a <c>#!</c> shell line) and Makefiles (their recipe lines) that start
/// MLOps services on the machine, in containers, or through <c>kubectl port-forward</c>.
/// </summary>
internal sealed class ScriptServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-scripts";

    protected override bool Applies(ScanTarget target)
    {
        var name = target.Name;
        if (name.EndsWith(".sh", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bash", StringComparison.OrdinalIgnoreCase) || IsMakefile(name))
        {
            return true;
        }

        var head = target.Head.Span;
        return !name.Contains('.', StringComparison.Ordinal) && head.StartsWith("#!"u8)
            && (head[..Math.Min(head.Length, 40)].IndexOf("sh"u8) > 0);
    }

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        var script = IsMakefile(target.Name) ? Recipes(text) : text;
        CheckAll(ShellLaunches.Read(script, Catalog, reporter, cancellationToken), reporter, cancellationToken);
    }

    private static bool IsMakefile(string name) =>
        name is "Makefile" or "makefile" or "GNUmakefile" || name.EndsWith(".mk", StringComparison.OrdinalIgnoreCase);

    // Keeps recipe lines (tab-indented, without their @ - + prefixes) and blanks the rest, so line numbers stay.
    private static string Recipes(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("\t"))
            {
                result.Append(line[1..].TrimStart("@-+ \t").ToString().Replace("$$", "$", StringComparison.Ordinal));
            }

            result.Append('\n');
        }

        return result.ToString();
    }
}
