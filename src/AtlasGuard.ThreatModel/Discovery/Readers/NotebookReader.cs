using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Jupyter notebooks: their presence means a notebook environment. A notebook saved from Colab says so in its
/// metadata. Notebooks are attached to a notebook service found in compose or manifests, else to one drafted
/// <c>notebooks</c> component.
/// </summary>
internal sealed class NotebookReader
{
    private const int MaxEvidence = 20;

    private readonly List<(string Path, bool Colab)> _notebooks = [];

    public static bool IsNotebook(string fileName) => fileName.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    public void Add(string path, string? text) =>
        _notebooks.Add((path, text is not null && text.Contains("\"colab\":", StringComparison.Ordinal)));

    public void Finish(DraftDocument draft)
    {
        if (_notebooks.Count == 0)
        {
            return;
        }

        var component = draft.FirstOfType("notebook_env");
        if (component is null)
        {
            component = draft.AddComponent("notebooks", "notebook_env", "notebooks in the repository");
            component.FromRepositoryCode = true;
        }

        if (!component.Props.ContainsKey("product") && _notebooks.All(n => n.Colab))
        {
            component.Set("product", "colab", "every notebook was saved from Google Colab");
        }

        foreach (var (path, colab) in _notebooks.OrderBy(n => n.Path, StringComparer.Ordinal).Take(MaxEvidence))
        {
            component.AddEvidence(path, 0, colab ? "notebook saved from Google Colab" : "notebook");
        }

        if (_notebooks.Count > MaxEvidence)
        {
            component.AddEvidence(".", 0, $"{_notebooks.Count - MaxEvidence} more notebooks");
        }
    }
}
