using System.Globalization;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Onnx;

namespace AtlasGuard.Detectors.Models.Onnx;

/// <summary>
/// Checks every external data reference: the location string on its own (traversal, absolute, drive, UNC,
/// URL), then, for a model on disk, the file it resolves to (links, outside the scan root, missing, range
/// beyond the end). Only <see cref="File.Exists(string)"/> and file-system metadata are used; no target is opened.
/// </summary>
internal sealed partial class OnnxExternalDataChecker(ArtifactLocation location, string? folder, string? root, IFindingSink sink)
{
    private const int MaxReportsPerRule = 20;
    private readonly Dictionary<string, int> _reported = new(StringComparer.Ordinal);

    public void Check(IEnumerable<OnnxTensor> tensors)
    {
        foreach (var tensor in tensors.Where(t => t.IsExternal))
        {
            var at = location.AtOffset(tensor.Offset);
            var where = $"tensor '{tensor.Name}' ({tensor.GraphPath})";
            var path = tensor.External("location");
            if (string.IsNullOrEmpty(path))
            {
                Report(OnnxRules.ExternalDataMissing, at, $"Tensor '{tensor.Name}' is stored externally but names no location.", where);
                continue;
            }

            if (EscapeReason(path) is { } reason)
            {
                Report(OnnxRules.ExternalDataEscapes, at,
                    $"Tensor '{tensor.Name}' loads its data from '{Printable(path)}', which {reason}.", $"{where}: location={Printable(path)}");
                continue;
            }

            if (folder is not null)
            {
                CheckOnDisk(tensor, path, at, where);
            }
        }
    }

    /// <summary>Why <paramref name="path"/> escapes the model's folder, or null when it is a plain relative path.</summary>
    public static string? EscapeReason(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Any(char.IsControl))
        {
            return "contains control characters";
        }

        if (path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal))
        {
            return "is a UNC or network path";
        }

        if (path.StartsWith('/') || path.StartsWith('\\'))
        {
            return "is an absolute path";
        }

        if (DriveLetter().IsMatch(path))
        {
            return "names a Windows drive";
        }

        if (UrlScheme().IsMatch(path))
        {
            return "is a URL";
        }

        if (path.Split('/', '\\').Any(segment => segment.Trim() == ".."))
        {
            return "climbs out of the model's folder with '..'";
        }

        return path.StartsWith('~') ? "starts in a home directory" : null;
    }

    private void CheckOnDisk(OnnxTensor tensor, string path, ArtifactLocation at, string where)
    {
        var candidate = Path.GetFullPath(Path.Combine(folder!, path));
        if (FirstLink(candidate) is { } link)
        {
            Report(OnnxRules.ExternalDataLink, at,
                $"Tensor '{tensor.Name}' loads its data from '{path}', which goes through a symbolic link to '{link.Target}'.",
                $"{where}: {Path.GetRelativePath(folder!, link.Path)} -> {link.Target}");
            return;
        }

        if (root is not null && !IsUnder(candidate, root))
        {
            Report(OnnxRules.ExternalDataLink, at, $"Tensor '{tensor.Name}' loads its data from '{path}', outside the scanned folder.", where);
            return;
        }

        if (!File.Exists(candidate))
        {
            Report(OnnxRules.ExternalDataMissing, at, $"Tensor '{tensor.Name}' loads its data from '{path}', which does not exist.", where);
            return;
        }

        var size = new FileInfo(candidate).Length;
        var offsetText = tensor.External("offset");
        var lengthText = tensor.External("length");
        long offset = 0, length = 0;
        var valid = (offsetText is null || (long.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            && (lengthText is null || long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length));
        if (!valid || offset > size || (lengthText is not null && length > size - offset))
        {
            Report(OnnxRules.ExternalDataMissing, at,
                $"Tensor '{tensor.Name}' reads offset {offsetText ?? "0"} length {lengthText ?? "(rest)"} of '{path}', which has {size} bytes.",
                $"{where}: offset={offsetText} length={lengthText} file size={size}");
        }
    }

    // Each component from the model's folder down to the file; a link anywhere redirects the read.
    private (string Path, string Target)? FirstLink(string candidate)
    {
        var chain = new List<string>();
        for (var p = candidate; p is not null && p.Length > folder!.Length && IsUnder(p, folder); p = Path.GetDirectoryName(p))
        {
            chain.Add(p);
        }

        chain.Reverse();
        foreach (var p in chain)
        {
            try
            {
                if (new FileInfo(p).LinkTarget is { } target)
                {
                    return (p, target);
                }
            }
            catch (IOException)
            {
                return null;
            }
        }

        return null;
    }

    private static bool IsUnder(string path, string folder)
    {
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }

    private static string Printable(string s) => new([.. s.Select(c => char.IsControl(c) ? '?' : c)]);

    private void Report(Core.Rules.RuleDescriptor rule, ArtifactLocation at, string message, string evidence)
    {
        var count = _reported.GetValueOrDefault(rule.Id);
        _reported[rule.Id] = count + 1;
        if (count < MaxReportsPerRule)
        {
            sink.Report(rule.CreateFinding(at, message, key: evidence, evidence: evidence));
        }
    }

    [GeneratedRegex("^[A-Za-z]:")]
    private static partial Regex DriveLetter();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex UrlScheme();
}
