namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>Writes one component.</summary>
internal static class DraftComponentWriter
{
    public static void Write(YamlText y, DraftComponent c, List<DiscoveryEvidence> evidence, List<DiscoveryQuestion> questions)
    {
        y.Line(2, "- id: " + c.Id);
        y.Line(4, "name: " + YamlText.Quote(c.Name));
        y.Line(4, "type: " + c.Type);
        y.Line(4, "zone: internal");
        if (c.Exposure is not null)
        {
            y.Line(4, "exposure: " + c.Exposure, c.ExposureReason);
        }
        else
        {
            y.Comment(4, "TODO: exposure: who can reach it? none, internal, partner or internet");
            questions.Add(new DiscoveryQuestion(c.Id, "exposure", "Who can reach it over the network?"));
        }

        if (c.Serves is not null)
        {
            y.Line(4, "serves: " + c.Serves);
        }

        // The files it was drafted from: scan findings in them become evidence for its threats.
        var sources = c.Evidence.Select(e => e.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sources.Count > 0)
        {
            y.Line(4, "sources: [" + string.Join(", ", sources.Select(YamlText.Quote)) + "]");
        }

        if (c.Props.Count > 0)
        {
            y.Line(4, "props:");
            foreach (var (key, value) in c.Props)
            {
                y.Line(6, key + ": " + YamlText.Value(value), c.PropReasons.GetValueOrDefault(key));
            }
        }

        var unknown = SchemaVocabulary.PropsOf(c.Type).Where(p => !c.Props.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            y.Comment(4, "TODO: not in the files (fill in, or leave out and the rules report \"needs information\"): " + string.Join(", ", unknown));
            questions.AddRange(unknown.Select(p => new DiscoveryQuestion(c.Id, "props." + p, $"What is {p} of {c.Id}?")));
        }

        foreach (var todo in c.Todos.Distinct(StringComparer.Ordinal))
        {
            y.Comment(4, "TODO: " + todo);
        }

        foreach (var remark in c.Remarks)
        {
            y.Comment(4, "about " + remark);
        }

        foreach (var (path, line, fact) in c.Evidence.Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Fact, StringComparer.Ordinal))
        {
            y.Comment(4, "seen: " + DraftWriter.Where(path, line) + fact);
            evidence.Add(new DiscoveryEvidence(c.Id, path, line, fact));
        }
    }
}
