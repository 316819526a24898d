namespace AtlasGuard.Detectors.Dependencies;

/// <summary>A package source of <c>[[tool.poetry.source]]</c> or <c>[[tool.uv.index]]</c>, with the lines of its parts.</summary>
internal sealed class PackageSource(string table, int line)
{
    /// <summary>The table that declared it (<c>tool.poetry.source</c>, <c>tool.uv.index</c> or <c>index</c> in uv.toml).</summary>
    public string Table { get; } = table;

    /// <summary>The line of the table header.</summary>
    public int Line { get; } = line;

    public string? Name { get; set; }

    public string? Url { get; set; }

    public int UrlLine { get; set; }

    /// <summary>Poetry's priority (<c>primary</c>, <c>supplemental</c>, <c>explicit</c>, <c>secondary</c>, <c>default</c>), or null when unset.</summary>
    public string? Priority { get; set; }

    public bool IsPoetry => Table == "tool.poetry.source";

    public bool IsPyPi => string.Equals(Name, "pypi", StringComparison.OrdinalIgnoreCase) || (Url is { } u && IndexUrl.Parse(u).IsPyPi);
}

/// <summary>
/// Reads the package sources of a <c>pyproject.toml</c> or <c>uv.toml</c> line by line: table headers and
/// <c>key = "value"</c> pairs inside the source tables. Not a TOML parser: enough for the keys that decide where
/// packages come from, and tolerant of anything else.
/// </summary>
internal static class PyprojectIndexes
{
    /// <summary>The most sources read from one file.</summary>
    public const int MaxSources = 200;

    public static IReadOnlyList<PackageSource> Read(string text, bool uvToml, CancellationToken cancellationToken)
    {
        var sources = new List<PackageSource>();
        PackageSource? current = null;
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if ((lineNumber & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var table = line.Trim("[] \t").ToString();
                var isArray = line.StartsWith("[[");
                current = isArray && sources.Count < MaxSources && (table is "tool.poetry.source" or "tool.uv.index" || (uvToml && table == "index"))
                    ? new PackageSource(table, lineNumber)
                    : null;
                if (current is not null)
                {
                    sources.Add(current);
                }

                continue;
            }

            if (current is null)
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().ToString();
            var value = Unquote(line[(equals + 1)..]);
            switch (key)
            {
                case "name":
                    current.Name = value;
                    break;
                case "url":
                    current.Url = value;
                    current.UrlLine = lineNumber;
                    break;
                case "priority":
                    current.Priority = value.ToLowerInvariant();
                    break;
                case "secondary" when value == "true":
                    current.Priority = "secondary";
                    break;
                case "default" when value == "true" && current.IsPoetry:
                    current.Priority = "default";
                    break;
            }
        }

        return sources;
    }

    private static string Unquote(ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        var hash = v.IndexOf(" #");
        if (hash >= 0)
        {
            v = v[..hash].TrimEnd();
        }

        return v.Trim("\"'").ToString();
    }
}
