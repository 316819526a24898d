namespace AtlasGuard.Formats.Yaml;

/// <summary>A 1-based line and column in a YAML text; line 0 when unknown.</summary>
public readonly record struct YamlMark(int Line, int Column)
{
    /// <summary>No position.</summary>
    public static YamlMark None => default;

    internal static YamlMark From(YamlDotNet.Core.Mark mark) =>
        new((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));
}
