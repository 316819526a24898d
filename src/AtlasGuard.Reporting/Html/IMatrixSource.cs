using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;

namespace AtlasGuard.Reporting.Html;

/// <summary>What one cell of the ATLAS matrix shows.</summary>
/// <param name="Count">How many items (findings, threats) name the technique; 0 for a quiet cell.</param>
/// <param name="Level">The <c>data-severity</c> value that colours the cell (a severity or risk band name), <c>none</c> when quiet.</param>
/// <param name="Tooltip">The cell's title, or null.</param>
/// <param name="Observed">Whether the cell carries an "observed" badge (threats a scan finding supports).</param>
internal sealed record MatrixCell(int Count, string Level, string? Tooltip, bool Observed)
{
    public static MatrixCell Empty { get; } = new(0, "none", null, false);
}

/// <summary>
/// What <see cref="MatrixSection"/> draws: the catalog, the words for the items it counts, the colour levels worst
/// first, and a cell per technique (its own items, and rolled up with its sub-techniques').
/// </summary>
internal interface IMatrixSource
{
    AtlasCatalog Catalog { get; }

    /// <summary>The counted item, singular: "finding", "threat".</summary>
    string Noun { get; }

    /// <summary>The sentence of the lead that says what colours a cell.</summary>
    string Colouring { get; }

    /// <summary>The legend's accessible name.</summary>
    string LegendLabel { get; }

    /// <summary>The levels of the legend, worst first.</summary>
    IReadOnlyList<string> Levels { get; }

    /// <summary>Technique ids the items name that the catalog does not know, ordered.</summary>
    ImmutableArray<string> UnknownTechniques { get; }

    /// <summary>The technique's own items and, for a parent, those of its sub-techniques, counted once.</summary>
    MatrixCell Rolled(string techniqueId);

    /// <summary>The technique's own items only.</summary>
    MatrixCell Own(string techniqueId);

    /// <summary>Distinct items naming a technique of the tactic or one of their sub-techniques.</summary>
    int CountIn(AtlasTactic tactic);
}
